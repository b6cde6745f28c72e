using PostLoan.Domain.Delinquency;

namespace PostLoan.Domain.EarlyWarning.Features;

/// <summary>One of a loan's delinquency events (<see cref="DelinquencyEvents"/>): its date, kind and value.</summary>
public readonly record struct DelinquencyEvent(DateOnly Date, string Kind, int Value);

/// <summary>
/// Delinquency-history and payment-behaviour features (SPEC §6) of a loan as of a date, from its DPD that day and the
/// delinquency events end-of-day recorded. DPD only falls on a payment, and the day before each fall is a
/// <see cref="DelinquencyEvents.Peak"/>, so the highest DPD of a window is the larger of the DPD at its end and the
/// peaks within it.
/// </summary>
public static class DelinquencyFeatures
{
    public static readonly IReadOnlyList<string> Names = ["max_dpd_3m", "max_dpd_6m", "max_dpd_12m", "times_30_plus_12m", "partial_payments_6m"];

    /// <summary>The longest window the features read, in months.</summary>
    public const int WindowMonths = 12;

    /// <summary>
    /// The window, in months, that the features <paramref name="wanted"/> read: the events before it need not be read
    /// (three months of them for <c>max_dpd_3m</c> alone, a quarter of a year's). The features outside it come out wrong,
    /// so a caller computes only those it asked for.
    /// </summary>
    public static int WindowOf(IEnumerable<string> wanted)
    {
        var months = 0;
        foreach (var name in wanted)
            months = Math.Max(months, name switch
            {
                "max_dpd_3m" => 3,
                "max_dpd_6m" or "partial_payments_6m" => 6,
                "max_dpd_12m" or "times_30_plus_12m" => WindowMonths,
                _ => 0,
            });
        return months;
    }

    /// <param name="dpd">The loan's DPD on <paramref name="asOf"/>; null when it has no state then (every feature is missing).</param>
    /// <param name="events">The loan's events, in any order; those outside the windows are not read.</param>
    public static void Compute(int? dpd, IReadOnlyList<DelinquencyEvent> events, DateOnly asOf, IFeatureSink sink)
    {
        if (dpd is not { } now)
        {
            foreach (var name in Names) sink.Number(name, null);
            return;
        }
        int max3 = now, max6 = now, max12 = now, times30 = 0, partial = 0;
        foreach (var e in events)
        {
            if (!FeatureWindow.Within(e.Date, asOf, WindowMonths)) continue;
            switch (e.Kind)
            {
                case DelinquencyEvents.Peak:
                    max12 = Math.Max(max12, e.Value);
                    if (FeatureWindow.Within(e.Date, asOf, 6)) max6 = Math.Max(max6, e.Value);
                    if (FeatureWindow.Within(e.Date, asOf, 3)) max3 = Math.Max(max3, e.Value);
                    break;
                case DelinquencyEvents.ThirtyPlus:
                    times30++;
                    break;
                case DelinquencyEvents.PartlyPaid when FeatureWindow.Within(e.Date, asOf, 6):
                    partial += e.Value;
                    break;
            }
        }
        sink.Number("max_dpd_3m", max3);
        sink.Number("max_dpd_6m", max6);
        sink.Number("max_dpd_12m", max12);
        sink.Number("times_30_plus_12m", times30);
        sink.Number("partial_payments_6m", partial);
    }
}
