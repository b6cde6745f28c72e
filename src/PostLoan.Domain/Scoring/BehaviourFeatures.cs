using PostLoan.Domain.EarlyWarning.Rules;

namespace PostLoan.Domain.Scoring;

/// <summary>
/// The features the behaviour model is trained on and scores with (docs/scoring.md): the early-warning features of
/// docs/features.md that describe how a loan and its borrower behave, computed as end-of-day computes them. Left out:
/// amounts (they measure size, not risk, and differ by product), the class and stage (they follow from DPD, and stage
/// 2 itself follows from the PD), and the score features.
/// </summary>
public static class BehaviourFeatures
{
    public static IReadOnlyList<string> Default { get; } =
    [
        "segment", "months_on_book", "outstanding_ratio", "restructured", "on_watch_list",
        "dpd", "max_dpd_3m", "max_dpd_6m", "max_dpd_12m", "times_30_plus_12m", "partial_payments_6m", "days_since_last_payment",
        "bureau_overdue_elsewhere", "bureau_overdue90_share", "bureau_inquiries_3m", "bureau_debt_growth_6m",
        "debt_to_asset", "current_ratio", "interest_coverage", "dscr", "statement_days_late", "covenant_breaches",
        "ltv", "collateral_value_change_12m", "guarantor_adverse_signals_12m", "fund_use_untraced_ratio",
        "project_lag", "milestones_overdue", "litigation_12m", "enforcement_12m", "adverse_news_3m", "executive_changes_12m", "industry_restricted",
    ];

    /// <summary>
    /// The frame's columns of <paramref name="features"/> (today's values, lag 0) as data a scorecard reads: numbers as
    /// numbers, flags as the categories <c>true</c> and <c>false</c>, texts as categories; missing stays missing.
    /// </summary>
    public static TrainingData FromFrame(FeatureFrame frame, IEnumerable<string> features, bool[] bad)
    {
        var columns = new List<DataColumn>();
        foreach (var name in features)
        {
            var input = new FeatureInput(name, 0);
            if (frame.TypeOf(input) is null) throw new ArgumentException($"the frame has no column {name}", nameof(features));
            columns.Add(frame.Column(input) switch
            {
                NumberColumn n => new NumericColumn(name, [.. n.Values.Select((v, i) => n.Present is null || n.Present[i] ? (double?)(double)v : null)]),
                BoolColumn b => new CategoricalColumn(name, [.. b.Values.Select((v, i) => b.Present is null || b.Present[i] ? (v ? "true" : "false") : null)]),
                TextColumn t => new CategoricalColumn(name, t.Values),
                _ => throw new InvalidOperationException($"unknown column kind for {name}"),
            });
        }
        return new TrainingData(columns, bad);
    }
}
