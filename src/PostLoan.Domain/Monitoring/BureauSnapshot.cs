namespace PostLoan.Domain.Monitoring;

/// <summary>
/// A credit-bureau report on a borrower as of one date: debt at every lender, how much of it is
/// overdue, and recent hard inquiries. <see cref="Overdue90Debt"/> ≤ <see cref="OverdueDebt"/> ≤ <see cref="TotalDebt"/>.
/// </summary>
public sealed class BureauSnapshot
{
    private BureauSnapshot() { }

    public long Id { get; private set; }
    public long BorrowerId { get; private set; }
    public DateOnly AsOf { get; private set; }
    public decimal TotalDebt { get; private set; }
    public decimal OverdueDebt { get; private set; }
    /// <summary>The part of <see cref="OverdueDebt"/> more than 90 days overdue.</summary>
    public decimal Overdue90Debt { get; private set; }
    /// <summary>Hard inquiries by lenders in the three months up to <see cref="AsOf"/>.</summary>
    public int Inquiries3m { get; private set; }
    public string Source { get; private set; } = "";
}
