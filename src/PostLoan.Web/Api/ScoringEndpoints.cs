using System.Security.Claims;
using PostLoan.Application.Common;
using PostLoan.Application.Scoring;
using PostLoan.Domain.Scoring;
using PostLoan.Infrastructure.Identity;
using PostLoan.Web.Security;

namespace PostLoan.Web.Api;

/// <summary>One bin of a variable in a points table, with its training counts.</summary>
/// <param name="Rows">The training rows that fell in the bin.</param>
public sealed record PointsBin(string Label, int Rows, int Bad, double BadRate, double Woe, double Iv, int Points);

/// <summary>A variable of the scorecard: its bins and the points a value no bin takes gets (WoE 0).</summary>
public sealed record PointsVariable(string Name, double Iv, IReadOnlyList<PointsBin> Bins, int NeutralPoints);

/// <summary>How scores map to odds: <see cref="BaseScore"/> points at odds <see cref="BaseOdds"/>:1, <see cref="Pdo"/> points to double them.</summary>
public sealed record PointsScaling(double BaseScore, double BaseOdds, double Pdo, int MinScore, int MaxScore);

/// <summary>A behaviour model version with its figures and its points table, as a risk officer reads it before promoting it.</summary>
public sealed record ModelDetail(BehaviourModelView Model, PointsScaling Scaling, IReadOnlyList<PointsVariable> Variables);

/// <summary>
/// The behaviour model's API (docs/scoring.md, docs/web.md): its versions with their figures and points tables, the
/// maker-checker promotion steps for risk officers, and the monitoring report. The model scores the whole book, so
/// everyone signed in may read these; a loan's own score is under <c>/api/loans/{id}/score</c>, inside the caller's scope.
/// </summary>
public static class ScoringEndpoints
{
    /// <summary>The most month ends the monitoring compares in one request.</summary>
    public const int MaxMonitoringMonths = 120;

    public static void Map(IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/models").WithTags("Scoring");
        models.MapGet("/", (ModelBook book) => TypedResults.Ok(book.List()))
            .WithSummary("The behaviour model's versions, newest first, with their cross-validated figures, the challenger's, status and who trained and approved each");
        models.MapGet("/{version:int}", (int version, ModelBook book) => Detail(book, version).ToHttp())
            .WithSummary("A version's figures and points table: each variable's bins with rows, bad rate, WoE, IV and points, and its neutral points");
        models.MapGet("/monitoring", (ModelMonitoring monitoring, int? months) =>
                months is < 1 or > MaxMonitoringMonths
                    ? ResultMapping.Problem(new Failure(FailureKind.Invalid, $"months must be between 1 and {MaxMonitoringMonths}", "months"))
                    : TypedResults.Ok(monitoring.Get(months ?? 12)))
            .WithSummary("The score's monitoring over the last month ends of the score history (12 by default): PSI by month end and segment (alert above 0.25), "
                + "AUC and KS of the month ends whose 12-month outcome is known, and the calibration of the latest of them");

        var act = models.MapGroup("/{version:int}").RequireAuthorization(p => p.RequireRole(Roles.RiskOfficer));
        act.MapPost("/request", (int version, ClaimsPrincipal user, ModelBook book) => book.RequestPromotion(version, user.Actor()).ToHttp())
            .WithSummary("Puts a draft version up for promotion (risk officers)");
        act.MapPost("/approve", (int version, ClaimsPrincipal user, ModelBook book) => book.Approve(version, user.Actor()).ToHttp())
            .WithSummary("Promotes a pending version, retiring the active one; not by whoever trained it or asked (maker-checker: 409)");
        act.MapPost("/reject", (int version, ClaimsPrincipal user, ModelBook book) => book.Reject(version, user.Actor()).ToHttp())
            .WithSummary("Sends a pending version back to draft");
        act.MapPost("/retire", (int version, ClaimsPrincipal user, ModelBook book) => book.Retire(version, user.Actor()).ToHttp())
            .WithSummary("Switches a version off; with none active, end-of-day scores nothing");
    }

    /// <summary>A version with its points table; the models page shows the same.</summary>
    public static Result<ModelDetail> Detail(ModelBook book, int version)
    {
        var detail = book.Detail(version);
        if (!detail.Succeeded) return Result<ModelDetail>.NotFound(detail.Failure!.Message);
        var (model, card) = detail.Value;
        var (min, max) = card.ScoreRange();
        return Result<ModelDetail>.Ok(new ModelDetail(model, new PointsScaling(card.Scaling.BaseScore, card.Scaling.BaseOdds, card.Scaling.Pdo, min, max),
            [.. card.Variables.Select(Variable)]));
    }

    private static PointsVariable Variable(ScorecardVariable v) => new(v.Name, v.Binning.Iv,
        [.. v.Binning.Bins.Select((b, i) => new PointsBin(b.Label, b.Total, b.Bad, b.BadRate, b.Woe, b.Iv, v.Points[i]))], v.NeutralPoints);
}
