namespace PostLoan.Domain.Monitoring;

/// <summary>A payment out of a loan's proceeds (贷款用途跟踪), to compare with the contracted purpose.</summary>
public sealed class FundUse
{
    private FundUse() { }

    public long Id { get; private set; }
    public string ExternalId { get; private set; } = "";
    public long LoanId { get; private set; }
    /// <summary>Not before the loan's disbursement.</summary>
    public DateOnly PaidOn { get; private set; }
    /// <summary>Positive, in the loan's currency.</summary>
    public decimal Amount { get; private set; }
    public string Counterparty { get; private set; } = "";
    public CounterpartyType CounterpartyType { get; private set; }
    /// <summary>The purpose the payment order states, as written.</summary>
    public string StatedPurpose { get; private set; } = "";
}
