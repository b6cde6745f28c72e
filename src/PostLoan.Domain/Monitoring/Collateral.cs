namespace PostLoan.Domain.Monitoring;

/// <summary>
/// An asset pledged or mortgaged for a loan. Its value over time is in <see cref="CollateralValuation"/>,
/// whose first entry is the appraisal recorded here.
/// </summary>
public sealed class Collateral
{
    private Collateral() { }

    public long Id { get; private set; }
    public string ExternalId { get; private set; } = "";
    public long LoanId { get; private set; }
    public CollateralType Type { get; private set; }
    public string Description { get; private set; } = "";
    /// <summary>Value at the appraisal the loan was granted on, in the loan's currency.</summary>
    public decimal AppraisedValue { get; private set; }
    public DateOnly AppraisedOn { get; private set; }
    public LienStatus LienStatus { get; private set; }
    /// <summary>Last day the asset is insured (inclusive); null when uninsured or not insurable.</summary>
    public DateOnly? InsuranceExpiry { get; private set; }

    /// <summary>Deposits, equity and receivables are not insured against loss the way property is.</summary>
    public static bool IsInsurable(CollateralType type) => type is CollateralType.RealEstate or CollateralType.Vehicle or CollateralType.Equipment;
}

/// <summary>A collateral's value on one date; the latest one is its current value (for LTV).</summary>
public sealed class CollateralValuation
{
    private CollateralValuation() { }

    public long Id { get; private set; }
    public long CollateralId { get; private set; }
    public DateOnly ValuedOn { get; private set; }
    public decimal Value { get; private set; }
    /// <summary>How or by whom it was valued (an appraiser, a market index, a desk review).</summary>
    public string Method { get; private set; } = "";
    /// <summary>True for the entry the collateral's own appraisal made; it moves with the appraisal.</summary>
    public bool FromAppraisal { get; private set; }
}
