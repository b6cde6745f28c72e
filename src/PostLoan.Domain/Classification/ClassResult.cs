namespace PostLoan.Domain.Classification;

/// <summary>A class with the rule that gave it and a readable reason.</summary>
/// <param name="Rule">Stable rule id, e.g. <c>dpd_over_90</c>, <c>cross_default</c>.</param>
public readonly record struct ClassResult(RiskClass Class, string Rule, string Reason)
{
    public static readonly ClassResult Performing = new(RiskClass.Normal, "performing", "performing, nothing overdue");

    /// <summary>The worse of two results; on a tie the current one is kept.</summary>
    public ClassResult AtLeast(ClassResult floor) => floor.Class > Class ? floor : this;
}
