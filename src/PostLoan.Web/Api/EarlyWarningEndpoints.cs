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
}
