using PostLoan.Domain.Classification;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.EarlyWarning;

namespace PostLoan.Application.EarlyWarning;

/// <summary>
/// The features a loan and its servicing state hold (docs/features.md): today's from <c>loan_states</c>, a month end's
/// from the snapshot end-of-day kept.
/// </summary>
internal static class ServicingFeatures
{
    /// <summary>The features a servicing state (and so a month-end snapshot) holds.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["dpd", "outstanding_principal", "outstanding_ratio", "months_on_book", "stage", "risk_class", "restructured", "segment", "product"];

    /// <summary>
    /// Adds the column of <paramref name="input"/> for the loans <paramref name="ids"/>, from the states <paramref name="at"/> of
    /// <paramref name="date"/>. Not <c>dpd</c>: the feature builder lines it up with the rows itself, from a whole state or a
    /// month end's DPD alone.
    /// </summary>
    public static void AddColumn(FeatureFrame frame, FeatureInput input, long[] ids, Dictionary<long, FeatureState> at, Dictionary<long, FeatureLoan> loans, DateOnly date)
    {
        var n = ids.Length;
        switch (input.Feature)
        {
            case "risk_class" or "segment" or "product":
                var texts = new string?[n];
                for (var i = 0; i < n; i++)
                    texts[i] = input.Feature switch
                    {
                        "segment" => loans[ids[i]].SegmentName,
                        "product" => loans[ids[i]].Product,
                        _ => at.TryGetValue(ids[i], out var s) ? s.RiskClass.Code() : null,
                    };
                frame.AddTexts(input.Feature, input.Lag, texts);
                return;
            case "restructured":
                var flags = new bool[n];
                var flagged = new bool[n];
                for (var i = 0; i < n; i++)
                    if (at.TryGetValue(ids[i], out var s)) (flags[i], flagged[i]) = (s.Restructured, true);
                frame.AddBools(input.Feature, input.Lag, flags, flagged);
                return;
        }
        var values = new decimal[n];
        var present = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var loan = loans[ids[i]];
            if (input.Feature == "months_on_book")
            {
                if (date >= loan.Disbursed) (values[i], present[i]) = (MonthsBetween(loan.Disbursed, date), true);
                continue;
            }
            if (!at.TryGetValue(ids[i], out var s)) continue;
            present[i] = true;
            values[i] = input.Feature switch
            {
                "outstanding_principal" => s.Outstanding,
                "outstanding_ratio" => loan.Principal > 0 ? s.Outstanding / loan.Principal : 0m,
                "stage" => (int)s.Stage,
                _ => throw new InvalidOperationException($"feature {input.Feature} is not in a snapshot"),
            };
        }
        frame.AddNumbers(input.Feature, input.Lag, values, present);
    }

    public static int MonthsBetween(DateOnly from, DateOnly to) =>
        (to.Year - from.Year) * 12 + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);
}
