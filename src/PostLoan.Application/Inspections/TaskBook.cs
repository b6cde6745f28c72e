using System.Globalization;
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

namespace PostLoan.Application.Inspections;

/// <summary>
/// Who looks at tasks: the actor (<c>user:NAME</c>), their account manager code, their roles and branch, and their data
/// scope. A task is theirs when its assignee is the actor, their manager code, one of their roles (<c>role:NAME</c>),
/// or — escalated — when it was escalated to them or to their branch.
/// </summary>
public sealed record TaskViewer(string Actor, string? ManagerCode, IReadOnlyCollection<string> Roles, string? Branch, DataScope Scope)
{
    /// <summary>The assignee values that mean this person.</summary>
    public IReadOnlyList<string> Identities
    {
        get
        {
            var ids = new List<string> { Actor };
            if (Actor.StartsWith("user:", StringComparison.Ordinal)) ids.Add(Actor[5..]);
            if (!string.IsNullOrWhiteSpace(ManagerCode)) ids.Add(ManagerCode);
            ids.AddRange(Roles.Select(r => "role:" + r));
            if (Roles.Contains(Infrastructure.Identity.Roles.BranchManager) && !string.IsNullOrWhiteSpace(Branch)) ids.Add("branch:" + Branch);
            return ids;
        }
    }

    /// <summary>A job or a command-line user with a scope and no personal queue.</summary>
    public static TaskViewer Of(string actor, DataScope scope) => new(actor, null, [], null, scope);
}

/// <summary>The queue's filters. <paramref name="Status"/>: <c>open</c> (open or in progress, the default), <c>overdue</c>, <c>escalated</c>, <c>done</c>, <c>cancelled</c> or <c>all</c>.</summary>
/// <param name="Mine">Only the viewer's own tasks (assigned to them or escalated to them); otherwise every task in their scope.</param>
public sealed record TaskQueueRequest(bool Mine = true, string? Status = "open", string? Kind = null, string? Branch = null, string? Assignee = null,
    DateOnly? DueFrom = null, DateOnly? DueTo = null, string? Loan = null, int Page = 1, int PageSize = 50);

public sealed record TaskRow(long Id, string Kind, string KindName, string LoanExternalId, string BorrowerExternalId, string BorrowerName, string Segment,
    string? Branch, string RiskClass, int Dpd, double? Pd, DateOnly DueOn, string? Assignee, string Status, string Origin, long? AlertId, string Reason,
    DateOnly CreatedOn, DateOnly? StartedOn, DateOnly? CompletedOn, DateOnly? EscalatedOn, string? EscalatedTo, bool Overdue, int DaysToDue,
    long? ReportId, string? CancelReason);

public sealed record TaskPage(int Total, int Page, int PageSize, DateOnly? BusinessDate, IReadOnlyList<TaskRow> Tasks);

/// <summary>A day of the calendar and the tasks due on it.</summary>
public sealed record CalendarDay(DateOnly Date, IReadOnlyList<TaskRow> Tasks);

/// <summary>A task opened by a person.</summary>
public sealed record TaskDraft(string Loan, string Kind, DateOnly DueOn, string Reason, string? Assignee = null);

/// <summary>
/// The work queue (SPEC §7): the tasks people see and what they do to them — start, finish (work that needs no report),
/// cancel with a reason, reassign, open by hand. Queues are sorted by urgency, then risk: the earliest due date first
/// (overdue ones lead), then the worse class, then the higher PD. Every change is dated with the business date and
/// in the audit trail; a task outside the viewer's scope and not theirs is "not found".
/// </summary>
public sealed class TaskBook(DatabaseSettings database, TimeProvider clock)
{
    public Result<TaskPage> Queue(TaskViewer viewer, TaskQueueRequest request)
    {
        if (request.PageSize is < 1 or > 500) return Result<TaskPage>.Invalid("pageSize", "pageSize must be between 1 and 500");
        if (request.Page < 1) return Result<TaskPage>.Invalid("page", "page starts at 1");
        if (request.Status is { Length: > 0 } st && st is not ("open" or "overdue" or "escalated" or "done" or "cancelled" or "all"))
            return Result<TaskPage>.Invalid("status", "status is open, overdue, escalated, done, cancelled or all");
        using var db = database.CreateContext();
        var today = EndOfDayService.CurrentBusinessDate(db) ?? DateOnly.MinValue;
        var query = Visible(db, viewer, request.Mine);
        query = request.Status switch
        {
            "overdue" => query.Where(x => (x.T.Status == InspectionTaskStatus.Open || x.T.Status == InspectionTaskStatus.InProgress) && x.T.DueOn < today),
            "escalated" => query.Where(x => (x.T.Status == InspectionTaskStatus.Open || x.T.Status == InspectionTaskStatus.InProgress) && x.T.EscalatedOn != null),
            "done" => query.Where(x => x.T.Status == InspectionTaskStatus.Done),
            "cancelled" => query.Where(x => x.T.Status == InspectionTaskStatus.Cancelled),
            "all" => query,
            _ => query.Where(x => x.T.Status == InspectionTaskStatus.Open || x.T.Status == InspectionTaskStatus.InProgress),
        };
        if (request.Kind is { Length: > 0 } kind) query = query.Where(x => x.T.Kind == kind);
        if (request.Branch is { Length: > 0 } branch) query = query.Where(x => x.Branch == branch);
        if (request.Assignee is { Length: > 0 } assignee) query = query.Where(x => x.T.Assignee == assignee);
        if (request.DueFrom is { } from) query = query.Where(x => x.T.DueOn >= from);
        if (request.DueTo is { } to) query = query.Where(x => x.T.DueOn <= to);
        if (request.Loan is { Length: > 0 } loan) query = query.Where(x => x.Loan == loan);
        var total = query.Count();
        var rows = query.OrderBy(x => x.T.DueOn).ThenByDescending(x => x.Class).ThenByDescending(x => x.Pd).ThenBy(x => x.T.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToList();
        return Result<TaskPage>.Ok(new TaskPage(total, request.Page, request.PageSize, today == DateOnly.MinValue ? null : today, [.. rows.Select(r => Row(r, today))]));
    }

    /// <summary>The tasks due in a month (open, in progress or done), day by day: the calendar of planned visits.</summary>
    public Result<IReadOnlyList<CalendarDay>> Calendar(TaskViewer viewer, DateOnly month, bool mine)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = BusinessCalendar.MonthEnd(first);
        using var db = database.CreateContext();
        var today = EndOfDayService.CurrentBusinessDate(db) ?? DateOnly.MinValue;
        var rows = Visible(db, viewer, mine).Where(x => x.T.DueOn >= first && x.T.DueOn <= last && x.T.Status != InspectionTaskStatus.Cancelled)
            .OrderBy(x => x.T.DueOn).ThenByDescending(x => x.Class).ThenBy(x => x.T.Id).Take(5000).ToList();
        return Result<IReadOnlyList<CalendarDay>>.Ok([.. rows.GroupBy(r => r.T.DueOn).Select(g => new CalendarDay(g.Key, [.. g.Select(r => Row(r, today))]))]);
    }

    public Result<TaskRow> Get(long id, TaskViewer viewer)
    {
        using var db = database.CreateContext();
        var today = EndOfDayService.CurrentBusinessDate(db) ?? DateOnly.MinValue;
        var row = Visible(db, viewer, mine: false).SingleOrDefault(x => x.T.Id == id);
        return row is null ? Result<TaskRow>.NotFound($"no task {id}") : Result<TaskRow>.Ok(Row(row, today));
    }

    public Result<TaskRow> Start(long id, TaskViewer viewer) =>
        Change(id, viewer, "task.start", (task, today) => task.Status != InspectionTaskStatus.Open ? $"task {id} is {Describe(task.Status)}: only an open task is started" : Do(() => task.Start(today)));

    /// <summary>Records work that needs no visit report (a class review, a revaluation) as done.</summary>
    public Result<TaskRow> Complete(long id, string? note, TaskViewer viewer) =>
        Change(id, viewer, "task.complete", (task, today) =>
            !task.IsOpen ? $"task {id} is {Describe(task.Status)}: it cannot be done"
            : TaskKinds.IsVisit(task.Kind) ? $"task {id} is a {TaskKinds.Chinese(task.Kind)} ({task.Kind}): it is done by submitting its visit report"
            : string.IsNullOrWhiteSpace(note) ? "say what was done (note)"
            : Do(() => task.Complete(today, $"{viewer.Actor}: {note.Trim()}")));

    public Result<TaskRow> Cancel(long id, string reason, TaskViewer viewer) =>
        Change(id, viewer, "task.cancel", (task, today) =>
            !task.IsOpen ? $"task {id} is {Describe(task.Status)}: it cannot be cancelled"
            : string.IsNullOrWhiteSpace(reason) ? "cancelling a task needs a reason"
            : Do(() => task.Cancel(today, reason)));

    public Result<TaskRow> Reassign(long id, string to, TaskViewer viewer) =>
        Change(id, viewer, "task.reassign", (task, _) =>
            !task.IsOpen ? $"task {id} is {Describe(task.Status)}: it cannot be reassigned"
            : string.IsNullOrWhiteSpace(to) ? "say who the task goes to (to)"
            : to.Length > 128 ? "an assignee is at most 128 characters"
            : Do(() => task.Reassign(to)));

    /// <summary>A task opened by a person on a loan in their scope; assigned to the borrower's account manager unless another is named.</summary>
    public Result<TaskRow> Open(TaskDraft draft, TaskViewer viewer)
    {
        if (string.IsNullOrWhiteSpace(draft.Kind) || draft.Kind.Length > 48) return Result<TaskRow>.Invalid("kind", "a task kind is 1 to 48 characters, e.g. " + string.Join(", ", TaskKinds.Known));
        if (string.IsNullOrWhiteSpace(draft.Reason)) return Result<TaskRow>.Invalid("reason", "say why the task is needed");
        using var db = database.CreateContext();
        if (EndOfDayService.CurrentBusinessDate(db) is not { } today) return Result<TaskRow>.Conflict("there is no business date yet: run end-of-day first");
        if (draft.DueOn < today) return Result<TaskRow>.Invalid("due_on", $"the due date {draft.DueOn:yyyy-MM-dd} is before the business date {today:yyyy-MM-dd}");
        var loan = (from l in db.Loans join b in viewer.Scope.Apply(db.Borrowers) on l.BorrowerId equals b.Id where l.ExternalId == draft.Loan select new { l.Id, l.BorrowerId, b.AccountManager }).SingleOrDefault();
        if (loan is null) return Result<TaskRow>.NotFound($"no loan '{draft.Loan}'");
        var task = InspectionTask.Open(draft.Kind, loan.BorrowerId, loan.Id, draft.DueOn, draft.Assignee ?? loan.AccountManager, TaskOrigin.Person, draft.Reason, today, viewer.Actor);
        db.InspectionTasks.Add(task);
        using var tx = db.Database.BeginTransaction();
        db.SaveChanges();
        Audit(db, tx, viewer.Actor, "task.open", task, null);
        tx.Commit();
        return Get(task.Id, viewer with { Scope = viewer.Scope });
    }

    /// <summary>A task with its loan's facts. Built with an initialiser, not a constructor, so that queries can still filter and sort on it.</summary>
    internal sealed record Joined
    {
        public required InspectionTask T { get; init; }
        public required string Loan { get; init; }
        public required string Borrower { get; init; }
        public required string Name { get; init; }
        public Segment Segment { get; init; }
        public string? Branch { get; init; }
        public RiskClass Class { get; init; }
        public int Dpd { get; init; }
        public double? Pd { get; init; }
    }

    /// <summary>The tasks the viewer may see; with <paramref name="mine"/>, only those that are theirs.</summary>
    internal static IQueryable<Joined> Visible(PostLoanDbContext db, TaskViewer viewer, bool mine)
    {
        var ids = viewer.Identities.ToList();
        var all = from t in db.InspectionTasks
                  join l in db.Loans on t.LoanId equals (long?)l.Id
                  join b in db.Borrowers on t.BorrowerId equals b.Id
                  join s in db.LoanStates on l.Id equals s.LoanId into states
                  from s in states.DefaultIfEmpty()
                  join sc in db.LoanScores on l.Id equals sc.LoanId into scores
                  from sc in scores.DefaultIfEmpty()
                  select new { t, l, b, s, sc };
        var scoped = viewer.Scope.Apply(db.Borrowers).Select(b => b.Id);
        var filtered = mine
            ? all.Where(x => (x.t.Assignee != null && ids.Contains(x.t.Assignee)) || (x.t.EscalatedTo != null && ids.Contains(x.t.EscalatedTo)))
            : all.Where(x => scoped.Contains(x.b.Id) || (x.t.Assignee != null && ids.Contains(x.t.Assignee)) || (x.t.EscalatedTo != null && ids.Contains(x.t.EscalatedTo)));
        return filtered.Select(x => new Joined
        {
            T = x.t,
            Loan = x.l.ExternalId,
            Borrower = x.b.ExternalId,
            Name = x.b.Name,
            Segment = x.l.Segment,
            Branch = x.b.Branch,
            Class = x.s == null ? RiskClass.Normal : x.s.RiskClass,
            Dpd = x.s == null ? 0 : x.s.Dpd,
            Pd = x.sc == null ? null : x.sc.Pd,
        });
    }

    internal static TaskRow Row(Joined r, DateOnly today) => new(r.T.Id, r.T.Kind, TaskKinds.Chinese(r.T.Kind), r.Loan, r.Borrower, r.Name,
        r.Segment.ToString().ToLowerInvariant(), r.Branch, r.Class.Code(), r.Dpd, r.Pd, r.T.DueOn, r.T.Assignee, StatusCode(r.T.Status),
        r.T.Origin.ToString().ToLowerInvariant(), r.T.AlertId, r.T.Reason, r.T.CreatedOn, r.T.StartedOn, r.T.CompletedOn, r.T.EscalatedOn, r.T.EscalatedTo,
        r.T.IsOverdue(today), BusinessCalendar.DaysBetween(today, r.T.DueOn), r.T.ReportId, r.T.CancelReason);

    public static string StatusCode(InspectionTaskStatus status) => status switch
    {
        InspectionTaskStatus.InProgress => "in_progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    private Result<TaskRow> Change(long id, TaskViewer viewer, string action, Func<InspectionTask, DateOnly, string?> apply)
    {
        using var db = database.CreateContext();
        if (EndOfDayService.CurrentBusinessDate(db) is not { } today) return Result<TaskRow>.Conflict("there is no business date yet: run end-of-day first");
        var row = Visible(db, viewer, mine: false).SingleOrDefault(x => x.T.Id == id);
        if (row is null) return Result<TaskRow>.NotFound($"no task {id}");
        var task = db.InspectionTasks.Single(t => t.Id == id);
        var before = Snapshot(task);
        if (apply(task, today) is { } problem)
            return problem.Contains(": it ", StringComparison.Ordinal) || problem.Contains("only an open", StringComparison.Ordinal)
                ? Result<TaskRow>.Conflict(problem) : Result<TaskRow>.Invalid(action, problem);
        using var tx = db.Database.BeginTransaction();
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<TaskRow>.Conflict($"task {id} was changed by someone else meanwhile: reload it and try again");
        }
        Audit(db, tx, viewer.Actor, action, task, before);
        tx.Commit();
        return Result<TaskRow>.Ok(Row(row with { T = task }, today));
    }

    internal void Audit(PostLoanDbContext db, IDbContextTransaction tx, string actor, string action, InspectionTask task, string? before) =>
        new AuditTrail(database, clock).Append(new AuditRecord(actor, action, "task", task.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(task)), tx.GetDbTransaction());

    internal static string Snapshot(InspectionTask t) => AuditJson.Of(("kind", t.Kind), ("loan_id", t.LoanId), ("due_on", t.DueOn), ("assignee", t.Assignee),
        ("status", StatusCode(t.Status)), ("origin", t.Origin.ToString().ToLowerInvariant()), ("alert_id", t.AlertId), ("report_id", t.ReportId),
        ("reason", t.Reason), ("completed_by", t.CompletedBy), ("cancel_reason", t.CancelReason), ("escalated_to", t.EscalatedTo));

    private static string Describe(InspectionTaskStatus status) => StatusCode(status).Replace('_', ' ');

    private static string? Do(Action action)
    {
        action();
        return null;
    }
}
