using PostLoan.Domain.Monitoring;

namespace PostLoan.Domain.EarlyWarning.Features;

/// <summary>The figures of one financial statement that features read.</summary>
public sealed record StatementFigures(
    DateOnly PeriodEnd, StatementPeriod Period, DateOnly ReceivedOn,
    decimal TotalAssets, decimal TotalLiabilities, decimal CurrentAssets, decimal CurrentLiabilities, decimal Inventory, decimal Receivables,
    decimal Revenue, decimal NetProfit, decimal OperatingCashFlow, decimal InterestExpense, decimal DebtService)
{
    /// <summary>The statement's value of a covenant metric (<see cref="StatementRatios"/>), rounded as features are; missing on a zero divisor.</summary>
    public decimal? Metric(CovenantMetric metric) =>
        StatementRatios.Of(metric, new StatementRatios.Figures(TotalAssets, TotalLiabilities, CurrentAssets, CurrentLiabilities, Inventory,
            NetProfit, OperatingCashFlow, InterestExpense, DebtService)) is { } ratio ? FeatureWindow.Round(ratio) : null;
}

/// <summary>A covenant's terms: the statement metric it binds, how, and the period ends it applies to.</summary>
public sealed record CovenantTerms(CovenantMetric Metric, CovenantOperator Operator, decimal Threshold, DateOnly FromDate, DateOnly? ToDate)
{
    public bool AppliesTo(DateOnly periodEnd) => periodEnd >= FromDate && (ToDate is null || periodEnd <= ToDate);
}

/// <summary>
/// Statement features (SPEC §6) of a borrower as of a date, from the statements received by then: the latest one's
/// ratios, growth against the statement of the same kind a year earlier, how late the next one is, and the loan's
/// covenants it breaches.
/// </summary>
public static class StatementFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        "debt_to_asset", "current_ratio", "quick_ratio", "interest_coverage", "dscr", "revenue_growth", "receivable_growth",
        "net_profit", "operating_cash_flow_negative", "statement_days_late", "covenant_breaches",
    ];

    /// <summary>
    /// Days after a period end within which its statement is due: annual reports by the end of April (120 days),
    /// quarterly and monthly ones within 30 days.
    /// </summary>
    public static int AllowanceDays(StatementPeriod period) => period == StatementPeriod.Annual ? 120 : 30;

    /// <summary>The period end that follows <paramref name="periodEnd"/> for statements of this period.</summary>
    public static DateOnly NextPeriodEnd(DateOnly periodEnd, StatementPeriod period) =>
        Common.BusinessCalendar.MonthEnd(periodEnd.AddDays(1).AddMonths(period switch
        {
            StatementPeriod.Annual => 11,
            StatementPeriod.Quarterly => 2,
            _ => 0,
        }));

    /// <param name="statements">The borrower's statements, in any order; those received after <paramref name="asOf"/> are not seen.</param>
    /// <param name="covenants">The loan's covenants.</param>
    public static void Compute(IReadOnlyList<StatementFigures> statements, IReadOnlyList<CovenantTerms> covenants, DateOnly asOf, IFeatureSink sink)
    {
        StatementFigures? latest = null;
        foreach (var s in statements)
            if (s.ReceivedOn <= asOf && (latest is null || s.PeriodEnd > latest.PeriodEnd || (s.PeriodEnd == latest.PeriodEnd && s.Period < latest.Period)))
                latest = s;
        if (latest is null)
        {
            foreach (var name in Names) Missing(name, sink);
            return;
        }
        sink.Number("debt_to_asset", latest.Metric(CovenantMetric.DebtToAsset));
        sink.Number("current_ratio", latest.Metric(CovenantMetric.CurrentRatio));
        sink.Number("quick_ratio", latest.Metric(CovenantMetric.QuickRatio));
        sink.Number("interest_coverage", latest.Metric(CovenantMetric.InterestCoverage));
        sink.Number("dscr", latest.Metric(CovenantMetric.Dscr));
        var yearBefore = statements.FirstOrDefault(s => s.ReceivedOn <= asOf && s.Period == latest.Period
            && s.PeriodEnd == Common.BusinessCalendar.MonthEnd(latest.PeriodEnd.AddMonths(-12)));
        sink.Number("revenue_growth", yearBefore is null ? null : FeatureWindow.Change(latest.Revenue, yearBefore.Revenue));
        sink.Number("receivable_growth", yearBefore is null ? null : FeatureWindow.Change(latest.Receivables, yearBefore.Receivables));
        sink.Number("net_profit", latest.NetProfit);
        sink.Flag("operating_cash_flow_negative", latest.OperatingCashFlow < 0);
        var nextDue = NextPeriodEnd(latest.PeriodEnd, latest.Period).AddDays(AllowanceDays(latest.Period));
        sink.Number("statement_days_late", Math.Max(0, Common.BusinessCalendar.DaysBetween(nextDue, asOf)));
        var breaches = 0;
        foreach (var c in covenants)
            if (c.AppliesTo(latest.PeriodEnd) && latest.Metric(c.Metric) is { } value && !c.Operator.Keeps(value, c.Threshold))
                breaches++;
        sink.Number("covenant_breaches", breaches);
    }

    private static void Missing(string name, IFeatureSink sink)
    {
        if (name == "operating_cash_flow_negative") sink.Flag(name, null);
        else sink.Number(name, null);
    }
}
