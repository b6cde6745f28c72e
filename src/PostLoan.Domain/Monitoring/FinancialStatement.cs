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
}
