namespace PostLoan.Domain.EarlyWarning.Features;

/// <summary>One milestone of a project-finance loan's project.</summary>
public sealed record MilestoneProgress(DateOnly PlannedDate, DateOnly? ActualDate, decimal PlannedCompletion, decimal Completion, decimal Budget, decimal Spend);

/// <summary>
/// Project features (SPEC §6) of a loan as of a date, from its milestones. A milestone reached after the date counts
/// as not reached then. Completion and spend are the latest reported figures, which files carry no history of, so they
/// are read only as of the current business date: there, progress is the highest completion any milestone reports,
/// and the overrun compares the spend with the budget that progress has earned. As of an earlier date, progress is the
/// planned completion of the milestones reached by then, and the overrun is missing.
/// </summary>
public static class ProjectFeatures
{
    public static readonly IReadOnlyList<string> Names = ["project_lag", "project_overrun", "milestones_overdue"];

    /// <param name="reportedIsCurrent">True when <paramref name="asOf"/> is the current business date, on which the reported completion and spend hold.</param>
    public static void Compute(IReadOnlyList<MilestoneProgress> milestones, DateOnly asOf, bool reportedIsCurrent, IFeatureSink sink)
    {
        if (milestones.Count == 0)
        {
            foreach (var name in Names) sink.Number(name, null);
            return;
        }
        decimal progress = 0;
        var overdue = 0;
        MilestoneProgress? lastDue = null;
        foreach (var m in milestones)
        {
            var reachedBy = m.ActualDate is { } actual && actual <= asOf;
            if (reportedIsCurrent) progress = Math.Max(progress, m.Completion);
            else if (reachedBy) progress = Math.Max(progress, m.PlannedCompletion);
            if (m.PlannedDate <= asOf && (lastDue is null || m.PlannedDate > lastDue.PlannedDate)) lastDue = m;
            if (m.PlannedDate < asOf && !reachedBy) overdue++;
        }
        // The budget earned by the work done: each milestone's budget times the share of its span of the project
        // (from the previous milestone's planned completion to its own) that the progress covers.
        decimal earned = 0, spend = 0, previous = 0;
        foreach (var m in milestones.OrderBy(m => m.PlannedCompletion).ThenBy(m => m.PlannedDate))
        {
            var span = m.PlannedCompletion - previous;
            var share = span <= 0 ? (progress >= m.PlannedCompletion ? 1m : 0m) : Math.Clamp((progress - previous) / span, 0m, 1m);
            if (share > 0 || m.Spend > 0)
            {
                earned += m.Budget * share;
                spend += m.Spend;
            }
            previous = Math.Max(previous, m.PlannedCompletion);
        }
        sink.Number("project_lag", lastDue is null ? 0m : lastDue.PlannedCompletion - progress);
        sink.Number("project_overrun", reportedIsCurrent && earned > 0 ? FeatureWindow.Ratio(spend - earned, earned) : null);
        sink.Number("milestones_overdue", overdue);
    }
}
