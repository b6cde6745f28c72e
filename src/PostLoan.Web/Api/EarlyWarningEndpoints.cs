using System.Security.Claims;
using PostLoan.Application.EarlyWarning;
using PostLoan.Infrastructure.Identity;
using PostLoan.Web.Security;

namespace PostLoan.Web.Api;

public sealed record WatchListAdd(string Borrower, string Reason, string Owner, DateOnly ReviewOn);
public sealed record WatchListReview(DateOnly NextReviewOn);
public sealed record WatchListReassign(string Owner);
public sealed record WithReason(string Reason);
public sealed record AlertNote(string? Note);
public sealed record AlertEscalation(string To, string? Note);
public sealed record ConditionText(string Condition);
public sealed record BacktestBody(string Rule, DateOnly From, DateOnly To, IReadOnlyList<string>? Segments);
public sealed record ConditionCheck(bool Valid, string? Canonical, IReadOnlyList<string> Reads, IReadOnlyList<PostLoan.Domain.EarlyWarning.Rules.RuleError> Errors);

/// <summary>
/// Early warning's API: the alert triage queue and people's actions on alerts, and the watch list. Everyone signed in
/// reads inside their scope; account managers, branch managers and risk officers act.
/// </summary>
public static class EarlyWarningEndpoints
{
    /// <summary>The roles that work alerts and the watch list; auditors and executives only read.</summary>
    public static readonly string[] Actors = [Roles.AccountManager, Roles.BranchManager, Roles.RiskOfficer];

    public static void Map(IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Early warning");
        alerts.MapGet("/", (ClaimsPrincipal user, AlertQueue queue, string? severity, string? rule, string? branch, string? status, string? sla, int? page, int? pageSize) =>
                queue.List(new AlertQueueRequest(severity, rule, branch, status ?? "open", sla, page ?? 1, pageSize ?? 50), user.Scope()).ToHttp())
            .WithSummary("The triage queue: red first, then by first-action due date; filters by severity, rule, branch, status and SLA state (breached, on_time)");
        var act = alerts.MapGroup("/{id:long}").RequireAuthorization(p => p.RequireRole(Actors));
        act.MapPost("/acknowledge", (long id, ClaimsPrincipal user, AlertActions actions) => actions.Acknowledge(id, user.Actor(), user.Scope()).ToHttp());
        act.MapPost("/resolve", (long id, AlertNote body, ClaimsPrincipal user, AlertActions actions) => actions.Resolve(id, body.Note, user.Actor(), user.Scope()).ToHttp());
        act.MapPost("/dismiss", (long id, WithReason body, ClaimsPrincipal user, AlertActions actions) => actions.Dismiss(id, body.Reason, user.Actor(), user.Scope()).ToHttp())
            .WithSummary("Dismisses an acknowledged or escalated alert; the reason is required");
        act.MapPost("/escalate", (long id, AlertEscalation body, ClaimsPrincipal user, AlertActions actions) => actions.Escalate(id, body.To, body.Note, user.Actor(), user.Scope()).ToHttp());

        var rules = app.MapGroup("/api/rules").WithTags("Early warning");
        rules.MapGet("/", (RuleBook book, bool? active) => TypedResults.Ok(book.List(active ?? false)))
            .WithSummary("Every version of every rule, or the active ones");
        rules.MapPost("/check", (ConditionText body) => TypedResults.Ok(Check(body.Condition)))
            .WithSummary("Checks a condition as saving would: its canonical text and the features it reads, or each error with its column");
        rules.MapPost("/backtest", (BacktestBody body, RuleBacktest backtest) =>
                backtest.Run(new BacktestRequest(body.Rule, body.From, body.To, body.Segments ?? [])).ToHttp())
            .WithSummary("Back-tests a stored rule (by code) or a condition over the month ends from one month to another: alerts, loans gone 90+ within 6 months, precision, recall, lift");
        var write = rules.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.RiskOfficer));
        write.MapPost("/", (RuleDraft body, ClaimsPrincipal user, RuleBook book) => book.Save(body, user.Actor()).ToHttp())
            .WithSummary("Saves a new version of a rule as a draft (risk officers); a malformed condition answers 400 with the column and cause");
        write.MapPost("/{code}/{version:int}/request", (string code, int version, ClaimsPrincipal user, RuleBook book) => book.RequestActivation(code, version, user.Actor()).ToHttp());
        write.MapPost("/{code}/{version:int}/approve", (string code, int version, ClaimsPrincipal user, RuleBook book) => book.Approve(code, version, user.Actor()).ToHttp())
            .WithSummary("Approves a pending version; not by its author or requester (maker-checker)");
        write.MapPost("/{code}/{version:int}/reject", (string code, int version, ClaimsPrincipal user, RuleBook book) => book.Reject(code, version, user.Actor()).ToHttp());
        write.MapPost("/{code}/{version:int}/retire", (string code, int version, ClaimsPrincipal user, RuleBook book) => book.Retire(code, version, user.Actor()).ToHttp());

        var watch = app.MapGroup("/api/watchlist").WithTags("Early warning");
        watch.MapGet("/", (ClaimsPrincipal user, WatchListService list, bool? due) => TypedResults.Ok(list.List(user.Scope(), due ?? false)))
            .WithSummary("Borrowers on the watch list by review date; due=true for those whose review is due");
        var change = watch.MapGroup("").RequireAuthorization(p => p.RequireRole(Actors));
        change.MapPost("/", (WatchListAdd body, ClaimsPrincipal user, WatchListService list) =>
            list.Add(body.Borrower, body.Reason, body.Owner, body.ReviewOn, user.Actor(), user.Scope()).ToHttp());
        change.MapPost("/{borrower}/review", (string borrower, WatchListReview body, ClaimsPrincipal user, WatchListService list) =>
            list.Keep(borrower, body.NextReviewOn, user.Actor(), user.Scope()).ToHttp());
        change.MapPost("/{borrower}/reassign", (string borrower, WatchListReassign body, ClaimsPrincipal user, WatchListService list) =>
            list.Reassign(borrower, body.Owner, user.Actor(), user.Scope()).ToHttp());
        change.MapPost("/{borrower}/remove", (string borrower, WithReason body, ClaimsPrincipal user, WatchListService list) =>
            list.Remove(borrower, body.Reason, user.Actor(), user.Scope()).ToHttp());
    }

    public static ConditionCheck Check(string? condition)
    {
        var check = RuleBook.Check(condition);
        return check.IsValid
            ? new ConditionCheck(true, check.Rule!.CanonicalText, [.. check.Rule.RequiredInputs.Select(i => i.Lag == 0 ? i.Feature : $"{i.Feature}@-{i.Lag}m")], [])
            : new ConditionCheck(false, null, [], check.Errors);
    }
}
