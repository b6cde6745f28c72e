using System.Data.Common;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Domain.Scoring;
using PostLoan.Infrastructure.EarlyWarning;
using PostLoan.Infrastructure.Scoring;

namespace PostLoan.Application.Scoring;

/// <summary>The scores of one run: by row of the frame they were computed on.</summary>
public sealed record ScoredBook(int ModelVersion, long[] Ids, int[] Scores, double[] Pds, IReadOnlyList<long> PdDoubledChanged);

/// <summary>
/// The behaviour model in end-of-day (SPEC §5–6): the active version scores every active loan from the features
/// end-of-day computes; the score and PD are kept per loan (<see cref="LoanScore"/>) with the PD at origination (the
/// loan's first PD), the date the PD doubled, and the ECL at the day's stage; at a month end they go into the score
/// history too. The score features (<c>behaviour_score</c>, <c>pd</c>, <c>score_change_3m</c>) are then there for the rules.
/// </summary>
public static class BehaviourScoring
{
    /// <summary>The features the scorecard reads, as inputs to compute.</summary>
    public static IEnumerable<FeatureInput> Inputs(Scorecard card) => card.Variables.Select(v => new FeatureInput(v.Name, 0));

    /// <summary>
    /// Scores the frame's loans and writes what changed. A loan whose PD crossed twice its origination PD (either way)
    /// is returned in <see cref="ScoredBook.PdDoubledChanged"/>: its stage changes at its next servicing.
    /// <paramref name="storedScores"/> are the scores stored before (<see cref="LoanScoreRows.All"/>), read while the features were computed.
    /// </summary>
    public static ScoredBook ScoreAndWrite(DbConnection connection, int version, Scorecard card, FeatureFrame frame, long[] ids,
        Dictionary<long, FeatureLoan> loans, Dictionary<long, FeatureState> states, DateOnly businessDate, ClassificationPolicy policy,
        Task<Dictionary<long, LoanScore>> storedScores)
    {
        var data = BehaviourFeatures.FromFrame(frame, card.Variables.Select(v => v.Name), new bool[ids.Length]);
        var scores = card.Score(data);
        var pds = scores.Select(card.PdOf).ToArray();
        var stored = storedScores.GetAwaiter().GetResult();
        var changed = new List<LoanScore>();
        var doubledChanged = new List<long>();
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            var before = stored.GetValueOrDefault(id);
            var origination = before?.OriginationPd ?? pds[i];
            var doubled = policy.PdDoubled(pds[i], origination);
            var state = states[id];
            var ecl = ExpectedLoss.Of((int)state.Stage, pds[i], MonthsLeft(businessDate, loans[id].Maturity), policy.Lgd, state.Outstanding);
            var now = new LoanScore
            {
                LoanId = id, ModelVersion = version, ScoredOn = businessDate, Score = scores[i], Pd = pds[i], OriginationPd = origination,
                PdDoubledOn = doubled ? before?.PdDoubledOn ?? businessDate : null, Ecl = ecl,
            };
            if ((before?.PdDoubledOn is null) != (now.PdDoubledOn is null)) doubledChanged.Add(id);
            if (before is null || before.ModelVersion != version || before.Score != now.Score || before.Pd != now.Pd || before.Ecl != ecl
                || before.PdDoubledOn != now.PdDoubledOn)
                changed.Add(now);
        }
        LoanScoreRows.Upsert(connection, changed);
        if (BusinessCalendar.IsMonthEnd(businessDate)) WriteHistory(connection, businessDate, version, ids, scores, pds);
        return new ScoredBook(version, ids, scores, pds, doubledChanged);
    }

    /// <summary>Keeps a month end's scores in the history.</summary>
    public static void WriteHistory(DbConnection connection, DateOnly monthEnd, int version, long[] ids, int[] scores, double[] pds) =>
        LoanScoreRows.WriteHistory(connection, [.. ids.Select((id, i) => new ScoreHistory { MonthEnd = monthEnd, LoanId = id, ModelVersion = version, Score = scores[i], Pd = pds[i] })]);

    /// <summary>
    /// Adds the score features the rules read: today's from <paramref name="scored"/> (missing without a model),
    /// earlier month ends' and the 3-month change from the score history.
    /// </summary>
    public static void AddScoreFeatures(DbConnection connection, FeatureFrame frame, IEnumerable<FeatureInput> inputs, ScoredBook? scored, long[] ids, DateOnly date)
    {
        var history = new Dictionary<DateOnly, Dictionary<long, ScoreHistory>>();
        Dictionary<long, ScoreHistory> At(DateOnly monthEnd) => history.TryGetValue(monthEnd, out var h) ? h : history[monthEnd] = LoanScoreRows.History(connection, monthEnd);
        foreach (var input in inputs.Distinct())
        {
            var values = new decimal[ids.Length];
            var present = new bool[ids.Length];
            // A lag reads the history at that month end; the 3-month change compares with the month end three months before.
            var lagged = BusinessCalendar.MonthEnd(date.AddMonths(-input.Lag));
            var before = BusinessCalendar.MonthEnd((input.Lag == 0 ? date : lagged).AddMonths(-3));
            for (var i = 0; i < ids.Length; i++)
            {
                int? score = null;
                double? pd = null;
                if (input.Lag == 0 && scored is not null) (score, pd) = (scored.Scores[i], scored.Pds[i]);
                else if (input.Lag > 0 && At(lagged).TryGetValue(ids[i], out var h)) (score, pd) = (h.Score, h.Pd);
                decimal? value = input.Feature switch
                {
                    "behaviour_score" => score,
                    "pd" => pd is { } p ? (decimal)p : null,
                    _ => score is { } s && At(before).TryGetValue(ids[i], out var then) ? s - then.Score : null,
                };
                if (value is { } v) (values[i], present[i]) = (v, true);
            }
            frame.AddNumbers(input.Feature, input.Lag, values, present);
        }
    }

    /// <summary>Whole months from the date to the loan's maturity; 0 once it has passed.</summary>
    private static int MonthsLeft(DateOnly date, DateOnly maturity) =>
        maturity <= date ? 0 : (maturity.Year - date.Year) * 12 + maturity.Month - date.Month;
}
