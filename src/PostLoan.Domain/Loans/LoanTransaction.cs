namespace PostLoan.Domain.Loans;

/// <summary>An immutable money movement on a loan. A correction is a <see cref="TransactionKind.Reversal"/> plus a new entry.</summary>
public sealed class LoanTransaction
{
    private LoanTransaction() { }

    public long Id { get; private set; }
    public string ExternalId { get; private set; } = "";
    public long LoanId { get; private set; }
    public TransactionKind Kind { get; private set; }
    /// <summary>Value date: the business date the money counts from.</summary>
    public DateOnly ValueDate { get; private set; }
    /// <summary>Always positive; the kind gives the direction.</summary>
    public decimal Amount { get; private set; }
    /// <summary>For a waiver, the component it forgives.</summary>
    public AllocationComponent? Component { get; private set; }
    /// <summary>For a reversal, the transaction it cancels.</summary>
    public long? ReversesId { get; private set; }
    public string? Note { get; private set; }
}
