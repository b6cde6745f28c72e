using System.Globalization;
using System.Security.Claims;
using PostLoan.Application.Common;
using PostLoan.Application.Inspections;
using PostLoan.Application.Inspections.Briefings;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Inspections;
using PostLoan.Infrastructure.Identity;
using PostLoan.Web.Security;

namespace PostLoan.Web.Api;

public sealed record TaskOpening(string Loan, string Kind, DateOnly DueOn, string Reason, string? Assignee);
public sealed record TaskCompletion(string? Note);
public sealed record TaskReassignment(string To);
public sealed record ReviewNote(string? Note);

/// <summary>One checklist answer as sent: <c>yes</c>, <c>no</c> or <c>not_checked</c>, and a note (needed for the last two).</summary>
public sealed record ChecklistAnswerBody(string Code, string Answer, string? Note);

/// <summary>
/// A recommended action as sent: <c>follow_up_task</c> (with <c>taskKind</c> and <c>dueOn</c>), <c>propose_class</c> (with
/// <c>proposedClass</c>, e.g. <c>special_mention</c>) or <c>propose_restructuring</c>; each with a note.
/// </summary>
public sealed record ReportActionBody(string Kind, string Note, string? TaskKind, DateOnly? DueOn, string? ProposedClass);

/// <summary>
/// A visit report as its author sends it. <c>taskId</c> or <c>loan</c> say what it is about when it is drafted (ignored on
/// edit); <c>method</c> is <c>phone</c>, <c>on_site</c> or <c>online_check</c>; <c>riskRating</c> <c>low</c>, <c>medium</c> or <c>high</c>.
/// </summary>
public sealed record ReportBody(long? TaskId, string? Loan, string? Method, DateOnly? VisitedOn, string? Participants,
    IReadOnlyList<ChecklistAnswerBody>? Checklist, string? Findings, string? RiskRating, IReadOnlyList<ReportActionBody>? Actions)
{
    /// <summary>The content the domain takes, or the first thing wrong with the request.</summary>
    public Result<VisitReportContent> ToContent()
    {
        if (!ReportBook.TryMethod(Method, out var method)) return Result<VisitReportContent>.Invalid("method", "method is phone, on_site or online_check");
        if (VisitedOn is not { } visitedOn) return Result<VisitReportContent>.Invalid("visited_on", "say when the visit was (visitedOn, yyyy-MM-dd)");
        if (!InspectionEndpoints.TryEnum<RiskRating>(RiskRating, out var rating))
            return Result<VisitReportContent>.Invalid("risk_rating", "riskRating is low, medium or high");
        var checklist = new List<ChecklistEntry>();
        foreach (var c in Checklist ?? [])
        {
            if (!InspectionEndpoints.TryEnum<ChecklistAnswer>(c.Answer, out var answer))
                return Result<VisitReportContent>.Invalid($"checklist.{c.Code}", $"checklist.{c.Code}: the answer is yes, no or not_checked");
            checklist.Add(new ChecklistEntry(c.Code, answer, c.Note));
        }
        var actions = new List<ReportAction>();
        foreach (var a in Actions ?? [])
        {
            if (!InspectionEndpoints.TryEnum<ReportActionKind>(a.Kind, out var kind))
                return Result<VisitReportContent>.Invalid("actions", "actions: the kind is follow_up_task, propose_class or propose_restructuring");
            RiskClass? proposed = null;
            if (a.ProposedClass is { Length: > 0 } text)
            {
                if (!RiskClasses.TryParse(text, out var c)) return Result<VisitReportContent>.Invalid("actions", $"actions: no class '{text}'");
                proposed = c;
            }
            actions.Add(new ReportAction(kind, a.Note ?? "", a.TaskKind, a.DueOn, proposed));
        }
        return Result<VisitReportContent>.Ok(new VisitReportContent(method, visitedOn, Participants ?? "", checklist, Findings ?? "", rating, actions));
    }
}

/// <summary>
/// Post-loan inspections' API (SPEC §7): the work queue and its calendar, visit reports from draft to approval and
/// amendment with their files, and the monthly briefing. Everyone signed in reads inside their data scope; account
/// managers, branch managers and risk officers act; a report is approved or returned by a branch manager or a risk
/// officer other than its author.
/// </summary>
public static class InspectionEndpoints
{
    /// <summary>The roles that work tasks and write reports; auditors and executives only read.</summary>
    public static readonly string[] Actors = [Roles.AccountManager, Roles.BranchManager, Roles.RiskOfficer];

    /// <summary>The roles that approve or return a submitted report.</summary>
    public static readonly string[] Reviewers = [Roles.BranchManager, Roles.RiskOfficer];

    public static void Map(IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Inspections");
        tasks.MapGet("/", (ClaimsPrincipal user, TaskBook book, bool? mine, string? status, string? kind, string? branch, string? assignee,
                    DateOnly? dueFrom, DateOnly? dueTo, string? loan, int? page, int? pageSize) =>
                book.Queue(user.TaskViewer(), new TaskQueueRequest(mine ?? true, status ?? "open", kind, branch, assignee, dueFrom, dueTo, loan, page ?? 1, pageSize ?? 50)).ToHttp())
            .WithSummary("The work queue: the caller's tasks (mine=false: every task in their scope) by urgency, then risk; status open (default), overdue, escalated, done, cancelled or all");
        tasks.MapGet("/calendar", (ClaimsPrincipal user, TaskBook book, string? month, bool? mine) =>
                TryMonth(month, out var first) ? book.Calendar(user.TaskViewer(), first, mine ?? true).ToHttp()
                    : ResultMapping.Problem(new Failure(FailureKind.Invalid, "month is yyyy-MM, e.g. 2025-10", "month")))
            .WithSummary("The tasks due in a month (not cancelled), day by day");
        tasks.MapGet("/{id:long}", (long id, ClaimsPrincipal user, TaskBook book) => book.Get(id, user.TaskViewer()).ToHttp());
        var act = tasks.MapGroup("").RequireAuthorization(p => p.RequireRole(Actors));
        act.MapPost("/", (TaskOpening body, ClaimsPrincipal user, TaskBook book) =>
                book.Open(new TaskDraft(body.Loan, body.Kind, body.DueOn, body.Reason, body.Assignee), user.TaskViewer()).ToHttp())
            .WithSummary("Opens a task by hand on a loan in the caller's scope; assigned to the borrower's account manager unless another is named");
        act.MapPost("/{id:long}/start", (long id, ClaimsPrincipal user, TaskBook book) => book.Start(id, user.TaskViewer()).ToHttp());
        act.MapPost("/{id:long}/complete", (long id, TaskCompletion body, ClaimsPrincipal user, TaskBook book) => book.Complete(id, body.Note, user.TaskViewer()).ToHttp())
            .WithSummary("Records work that needs no visit report (a class review, a revaluation) as done, with a note; a visit is done by submitting its report");
        act.MapPost("/{id:long}/cancel", (long id, WithReason body, ClaimsPrincipal user, TaskBook book) => book.Cancel(id, body.Reason, user.TaskViewer()).ToHttp());
        act.MapPost("/{id:long}/reassign", (long id, TaskReassignment body, ClaimsPrincipal user, TaskBook book) => book.Reassign(id, body.To, user.TaskViewer()).ToHttp());

        app.MapGet("/api/loans/{loan}/checklist", (string loan, string? taskKind, ClaimsPrincipal user, ReportBook book) => book.Checklist(loan, taskKind, user.Scope()).ToHttp())
            .WithTags("Inspections")
            .WithSummary("The checklist a visit to the loan asks for today (taskKind=first_inspection adds fund use)");

        var reports = app.MapGroup("/api/reports").WithTags("Inspections");
        reports.MapGet("/", (ClaimsPrincipal user, ReportBook book, string? loan, string? status) =>
                status is { Length: > 0 } s && !Enum.TryParse<VisitReportStatus>(s, ignoreCase: true, out _)
                    ? ResultMapping.Problem(new Failure(FailureKind.Invalid, "status is draft, submitted, returned, approved or superseded", "status"))
                    : TypedResults.Ok(book.List(user.Scope(), loan, status)))
            .WithSummary("Visit reports in the caller's scope, newest first; status=submitted is the review queue");
        reports.MapGet("/{id:long}", (long id, ClaimsPrincipal user, ReportBook book) => book.Get(id, user.Scope()).ToHttp());
        reports.MapGet("/{id:long}/attachments/{attachmentId:long}", (long id, long attachmentId, ClaimsPrincipal user, ReportBook book) =>
            {
                var result = book.Attachment(id, attachmentId, user.Scope());
                if (!result.Succeeded) return ResultMapping.Problem(result.Failure!);
                var (file, content) = result.Value;
                return TypedResults.File(content, file.ContentType, file.FileName);
            })
            .WithSummary("A report's file, with its content type; its bytes are checked against their SHA-256 first");
        var write = reports.MapGroup("").RequireAuthorization(p => p.RequireRole(Actors));
        write.MapPost("/", (ReportBody body, ClaimsPrincipal user, ReportBook book) =>
                body.ToContent() is { Succeeded: true } content
                    ? Report(book.Draft(new ReportDraft(body.TaskId, body.Loan, content.Value!), user.TaskViewer()))
                    : ResultMapping.Problem(body.ToContent().Failure!))
            .WithSummary("Drafts a report for a task (which starts it) or for a loan");
        write.MapPut("/{id:long}", (long id, ReportBody body, ClaimsPrincipal user, ReportBook book) =>
                body.ToContent() is { Succeeded: true } content
                    ? Report(book.Edit(id, content.Value!, user.TaskViewer()))
                    : ResultMapping.Problem(body.ToContent().Failure!))
            .WithSummary("Replaces a draft or returned report's content (its author only)");
        write.MapPost("/{id:long}/submit", (long id, ClaimsPrincipal user, ReportBook book) => Report(book.Submit(id, user.TaskViewer())))
            .WithSummary("Files the report: 400 lists every problem under errors (checklist.CODE, findings…); otherwise its task is done and its actions open their tasks");
        write.MapPost("/{id:long}/amend", (long id, ClaimsPrincipal user, ReportBook book) => Report(book.Amend(id, user.TaskViewer())))
            .WithSummary("A new draft version of an approved report, with its files");
        write.MapPost("/{id:long}/attachments", Attach)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ReportBook.MaxAttachmentBytes + 64 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: ReportBook.MaxAttachmentBytes + 64 * 1024)
            .WithSummary("Keeps one file (multipart form) with a draft or returned report; answers its name, type, size and SHA-256");
        var review = reports.MapGroup("").RequireAuthorization(p => p.RequireRole(Reviewers));
        review.MapPost("/{id:long}/approve", (long id, ReviewNote? body, ClaimsPrincipal user, ReportBook book) => Report(book.Approve(id, body?.Note, user.TaskViewer())))
            .WithSummary("Approves a submitted report (not by its author): final from then on");
        review.MapPost("/{id:long}/return", (long id, ReviewNote body, ClaimsPrincipal user, ReportBook book) => Report(book.Return(id, body.Note ?? "", user.TaskViewer())))
            .WithSummary("Sends a submitted report back to its author with a note");

        app.MapGet("/api/briefings", (ClaimsPrincipal user, BriefingQuery query, string? period, string? scope) =>
                TryMonth(period, out var first) ? query.Build(first, scope, user.Scope()).ToHttp()
                    : ResultMapping.Problem(new Failure(FailureKind.Invalid, "period is yyyy-MM, e.g. 2025-10", "period")))
            .WithTags("Inspections")
            .WithSummary("The month's briefing for a scope (bank, branch:CODE, team:NAME, manager:CODE) inside the caller's data scope, beside the month before");
        app.MapGet("/api/briefings/export", (ClaimsPrincipal user, BriefingQuery query, string? period, string? scope, string? format) =>
            {
                if (!TryMonth(period, out var first)) return ResultMapping.Problem(new Failure(FailureKind.Invalid, "period is yyyy-MM, e.g. 2025-10", "period"));
                if (format is not ("md" or "xlsx" or "pdf")) return ResultMapping.Problem(new Failure(FailureKind.Invalid, "format is md, xlsx or pdf", "format"));
                var built = query.Build(first, scope, user.Scope());
                if (!built.Succeeded) return built.ToHttp();
                var briefing = built.Value!;
                var name = $"briefing-{first:yyyy-MM}-{briefing.Scope.Replace(':', '-')}.{format}";
                using var content = new MemoryStream();
                switch (format)
                {
                    case "xlsx": BriefingWorkbook.Write(briefing, content); break;
                    case "pdf": BriefingPdf.Write(briefing, content); break;
                    default: content.Write(System.Text.Encoding.UTF8.GetBytes(BriefingMarkdown.Write(briefing))); break;
                }
                var type = format switch
                {
                    "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "pdf" => "application/pdf",
                    _ => "text/markdown; charset=utf-8",
                };
                return TypedResults.File(content.ToArray(), type, name);
            })
            .WithTags("Inspections")
            .WithSummary("The same briefing as a file: format=md, xlsx (a sheet per section) or pdf (tables and charts)");
    }

    /// <summary>
    /// A report's outcome; a refused submission lists each of its problems under its own field (the use case joins them
    /// with "; " in one message, each "field: what is wrong").
    /// </summary>
    public static IResult Report(Result<ReportDetail> result) =>
        result.Failure is { Kind: FailureKind.Invalid } failure
            ? TypedResults.ValidationProblem(Problems(failure), detail: failure.Message, title: "The request is not valid.")
            : result.ToHttp();

    /// <summary>The problems of a failure keyed by the field each names.</summary>
    public static Dictionary<string, string[]> Problems(Failure failure) =>
        failure.Message.Split("; ", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => (Field: FieldOf(p) ?? failure.Field ?? "request", Problem: p))
            .GroupBy(p => p.Field)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray());

    private static string? FieldOf(string problem)
    {
        var colon = problem.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !problem[..colon].Contains(' ', StringComparison.Ordinal) ? problem[..colon] : null;
    }

    private static async Task<IResult> Attach(long id, HttpRequest request, ClaimsPrincipal user, ReportBook book)
    {
        if (!request.HasFormContentType)
            return TypedResults.Problem("send the file as the one file of a multipart/form-data form",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form.Files.Count != 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"the form must carry exactly one file; it carries {form.Files.Count}"] });
        var file = form.Files[0];
        if (file.Length > ReportBook.MaxAttachmentBytes)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"{file.FileName} is {file.Length:N0} bytes; the limit is {ReportBook.MaxAttachmentBytes:N0}"] });
        using var content = new MemoryStream();
        await file.CopyToAsync(content, request.HttpContext.RequestAborted);
        return book.Attach(id, file.FileName, file.ContentType, content.ToArray(), user.TaskViewer()).ToHttp();
    }

    /// <summary>Reads <c>yyyy-MM</c> as the month's first day.</summary>
    public static bool TryMonth(string? text, out DateOnly first)
        => DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first);

    /// <summary>Reads an enum from its snake_case code (<c>not_checked</c>) or its name (<c>NotChecked</c>).</summary>
    public static bool TryEnum<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Enum.TryParse((text ?? "").Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out value) && Enum.IsDefined(value)
        && !int.TryParse(text, out _);
}
