using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PostLoan.Application.Common;
using PostLoan.Application.EndOfDay;
using PostLoan.Domain.Audit;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.Audit;
using PostLoan.Infrastructure.Identity;
using PostLoan.Infrastructure.Persistence;
using PostLoan.Infrastructure.Persistence.EntityConfigurations;

namespace PostLoan.Application.Inspections;

/// <summary>A report as its author writes it: for a task, or for a loan when the visit was not planned.</summary>
public sealed record ReportDraft(long? TaskId, string? Loan, VisitReportContent Content);

public sealed record AttachmentRow(long Id, string FileName, string ContentType, long SizeBytes, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

public sealed record ReportVersionRow(long Id, int Version, string Status, string Author, DateOnly? SubmittedOn, string? ReviewedBy);

/// <summary>A report with what people need beside it: the loan, the checklist the loan asks for, its files and its versions.</summary>
public sealed record ReportDetail(long Id, long RootId, int Version, long? PreviousVersionId, long? TaskId, string? TaskKind, string LoanExternalId,
    string BorrowerExternalId, string BorrowerName, string Segment, string Method, DateOnly VisitedOn, string Participants,
    IReadOnlyList<ChecklistEntry> Checklist, IReadOnlyList<ChecklistItem> Required, string Findings, string RiskRating, IReadOnlyList<ReportAction> Actions,
    string Status, string Author, DateOnly CreatedOn, DateOnly? SubmittedOn, string? ReviewedBy, DateOnly? ReviewedOn, string? ReviewNote,
    IReadOnlyList<AttachmentRow> Attachments, IReadOnlyList<ReportVersionRow> Versions, IReadOnlyList<long> TasksOpened);

public sealed record ReportRow(long Id, long RootId, int Version, string LoanExternalId, string BorrowerName, string Method, DateOnly VisitedOn,
    string RiskRating, string Status, string Author, DateOnly? SubmittedOn, int RiskPoints);

/// <summary>
/// Visit reports (回访记录, SPEC §7): drafting (which starts the task), editing, submitting (which closes the task and
/// opens the tasks the recommended actions ask for), approval or return by a second person, amendment of an approved
/// report as a new version, and attachments kept with their SHA-256. Every step is dated with the business date and
/// audited; a report on a loan outside the caller's scope is "not found".
/// </summary>
public sealed class ReportBook(DatabaseSettings database, TimeProvider clock)
{
    /// <summary>The largest attachment taken, in bytes.</summary>
    public const long MaxAttachmentBytes = 20 * 1024 * 1024;

    /// <summary>The checklist a visit to this loan asks for today (with <paramref name="taskKind"/> for a first inspection).</summary>
    public Result<IReadOnlyList<ChecklistItem>> Checklist(string loan, string? taskKind, DataScope scope)
    {
        using var db = database.CreateContext();
        var today = EndOfDayService.CurrentBusinessDate(db) ?? DateOnly.MinValue;
        var found = ScopedLoan(db, scope, loan);
        return found is null ? Result<IReadOnlyList<ChecklistItem>>.NotFound($"no loan '{loan}'")
            : Result<IReadOnlyList<ChecklistItem>>.Ok(Required(db, found.Id, found.Segment, found.DisbursedOn, today, taskKind));
    }

    public Result<ReportDetail> Draft(ReportDraft draft, TaskViewer viewer)
    {
        using var db = database.CreateContext();
        if (EndOfDayService.CurrentBusinessDate(db) is not { } today) return NoDate();
        long loanId;
        InspectionTask? task = null;
        if (draft.TaskId is { } taskId)
        {
            var row = TaskBook.Visible(db, viewer, mine: false).SingleOrDefault(x => x.T.Id == taskId);
            if (row is null) return Result<ReportDetail>.NotFound($"no task {taskId}");
            task = db.InspectionTasks.Single(t => t.Id == taskId);
            if (!task.IsOpen) return Result<ReportDetail>.Conflict($"task {taskId} is {TaskBook.StatusCode(task.Status).Replace('_', ' ')}: a report answers an open task");
            if (!TaskKinds.IsVisit(task.Kind)) return Result<ReportDetail>.Conflict($"task {taskId} is a {task.Kind}: it is not answered by a visit report");
            if (task.LoanId is null) return Result<ReportDetail>.Conflict($"task {taskId} is not about a loan");
            if (db.VisitReports.Any(r => r.TaskId == taskId && (r.Status == VisitReportStatus.Draft || r.Status == VisitReportStatus.Returned)))
                return Result<ReportDetail>.Conflict($"task {taskId} already has a report being written");
            loanId = task.LoanId.Value;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(draft.Loan)) return Result<ReportDetail>.Invalid("loan", "name the task or the loan the report is about");
            var loan = ScopedLoan(db, viewer.Scope, draft.Loan);
            if (loan is null) return Result<ReportDetail>.NotFound($"no loan '{draft.Loan}'");
            loanId = loan.Id;
        }
        if (Check(draft.Content, today) is { } problem) return problem;
        var borrowerId = db.Loans.Where(l => l.Id == loanId).Select(l => l.BorrowerId).Single();
        VisitReport report;
        try
        {
            report = VisitReport.Draft(loanId, borrowerId, task?.Id, viewer.Actor, today, draft.Content);
        }
        catch (DomainException e)
        {
            return Invalid(e.Message);
        }
        using var tx = db.Database.BeginTransaction();
        db.VisitReports.Add(report);
        // Writing the report is the first action on its task.
        if (task is { Status: InspectionTaskStatus.Open }) task.Start(today);
        db.SaveChanges();
        Audit(db, tx, viewer.Actor, "report.draft", report, null);
        tx.Commit();
        return Get(report.Id, viewer.Scope);
    }

    public Result<ReportDetail> Edit(long id, VisitReportContent content, TaskViewer viewer) =>
        Change(id, viewer, "report.edit", (db, report, today) =>
            !report.IsEditable ? Conflict($"report {id} is {Code(report.Status)}: {(report.Status == VisitReportStatus.Submitted ? "it waits for review" : "amend it instead")}")
            : report.Author != viewer.Actor ? Conflict($"only the report's author ({report.Author}) changes it")
            : Check(content, today) ?? Try(() => report.Edit(content, viewer.Actor)));

    /// <summary>Files the report: refused with every problem found; otherwise its task is done and its actions open their tasks.</summary>
    public Result<ReportDetail> Submit(long id, TaskViewer viewer) =>
        Change(id, viewer, "report.submit", (db, report, today) =>
        {
            if (!report.IsEditable) return Conflict($"report {id} is {Code(report.Status)}: only a draft or returned report is submitted");
            if (report.Author != viewer.Actor) return Conflict($"only the report's author ({report.Author}) submits it");
            var loan = db.Loans.Where(l => l.Id == report.LoanId).Select(l => new { l.Segment, l.DisbursedOn, l.BorrowerId }).Single();
            var task = report.TaskId is { } t ? db.InspectionTasks.Single(x => x.Id == t) : null;
            var required = Required(db, report.LoanId, loan.Segment, loan.DisbursedOn, report.VisitedOn, task?.Kind);
            // A returned report was submitted before: the actions it submitted then already have their tasks.
            var opened = db.InspectionTasks.Where(x => x.ReportId == report.Id && x.Origin == TaskOrigin.Report).Select(x => new { x.Kind, x.Reason }).ToList();
            var manager = db.Borrowers.Where(b => b.Id == loan.BorrowerId).Select(b => b.AccountManager).Single();
            var actions = report.Actions.Where(a => !opened.Any(o => o.Kind == ActionTaskKind(a) && o.Reason == ActionReason(a, report))).ToList();
            foreach (var action in actions)
                if (action.Kind == ReportActionKind.FollowUpTask && action.DueOn < today)
                    return Invalid($"actions: the follow-up '{action.Note}' is due {action.DueOn:yyyy-MM-dd}, before the business date {today:yyyy-MM-dd}");
            var problems = report.Submit(today, viewer.Actor, required);
            if (problems.Count > 0) return Result<ReportDetail>.Invalid(problems[0].Split(':')[0], string.Join("; ", problems));
            // An amendment's task was closed by the first version.
            if (task is { IsOpen: true }) task.Complete(today, viewer.Actor, report.Id);
            db.SaveChanges();
            foreach (var action in actions) db.InspectionTasks.Add(ActionTask(action, report, loan.BorrowerId, manager, today, viewer.Actor));
            return null;
        });

    public Result<ReportDetail> Approve(long id, string? note, TaskViewer viewer) =>
        Change(id, viewer, "report.approve", (db, report, today) =>
        {
            if (report.Status != VisitReportStatus.Submitted) return Conflict($"report {id} is {Code(report.Status)}: only a submitted report is approved");
            if (report.Author == viewer.Actor) return Conflict("a report is approved by someone other than its author");
            report.Approve(today, viewer.Actor, note);
            if (report.PreviousVersionId is { } previous) db.VisitReports.Single(r => r.Id == previous).Supersede();
            return null;
        });

    public Result<ReportDetail> Return(long id, string note, TaskViewer viewer) =>
        Change(id, viewer, "report.return", (db, report, today) =>
            report.Status != VisitReportStatus.Submitted ? Conflict($"report {id} is {Code(report.Status)}: only a submitted report is returned")
            : report.Author == viewer.Actor ? Conflict("a report is returned by someone other than its author")
            : string.IsNullOrWhiteSpace(note) ? Invalid("note: say what the author should change")
            : Try(() => report.Return(today, viewer.Actor, note)));

    /// <summary>A new draft version of an approved report, with its files; the approved one stays until the amendment is approved.</summary>
    public Result<ReportDetail> Amend(long id, TaskViewer viewer)
    {
        using var db = database.CreateContext();
        if (EndOfDayService.CurrentBusinessDate(db) is not { } today) return NoDate();
        var report = Scoped(db, viewer.Scope, id);
        if (report is null) return Result<ReportDetail>.NotFound($"no report {id}");
        if (report.Status != VisitReportStatus.Approved) return Result<ReportDetail>.Conflict($"report {id} is {Code(report.Status)}: only an approved report is amended");
        if (db.VisitReports.Any(r => r.PreviousVersionId == id && r.Status != VisitReportStatus.Superseded))
            return Result<ReportDetail>.Conflict($"report {id} already has an amendment");
        var amendment = report.Amend(viewer.Actor, today);
        using var tx = db.Database.BeginTransaction();
        db.VisitReports.Add(amendment);
        db.SaveChanges();
        foreach (var file in db.ReportAttachments.Where(a => a.ReportId == id).ToList()) db.ReportAttachments.Add(file.CopyTo(amendment.Id));
        db.SaveChanges();
        Audit(db, tx, viewer.Actor, "report.amend", amendment, null);
        tx.Commit();
        return Get(amendment.Id, viewer.Scope);
    }

    /// <summary>Keeps a file with a draft or returned report. The bytes are stored once per SHA-256.</summary>
    public Result<AttachmentRow> Attach(long id, string fileName, string contentType, byte[] content, TaskViewer viewer)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return Result<AttachmentRow>.Invalid("file", "the file needs a name");
        if (content.Length == 0) return Result<AttachmentRow>.Invalid("file", $"{fileName} is empty");
        if (content.Length > MaxAttachmentBytes) return Result<AttachmentRow>.Invalid("file", $"{fileName} is {content.Length:N0} bytes; the limit is {MaxAttachmentBytes:N0}");
        using var db = database.CreateContext();
        var report = Scoped(db, viewer.Scope, id);
        if (report is null) return Result<AttachmentRow>.NotFound($"no report {id}");
        if (!report.IsEditable) return Result<AttachmentRow>.Conflict($"report {id} is {Code(report.Status)}: files are added while it is a draft");
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var file = ReportAttachment.Of(id, fileName, contentType, content.Length, hash, viewer.Actor, clock.GetUtcNow());
        using var tx = db.Database.BeginTransaction();
        if (!db.AttachmentContents.Any(c => c.Sha256 == hash)) db.AttachmentContents.Add(new AttachmentContent { Sha256 = hash, Content = content });
        db.ReportAttachments.Add(file);
        db.SaveChanges();
        new AuditTrail(database, clock).Append(new AuditRecord(viewer.Actor, "report.attach", "report", id.ToString(CultureInfo.InvariantCulture), null,
            AuditJson.Of(("file", file.FileName), ("content_type", file.ContentType), ("size", file.SizeBytes), ("sha256", hash))), tx.GetDbTransaction());
        tx.Commit();
        return Result<AttachmentRow>.Ok(Row(file));
    }

    /// <summary>A file's bytes, checked against its hash on the way out.</summary>
    public Result<(AttachmentRow File, byte[] Content)> Attachment(long reportId, long attachmentId, DataScope scope)
    {
        using var db = database.CreateContext();
        if (Scoped(db, scope, reportId) is null) return Result<(AttachmentRow, byte[])>.NotFound($"no report {reportId}");
        var file = db.ReportAttachments.SingleOrDefault(a => a.Id == attachmentId && a.ReportId == reportId);
        if (file is null) return Result<(AttachmentRow, byte[])>.NotFound($"no file {attachmentId} on report {reportId}");
        var content = db.AttachmentContents.Where(c => c.Sha256 == file.Sha256).Select(c => c.Content).Single();
        if (Convert.ToHexStringLower(SHA256.HashData(content)) != file.Sha256)
            throw new InvalidOperationException($"the stored bytes of file {attachmentId} no longer match their SHA-256 {file.Sha256}");
        return Result<(AttachmentRow, byte[])>.Ok((Row(file), content));
    }

    public Result<ReportDetail> Get(long id, DataScope scope)
    {
        using var db = database.CreateContext();
        var today = EndOfDayService.CurrentBusinessDate(db) ?? DateOnly.MinValue;
        var report = Scoped(db, scope, id);
        if (report is null) return Result<ReportDetail>.NotFound($"no report {id}");
        var loan = (from l in db.Loans join b in db.Borrowers on l.BorrowerId equals b.Id where l.Id == report.LoanId
                    select new { l.Id, l.ExternalId, Borrower = b.ExternalId, b.Name, l.Segment, l.DisbursedOn }).Single();
        var taskKind = report.TaskId is { } t ? db.InspectionTasks.Where(x => x.Id == t).Select(x => x.Kind).Single() : null;
        var root = report.RootId ?? report.Id;
        var versions = db.VisitReports.Where(r => r.Id == root || r.RootId == root).OrderBy(r => r.Version)
            .Select(r => new { r.Id, r.Version, r.Status, r.Author, r.SubmittedOn, r.ReviewedBy }).ToList()
            .Select(r => new ReportVersionRow(r.Id, r.Version, Code(r.Status), r.Author, r.SubmittedOn, r.ReviewedBy)).ToList();
        var files = db.ReportAttachments.Where(a => a.ReportId == id).OrderBy(a => a.Id).ToList();
        var opened = db.InspectionTasks.Where(x => x.ReportId == id && x.Origin == TaskOrigin.Report).OrderBy(x => x.Id).Select(x => x.Id).ToList();
        return Result<ReportDetail>.Ok(new ReportDetail(report.Id, root, report.Version, report.PreviousVersionId, report.TaskId, taskKind, loan.ExternalId,
            loan.Borrower, loan.Name, loan.Segment.ToString().ToLowerInvariant(), MethodCode(report.Method), report.VisitedOn, report.Participants,
            report.Checklist, Required(db, loan.Id, loan.Segment, loan.DisbursedOn, report.IsEditable ? today : report.VisitedOn, taskKind),
            report.Findings, report.RiskRating.ToString().ToLowerInvariant(), report.Actions, Code(report.Status), report.Author, report.CreatedOn,
            report.SubmittedOn, report.ReviewedBy, report.ReviewedOn, report.ReviewNote, [.. files.Select(Row)], versions, opened));
    }

    /// <summary>Reports in the scope: of a loan, by status (<c>submitted</c> is the review queue), newest first.</summary>
    public IReadOnlyList<ReportRow> List(DataScope scope, string? loan = null, string? status = null, int take = 200)
    {
        using var db = database.CreateContext();
        var query = from r in db.VisitReports
                    join l in db.Loans on r.LoanId equals l.Id
                    join b in scope.Apply(db.Borrowers) on l.BorrowerId equals b.Id
                    select new { r, Loan = l.ExternalId, b.Name };
        if (!string.IsNullOrWhiteSpace(loan)) query = query.Where(x => x.Loan == loan);
        if (!string.IsNullOrWhiteSpace(status) && Enum.TryParse<VisitReportStatus>(status, ignoreCase: true, out var s)) query = query.Where(x => x.r.Status == s);
        return [.. query.OrderByDescending(x => x.r.VisitedOn).ThenByDescending(x => x.r.Id).Take(Math.Clamp(take, 1, 1000)).ToList()
            .Select(x => new ReportRow(x.r.Id, x.r.RootId ?? x.r.Id, x.r.Version, x.Loan, x.Name, MethodCode(x.r.Method), x.r.VisitedOn,
                x.r.RiskRating.ToString().ToLowerInvariant(), Code(x.r.Status), x.r.Author, x.r.SubmittedOn, x.r.RiskPoints))];
    }

    public static string MethodCode(VisitMethod method) => method switch
    {
        VisitMethod.OnSite => "on_site",
        VisitMethod.OnlineCheck => "online_check",
        _ => "phone",
    };

    public static bool TryMethod(string? text, out VisitMethod method)
    {
        method = text?.Trim().ToLowerInvariant() switch
        {
            "phone" => VisitMethod.Phone,
            "on_site" or "onsite" => VisitMethod.OnSite,
            "online_check" or "online" => VisitMethod.OnlineCheck,
            _ => (VisitMethod)(-1),
        };
        return Enum.IsDefined(method);
    }

    /// <summary>The task a recommended action opens when its report is submitted.</summary>
    internal static InspectionTask ActionTask(ReportAction action, VisitReport report, long borrowerId, string? manager, DateOnly today, string actor) => action.Kind switch
    {
        ReportActionKind.FollowUpTask => InspectionTask.Open(ActionTaskKind(action), borrowerId, report.LoanId, action.DueOn!.Value, manager, TaskOrigin.Report,
            ActionReason(action, report), today, actor, reportId: report.Id),
        ReportActionKind.ProposeClass => InspectionTask.Open(ActionTaskKind(action), borrowerId, report.LoanId, BusinessCalendar.AddBusinessDays(today, 5),
            "role:" + Roles.RiskOfficer, TaskOrigin.Report, ActionReason(action, report), today, actor, reportId: report.Id),
        _ => InspectionTask.Open(ActionTaskKind(action), borrowerId, report.LoanId, BusinessCalendar.AddBusinessDays(today, 10),
            "role:" + Roles.RiskOfficer, TaskOrigin.Report, ActionReason(action, report), today, actor, reportId: report.Id),
    };

    private static string ActionTaskKind(ReportAction action) => action.Kind switch
    {
        ReportActionKind.FollowUpTask => action.TaskKind!.Trim(),
        ReportActionKind.ProposeClass => TaskKinds.ClassReview,
        _ => TaskKinds.RestructuringReview,
    };

    private static string ActionReason(ReportAction action, VisitReport report) => (action.Kind switch
    {
        ReportActionKind.FollowUpTask => $"report {report.RootId ?? report.Id}: {action.Note}",
        ReportActionKind.ProposeClass => $"report {report.RootId ?? report.Id} proposes class {action.ProposedClass!.Value.Code()} ({action.ProposedClass.Value.Chinese()}): {action.Note}",
        _ => $"report {report.RootId ?? report.Id} proposes a restructuring: {action.Note}",
    }).Trim();

    private static IReadOnlyList<ChecklistItem> Required(PostLoanDbContext db, long loanId, Segment segment, DateOnly disbursedOn, DateOnly on, string? taskKind) =>
        VisitChecklist.For(segment, db.Collateral.Any(c => c.LoanId == loanId), disbursedOn, on, taskKind);

    private static Result<ReportDetail>? Check(VisitReportContent content, DateOnly today)
    {
        if (content.VisitedOn > today) return Invalid($"visited_on: the visit date {content.VisitedOn:yyyy-MM-dd} is after the business date {today:yyyy-MM-dd}");
        if (content.Participants.Length > 1000) return Invalid("participants: at most 1,000 characters");
        if (content.Findings.Length > 8000) return Invalid("findings: at most 8,000 characters");
        if (content.Checklist.Any(c => c.Note is { Length: > 1000 })) return Invalid("checklist: a note is at most 1,000 characters");
        if (content.Actions.Count > 20) return Invalid("actions: at most 20 recommended actions");
        foreach (var action in content.Actions)
            if (action.TaskKind is { Length: > 48 }) return Invalid("actions: a task kind is at most 48 characters");
        return null;
    }

    private sealed record LoanKey(long Id, Segment Segment, DateOnly DisbursedOn);

    private static LoanKey? ScopedLoan(PostLoanDbContext db, DataScope scope, string loan) =>
        (from l in db.Loans join b in scope.Apply(db.Borrowers) on l.BorrowerId equals b.Id where l.ExternalId == loan select new LoanKey(l.Id, l.Segment, l.DisbursedOn)).SingleOrDefault();

    private static VisitReport? Scoped(PostLoanDbContext db, DataScope scope, long id) =>
        (from r in db.VisitReports join b in scope.Apply(db.Borrowers) on r.BorrowerId equals b.Id where r.Id == id select r).SingleOrDefault();

    private Result<ReportDetail> Change(long id, TaskViewer viewer, string action, Func<PostLoanDbContext, VisitReport, DateOnly, Result<ReportDetail>?> apply)
    {
        using var db = database.CreateContext();
        if (EndOfDayService.CurrentBusinessDate(db) is not { } today) return NoDate();
        var report = Scoped(db, viewer.Scope, id);
        if (report is null) return Result<ReportDetail>.NotFound($"no report {id}");
        var before = Snapshot(report);
        using var tx = db.Database.BeginTransaction();
        if (apply(db, report, today) is { } failure) return failure;
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ReportDetail>.Conflict($"report {id} was changed by someone else meanwhile: reload it and try again");
        }
        Audit(db, tx, viewer.Actor, action, report, before);
        tx.Commit();
        return Get(id, viewer.Scope);
    }

    private void Audit(PostLoanDbContext db, IDbContextTransaction tx, string actor, string action, VisitReport report, string? before) =>
        new AuditTrail(database, clock).Append(new AuditRecord(actor, action, "report", report.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(report)), tx.GetDbTransaction());

    internal static string Snapshot(VisitReport r) => AuditJson.Of(("version", r.Version), ("task_id", r.TaskId), ("loan_id", r.LoanId), ("method", MethodCode(r.Method)),
        ("visited_on", r.VisitedOn), ("participants", r.Participants), ("checklist", r.Checklist.Select(c => $"{c.Code}={c.Answer}{(c.Note is null ? "" : ": " + c.Note)}").ToArray()),
        ("findings", r.Findings), ("risk_rating", r.RiskRating.ToString().ToLowerInvariant()), ("actions", r.Actions.Select(a => $"{a.Kind}: {a.Note}").ToArray()),
        ("status", Code(r.Status)), ("reviewed_by", r.ReviewedBy), ("review_note", r.ReviewNote));

    private static AttachmentRow Row(ReportAttachment a) => new(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Sha256, a.UploadedBy, a.UploadedAt);

    private static string Code(VisitReportStatus status) => status.ToString().ToLowerInvariant();

    private static Result<ReportDetail>? Try(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (DomainException e)
        {
            return Invalid(e.Message);
        }
    }

    private static Result<ReportDetail> Invalid(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return Result<ReportDetail>.Invalid(colon > 0 && !message[..colon].Contains(' ', StringComparison.Ordinal) ? message[..colon] : "report", message);
    }

    private static Result<ReportDetail> Conflict(string message) => Result<ReportDetail>.Conflict(message);

    private static Result<ReportDetail> NoDate() => Result<ReportDetail>.Conflict("there is no business date yet: run end-of-day first");
}
