namespace PostLoan.Domain.Schedules;

/// <summary>One row of an imported (custom) schedule.</summary>
public sealed class ScheduleLine
{
    private ScheduleLine() { }

    public long LoanId { get; private set; }
    public int Number { get; private set; }
    public DateOnly DueDate { get; private set; }
    public decimal Principal { get; private set; }
    public decimal Interest { get; private set; }
    public decimal Fees { get; private set; }

    public Installment ToInstallment() => new(Number, DueDate, Principal, Interest, Fees);
}
