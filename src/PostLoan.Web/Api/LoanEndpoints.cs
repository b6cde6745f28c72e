using PostLoan.Application.EarlyWarning;
using System.Security.Claims;
using PostLoan.Application.Borrowers;
using PostLoan.Application.Loans;
using PostLoan.Application.Reports;
using PostLoan.Application.Scoring;
using PostLoan.Web.Security;

namespace PostLoan.Web.Api;

/// <summary>Read API for borrowers, loans and the portfolio, always inside the caller's data scope.</summary>
public static class LoanEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var loans = app.MapGroup("/api/loans").WithTags("Loans");
        loans.MapGet("/", (ClaimsPrincipal user, LoanListQuery query, string? segment, string? bucket, string? @class, string? branch,
                string? manager, string? status, string? q, int? page, int? pageSize, string? sort, string? after) =>
            query.List(new LoanListRequest(segment, bucket, @class, branch, manager, status, q, page ?? 1, pageSize ?? 50, sort, after), user.Scope()).ToHttp())
            .WithSummary("Loans with filters by segment, bucket, class, branch, manager and status; paged by page number or by the previous page's 'next' cursor (after), and sorted");
        loans.MapGet("/{externalId}", (string externalId, ClaimsPrincipal user, LoanDetailsQuery query) =>
            query.Get(externalId, user.Scope()).ToHttp())
            .WithSummary("One loan: terms, schedule with amounts paid, transactions, state, state and class history");
        loans.MapGet("/{externalId}/features", (string externalId, ClaimsPrincipal user, LoanFeaturesQuery query) =>
            query.Get(externalId, user.Scope()).ToHttp())
            .WithSummary("One loan's early-warning features on the business date (docs/features.md), as end-of-day's rules read them; null when missing");
        loans.MapGet("/{externalId}/score", (string externalId, ClaimsPrincipal user, LoanScoreQuery query) =>
            query.Get(externalId, user.Scope()).ToHttp())
            .WithSummary("One loan's behaviour score: score, PD, origination PD, the date the PD doubled, ECL, the month-end history, each variable's points "
                + "against its best, and the reason codes; 404 when the loan has no score yet (docs/scoring.md)");

        var borrowers = app.MapGroup("/api/borrowers").WithTags("Borrowers");
        borrowers.MapGet("/", (ClaimsPrincipal user, BorrowerQueries query, string? q, int? page, int? pageSize) =>
            query.List(q, page ?? 1, pageSize ?? 50, user.Scope()).ToHttp());
        borrowers.MapGet("/{externalId}", (string externalId, ClaimsPrincipal user, BorrowerQueries query) =>
            query.Get(externalId, user.Scope(), user.Viewer()).ToHttp())
            .WithSummary("One borrower with all their loans; id number and phone masked unless the caller's role may see them");
        borrowers.MapGet("/{externalId}/monitoring", (string externalId, ClaimsPrincipal user, BorrowerMonitoringQuery query) =>
            query.Get(externalId, user.Scope(), user.Viewer()).ToHttp())
            .WithSummary("The borrower's monitoring data: statements with their ratios, bureau snapshots and signals, newest first; and per loan its covenants, "
                + "milestones, fund uses, collateral with valuations, guarantors (id masked as the borrower's) and their signals");

        app.MapGet("/api/portfolio/summary", (ClaimsPrincipal user, PortfolioSummaryQuery query) => TypedResults.Ok(query.Get(user.Scope())))
            .WithTags("Portfolio")
            .WithSummary("Balances by bucket, class and segment with the NPL ratio, inside the caller's scope");
    }
}
