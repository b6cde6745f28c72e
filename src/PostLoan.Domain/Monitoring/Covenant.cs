namespace PostLoan.Domain.Monitoring;

/// <summary>
/// A condition a loan's borrower must keep on one statement ratio (e.g. debt-to-asset &lt;= 0.70),
/// tested whenever a statement arrives; a breach raises an alert (SPEC §2, §6).
/// </summary>
public sealed class Covenant
{
    private Covenant() { }

    public long Id { get; private set; }
    public string ExternalId { get; private set; } = "";
    public long LoanId { get; private set; }
    public CovenantMetric Metric { get; private set; }
    public CovenantOperator Operator { get; private set; }
    /// <summary>A plain ratio (0.7, not 70 %).</summary>
    public decimal Threshold { get; private set; }
    /// <summary>The first statement period end the covenant applies to (inclusive).</summary>
    public DateOnly FromDate { get; private set; }
    /// <summary>The last period end it applies to (inclusive); open-ended when null.</summary>
    public DateOnly? ToDate { get; private set; }

    /// <summary>True when a statement whose period ends on <paramref name="periodEnd"/> is tested against this covenant.</summary>
    public bool AppliesTo(DateOnly periodEnd) => periodEnd >= FromDate && (ToDate is null || periodEnd <= ToDate);

    /// <summary>True when the ratio keeps the covenant.</summary>
    public bool IsKeptBy(decimal ratio) => Operator.Keeps(ratio, Threshold);
}
