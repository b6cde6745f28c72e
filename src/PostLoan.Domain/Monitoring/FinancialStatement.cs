namespace PostLoan.Domain.Monitoring;

/// <summary>
/// A borrower's financial statement for one period (SPEC §2), as the borrower reported it. One per
/// borrower, period end and period. Amounts are in the borrower's reporting currency with two decimals;
/// only <see cref="NetProfit"/> and <see cref="OperatingCashFlow"/> may be negative. Ratios are derived
/// from these figures where they are needed, never stored.
/// </summary>
public sealed class FinancialStatement
{
    private FinancialStatement() { }

    public long Id { get; private set; }
    public long BorrowerId { get; private set; }
    /// <summary>The last day the statement covers (inclusive).</summary>
    public DateOnly PeriodEnd { get; private set; }
    public StatementPeriod Period { get; private set; }
    /// <summary>The day the lender received it, on or after <see cref="PeriodEnd"/>; how late it came is measured from here.</summary>
    public DateOnly ReceivedOn { get; private set; }
    public decimal TotalAssets { get; private set; }
    public decimal TotalLiabilities { get; private set; }
    /// <summary>At most <see cref="TotalAssets"/>.</summary>
    public decimal CurrentAssets { get; private set; }
    public decimal CurrentLiabilities { get; private set; }
    /// <summary>At most <see cref="CurrentAssets"/>.</summary>
    public decimal Inventory { get; private set; }
    public decimal Receivables { get; private set; }
    /// <summary>Flows over the period: revenue, net profit, operating cash flow, interest expense and debt service (principal and interest due).</summary>
    public decimal Revenue { get; private set; }
    public decimal NetProfit { get; private set; }
    public decimal OperatingCashFlow { get; private set; }
    public decimal InterestExpense { get; private set; }
    public decimal DebtService { get; private set; }

    /// <summary>The statement's value of <paramref name="metric"/> (see <see cref="CovenantMetric"/>); null when its denominator is zero.</summary>
    public decimal? Ratio(CovenantMetric metric) => StatementRatios.Of(metric, new StatementRatios.Figures(
        TotalAssets, TotalLiabilities, CurrentAssets, CurrentLiabilities, Inventory, NetProfit, OperatingCashFlow, InterestExpense, DebtService));
}

/// <summary>
/// The ratios of SPEC §2 derived from a statement's figures, as <see cref="CovenantMetric"/> defines them.
/// Plain fractions (0.70, not 70 %), unrounded. A ratio whose denominator is zero (no interest expense, no
/// current liabilities, no debt service) has no value: it is null, never zero or infinity.
/// </summary>
public static class StatementRatios
{
    /// <summary>The figures the ratios read, in the statement's currency.</summary>
    public sealed record Figures(
        decimal TotalAssets, decimal TotalLiabilities, decimal CurrentAssets, decimal CurrentLiabilities, decimal Inventory,
        decimal NetProfit, decimal OperatingCashFlow, decimal InterestExpense, decimal DebtService);

    public static decimal? Of(CovenantMetric metric, Figures f) => metric switch
    {
        CovenantMetric.DebtToAsset => Divide(f.TotalLiabilities, f.TotalAssets),
        CovenantMetric.CurrentRatio => Divide(f.CurrentAssets, f.CurrentLiabilities),
        CovenantMetric.QuickRatio => Divide(f.CurrentAssets - f.Inventory, f.CurrentLiabilities),
        CovenantMetric.InterestCoverage => Divide(f.NetProfit + f.InterestExpense, f.InterestExpense),
        CovenantMetric.Dscr => Divide(f.OperatingCashFlow, f.DebtService),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    private static decimal? Divide(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator / denominator;
}
