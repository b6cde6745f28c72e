namespace PostLoan.Domain.EarlyWarning.Features;

/// <summary>The figures of one credit-bureau snapshot that features read.</summary>
public sealed record BureauFigures(DateOnly AsOf, decimal TotalDebt, decimal OverdueDebt, decimal Overdue90Debt, int Inquiries3m);

/// <summary>Bureau features (SPEC §6) of a borrower as of a date, from the latest snapshot taken by then.</summary>
public static class BureauFeatures
{
    public static readonly IReadOnlyList<string> Names =
        ["bureau_overdue_elsewhere", "bureau_overdue90_share", "bureau_inquiries_3m", "bureau_total_debt", "bureau_debt_growth_6m", "bureau_age_days"];

    /// <summary>How far from six months before the latest snapshot the older one may be for a debt growth to be read.</summary>
    public const int GrowthToleranceDays = 45;

    /// <param name="snapshots">The borrower's snapshots, in any order; those dated after <paramref name="asOf"/> are not seen.</param>
    public static void Compute(IReadOnlyList<BureauFigures> snapshots, DateOnly asOf, IFeatureSink sink)
    {
        BureauFigures? latest = null;
        foreach (var s in snapshots)
            if (s.AsOf <= asOf && (latest is null || s.AsOf > latest.AsOf)) latest = s;
        if (latest is null)
        {
            sink.Flag("bureau_overdue_elsewhere", null);
            foreach (var name in Names.Skip(1)) sink.Number(name, null);
            return;
        }
        sink.Flag("bureau_overdue_elsewhere", latest.OverdueDebt > 0);
        sink.Number("bureau_overdue90_share", latest.TotalDebt > 0 ? FeatureWindow.Ratio(latest.Overdue90Debt, latest.TotalDebt) : 0m);
        sink.Number("bureau_inquiries_3m", latest.Inquiries3m);
        sink.Number("bureau_total_debt", latest.TotalDebt);
        // The snapshot nearest to six months before the latest one, within the tolerance.
        var target = latest.AsOf.AddMonths(-6);
        BureauFigures? older = null;
        foreach (var s in snapshots)
        {
            var distance = Math.Abs(Common.BusinessCalendar.DaysBetween(target, s.AsOf));
            if (distance <= GrowthToleranceDays && (older is null || distance < Math.Abs(Common.BusinessCalendar.DaysBetween(target, older.AsOf))))
                older = s;
        }
        sink.Number("bureau_debt_growth_6m", older is null ? null : FeatureWindow.Change(latest.TotalDebt, older.TotalDebt));
        sink.Number("bureau_age_days", Common.BusinessCalendar.DaysBetween(latest.AsOf, asOf));
    }
}
