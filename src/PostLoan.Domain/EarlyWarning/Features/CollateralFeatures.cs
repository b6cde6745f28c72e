using PostLoan.Domain.Monitoring;

namespace PostLoan.Domain.EarlyWarning.Features;

/// <summary>One collateral of a loan with its valuations (the appraisal among them).</summary>
public sealed record CollateralFacts(LienStatus LienStatus, DateOnly? InsuranceExpiry, IReadOnlyList<(DateOnly On, decimal Value)> Valuations)
{
    /// <summary>The latest value on or before <paramref name="date"/>; null when it had not been valued by then.</summary>
    public decimal? ValueAt(DateOnly date)
    {
        (DateOnly On, decimal Value)? best = null;
        foreach (var v in Valuations)
            if (v.On <= date && (best is null || v.On >= best.Value.On)) best = v;
        return best?.Value;
    }
}

/// <summary>A dated signal about one of a loan's guarantors, or about a borrower.</summary>
public readonly record struct SignalEvent(SignalKind Kind, DateOnly OccurredOn);

/// <summary>
/// Collateral and guarantor features (SPEC §6) of a loan as of a date: LTV on the collateral's latest values, their
/// change over 12 months, the earliest insurance expiry, and adverse records against the guarantors. Collateral whose
/// lien is released no longer secures the loan and is left out.
/// </summary>
public static class CollateralFeatures
{
    public static readonly IReadOnlyList<string> Names = ["ltv", "collateral_value_change_12m", "insurance_days_to_expiry", "guarantor_adverse_signals_12m"];

    public static void Compute(IReadOnlyList<CollateralFacts> collateral, decimal? outstandingPrincipal, IReadOnlyList<SignalEvent> guarantorSignals, DateOnly asOf, IFeatureSink sink)
    {
        decimal now = 0, then = 0, nowOfThose = 0;
        var valued = false;
        var comparable = false;
        int? toExpiry = null;
        var yearBefore = asOf.AddMonths(-12);
        foreach (var c in collateral)
        {
            if (c.LienStatus == LienStatus.Released) continue;
            if (c.ValueAt(asOf) is { } current)
            {
                valued = true;
                now += current;
                if (c.ValueAt(yearBefore) is { } old)
                {
                    comparable = true;
                    then += old;
                    nowOfThose += current;
                }
            }
            if (c.InsuranceExpiry is { } expiry)
            {
                var days = Common.BusinessCalendar.DaysBetween(asOf, expiry);
                if (toExpiry is null || days < toExpiry) toExpiry = days;
            }
        }
        sink.Number("ltv", valued && outstandingPrincipal is { } outstanding ? FeatureWindow.Ratio(outstanding, now) : null);
        sink.Number("collateral_value_change_12m", comparable ? FeatureWindow.Change(nowOfThose, then) : null);
        sink.Number("insurance_days_to_expiry", toExpiry);
        var adverse = 0;
        foreach (var s in guarantorSignals)
            if (s.Kind is SignalKind.CourtCase or SignalKind.Enforcement or SignalKind.AdverseNews && FeatureWindow.Within(s.OccurredOn, asOf, 12))
                adverse++;
        sink.Number("guarantor_adverse_signals_12m", adverse);
    }
}
