using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Common;
using PostLoan.Application.EarlyWarning;
using PostLoan.Domain.Scoring;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Scoring;

/// <summary>One variable's part in a loan's score: its value, the bin it fell in, its points and the most the variable gives.</summary>
public sealed record ScorePart(string Variable, object? Value, string Bin, int Points, int MaxPoints)
{
    /// <summary>Points short of the variable's best bin: the larger, the more this variable holds the score down.</summary>
    public int Shortfall => MaxPoints - Points;
}

public sealed record ScorePoint(DateOnly Date, int Score, double Pd, int ModelVersion);

/// <summary>
/// A loan's behaviour score: the latest end-of-day score with its PD, origination PD, the date it doubled and the ECL;
/// the month-end history; and the score taken apart on today's features, with the reason codes (the variables
/// furthest below their best bin, most first).
/// </summary>
public sealed record LoanScoreView(string Loan, int ModelVersion, DateOnly ScoredOn, int Score, double Pd, double OriginationPd, DateOnly? PdDoubledOn,
    decimal Ecl, IReadOnlyList<ScorePoint> History, IReadOnlyList<ScorePart> Parts, IReadOnlyList<string> Reasons);

public sealed class LoanScoreQuery(DatabaseSettings database)
{
    /// <summary>How many reason codes a score gives.</summary>
    public const int ReasonCount = 3;

    public Result<LoanScoreView> Get(string externalId, DataScope? scope = null)
    {
        var features = new LoanFeaturesQuery(database).Get(externalId, scope);
        if (!features.Succeeded) return features.Failure!.Kind == FailureKind.NotFound
            ? Result<LoanScoreView>.NotFound(features.Failure.Message) : Result<LoanScoreView>.Conflict(features.Failure.Message);
        using var db = database.CreateContext();
        var loanId = db.Loans.Where(l => l.ExternalId == externalId).Select(l => l.Id).Single();
        var stored = db.LoanScores.AsNoTracking().SingleOrDefault(s => s.LoanId == loanId);
        if (stored is null) return Result<LoanScoreView>.NotFound($"loan '{externalId}' has no behaviour score: no model has scored it yet");
        var model = db.BehaviourModels.AsNoTracking().Single(m => m.Version == stored.ModelVersion);
        var card = ModelBook.Scorecard(model);
        var values = features.Value!.Features.ToDictionary(f => f.Name, f => f.Value);
        var parts = card.Variables.Select(v =>
        {
            var value = values.GetValueOrDefault(v.Name);
            var bin = v.Binning.Numeric
                ? v.Binning.BinOf(value is decimal d ? (double)d : null)
                : v.Binning.BinOf(value switch { bool b => b ? "true" : "false", null => null, var o => o.ToString() });
            return new ScorePart(v.Name, value, bin < 0 ? "neutral" : v.Binning.Bins[bin].Label, v.PointsOf(bin), v.Points.Append(v.NeutralPoints).Max());
        }).ToList();
        var history = db.ScoreHistory.AsNoTracking().Where(h => h.LoanId == loanId).OrderBy(h => h.MonthEnd)
            .Select(h => new ScorePoint(h.MonthEnd, h.Score, h.Pd, h.ModelVersion)).ToList();
        return Result<LoanScoreView>.Ok(new LoanScoreView(externalId, stored.ModelVersion, stored.ScoredOn, stored.Score, stored.Pd, stored.OriginationPd,
            stored.PdDoubledOn, stored.Ecl, history, parts,
            [.. parts.Where(p => p.Shortfall > 0).OrderByDescending(p => p.Shortfall).ThenBy(p => p.Variable, StringComparer.Ordinal).Take(ReasonCount)
                .Select(p => $"{p.Variable} {p.Bin}: {p.Points} of {p.MaxPoints} points")]));
    }
}
