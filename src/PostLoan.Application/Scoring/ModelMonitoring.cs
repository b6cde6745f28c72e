using PostLoan.Domain.Loans;
using PostLoan.Domain.Scoring;
using PostLoan.Infrastructure.EarlyWarning;
using PostLoan.Infrastructure.EndOfDay;
using PostLoan.Infrastructure.Scoring;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Scoring;

/// <summary>The score's stability from one month end to the next, for a segment (or <c>all</c>).</summary>
public sealed record PsiRow(DateOnly MonthEnd, DateOnly Previous, string Segment, int Loans, double Psi, bool Alert);

/// <summary>How well the scores of a month end ranked the loans that went bad in the 12 months after it.</summary>
public sealed record OutcomeRow(DateOnly MonthEnd, int Loans, int Bad, double Auc, double Ks);

/// <summary>The model's monitoring (SPEC §6): PSI month over month by segment, AUC and KS where the outcome is known, and a calibration table.</summary>
/// <param name="CalibrationMonth">The month end the calibration table is of: the latest whose 12-month outcome is known.</param>
public sealed record MonitoringReport(DateOnly? BusinessDate, IReadOnlyList<PsiRow> Psi, IReadOnlyList<OutcomeRow> Outcomes,
    DateOnly? CalibrationMonth, IReadOnlyList<CalibrationBand> Calibration);

/// <summary>
/// Watches the behaviour score on the book from the month-end score history (end-of-day's month-end scores and
/// <c>model backfill</c>): the PSI of each month end's scores against the month end before, by segment, flagged above
/// 0.25; AUC and KS of each month end whose 12 months have passed, on the loans then active and under 90 DPD; and
/// the calibration of the latest such month end.
/// </summary>
public sealed class ModelMonitoring(DatabaseSettings database)
{
    public MonitoringReport Get(int months = 12)
    {
        using var connection = database.OpenConnection();
        var businessDate = EndOfDayStore.BusinessDate(connection);
        var monthEnds = LoanScoreRows.HistoryMonthEnds(connection).TakeLast(months + 1).ToList();
        var rows = monthEnds.ToDictionary(m => m, m => LoanScoreRows.HistoryWithSegments(connection, m));
        var psi = new List<PsiRow>();
        for (var k = 1; k < monthEnds.Count; k++)
        {
            var (previous, current) = (rows[monthEnds[k - 1]], rows[monthEnds[k]]);
            foreach (var segment in current.Select(r => r.Segment.Snake()).Distinct().Order().Prepend("all"))
            {
                var before = previous.Where(r => segment == "all" || r.Segment.Snake() == segment).Select(r => (double)r.Score).ToList();
                var now = current.Where(r => segment == "all" || r.Segment.Snake() == segment).Select(r => (double)r.Score).ToList();
                if (before.Count == 0 || now.Count == 0) continue;
                var result = ScoreMonitoring.Psi(before, now);
                psi.Add(new PsiRow(monthEnds[k], monthEnds[k - 1], segment, now.Count, result.Psi, result.Alert));
            }
        }
        var outcomes = new List<OutcomeRow>();
        DateOnly? calibrationMonth = null;
        IReadOnlyList<CalibrationBand> calibration = [];
        if (businessDate is { } known)
        {
            var badDates = FeatureReads.BadDates(connection);
            foreach (var monthEnd in monthEnds.Where(m => m.AddMonths(BehaviourTraining.OutcomeMonths) <= known))
            {
                var population = rows[monthEnd].Where(r => r.Performing).ToList();
                var bad = population.Select(r => FeatureReads.FirstAfter(badDates, r.LoanId, monthEnd) is { } d && d <= monthEnd.AddMonths(BehaviourTraining.OutcomeMonths)).ToArray();
                if (bad.All(b => b) || !bad.Any(b => b)) continue;
                var d = Discrimination.Of([.. population.Select(r => -(double)r.Score)], bad);
                outcomes.Add(new OutcomeRow(monthEnd, population.Count, bad.Count(b => b), d.Auc, d.Ks));
                (calibrationMonth, calibration) = (monthEnd, ScoreMonitoring.Calibration([.. population.Select(r => r.Pd)], bad));
            }
        }
        return new MonitoringReport(businessDate, psi, outcomes, calibrationMonth, calibration);
    }
}
