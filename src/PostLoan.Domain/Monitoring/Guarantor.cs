namespace PostLoan.Domain.Monitoring;

/// <summary>A person or company guaranteeing a loan, watched through its own signals.</summary>
public sealed class Guarantor
{
    private Guarantor() { }

    public long Id { get; private set; }
    public string ExternalId { get; private set; } = "";
    public long LoanId { get; private set; }
    public GuarantorKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>National id (person) or unified social credit code (company). Sensitive: encrypted at rest, shown masked.</summary>
    public string? NationalId { get; private set; }
    /// <summary>The most the guarantor answers for, in the loan's currency.</summary>
    public decimal GuaranteedAmount { get; private set; }
}
