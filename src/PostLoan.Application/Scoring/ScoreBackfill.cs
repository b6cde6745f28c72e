using PostLoan.Application.Common;
using PostLoan.Application.EarlyWarning;
using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.EarlyWarning;
using PostLoan.Infrastructure.EndOfDay;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Scoring;

/// <summary>
/// Scores past month ends with the active model, into the score history: each month end's active loans, from their
/// features as of that month end (as the back-test computes them). A model promoted today thus has the history that the
/// score change feature, the score history screen and the month-over-month PSI read. Month ends already in the history
/// are scored again.
/// </summary>
public sealed class ScoreBackfill(DatabaseSettings database)
{
    /// <returns>The month ends scored and the loans scored over them.</returns>
    public Result<(int MonthEnds, int Loans)> Run(DateOnly fromMonth, Action<int, int, string>? progress = null)
    {
        using var db = database.CreateContext();
        if (ModelBook.Active(db) is not { } model) return Result<(int, int)>.Conflict("no behaviour model is active: promote one first");
        using var connection = database.OpenConnection();
        if (EndOfDayStore.BusinessDate(connection) is not { } knownThrough) return Result<(int, int)>.Conflict("there is no business date yet: run end-of-day first");
        var monthEnds = BusinessCalendar.MonthEndsBetween(BusinessCalendar.MonthEnd(fromMonth), knownThrough).ToList();
        if (monthEnds.Count == 0) return Result<(int, int)>.Invalid("from", $"no month end between {fromMonth:yyyy-MM} and the business date {knownThrough:yyyy-MM-dd}");
        var loans = FeatureReads.Loans(connection);
        var features = new FeatureBuilder(connection, loans, knownThrough);
        var scored = 0;
        for (var k = 0; k < monthEnds.Count; k++)
        {
            var monthEnd = monthEnds[k];
            progress?.Invoke(k, monthEnds.Count, $"{monthEnd:yyyy-MM-dd}");
            var snapshot = FeatureReads.Snapshot(connection, monthEnd);
            var ids = snapshot.Where(s => s.Value.Status == LoanStatus.Active && loans.ContainsKey(s.Key)).Select(s => s.Key).Order().ToArray();
            var frame = new FeatureFrame(ids.Length);
            features.Fill(frame, ids, BehaviourScoring.Inputs(model.Scorecard), monthEnd, d => d == monthEnd ? snapshot : FeatureReads.Snapshot(connection, d));
            var scores = model.Scorecard.Score(Domain.Scoring.BehaviourFeatures.FromFrame(frame, model.Scorecard.Variables.Select(v => v.Name), new bool[ids.Length]));
            BehaviourScoring.WriteHistory(connection, monthEnd, model.Version, ids, scores, [.. scores.Select(model.Scorecard.PdOf)]);
            scored += ids.Length;
        }
        progress?.Invoke(monthEnds.Count, monthEnds.Count, "done");
        return Result<(int, int)>.Ok((monthEnds.Count, scored));
    }
}
