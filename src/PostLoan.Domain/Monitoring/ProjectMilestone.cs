namespace PostLoan.Domain.Monitoring;

/// <summary>A milestone of the project a project-finance loan pays for: planned against actual progress and money.</summary>
public sealed class ProjectMilestone
{
    private ProjectMilestone() { }

    public long Id { get; private set; }
    public string ExternalId { get; private set; } = "";
    public long LoanId { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly PlannedDate { get; private set; }
    /// <summary>The day the milestone was reached; null while it is not.</summary>
    public DateOnly? ActualDate { get; private set; }
    /// <summary>Fraction (0–1) of the whole project planned to be done by <see cref="PlannedDate"/>.</summary>
    public decimal PlannedCompletion { get; private set; }
    /// <summary>Fraction (0–1) of the whole project actually done, as last reported.</summary>
    public decimal Completion { get; private set; }
    /// <summary>Budget and spend of the milestone, in the loan's currency.</summary>
    public decimal Budget { get; private set; }
    public decimal Spend { get; private set; }
}
