namespace PostLoan.Domain.Inspections;

/// <summary>
/// The kinds of post-loan work (SPEC §7), as stored and as rules name them in their actions
/// (<c>RuleActions.TaskKind</c>). A rule may name another kind; such a task is kept with the name it was given.
/// </summary>
public static class TaskKinds
{
    /// <summary>首次检查: fund use and purpose, soon after disbursement.</summary>
    public const string FirstInspection = "first_inspection";

    /// <summary>定期检查 of a corporate loan, or a retail loan in the risk sample.</summary>
    public const string PeriodicInspection = "periodic_inspection";

    /// <summary>Project finance: the monthly progress check.</summary>
    public const string ProjectProgressCheck = "project_progress_check";

    /// <summary>Project finance: the quarterly on-site visit.</summary>
    public const string ProjectSiteVisit = "project_site_visit";

    /// <summary>A collateral item's revaluation, done when a newer valuation is recorded.</summary>
    public const string CollateralRevaluation = "collateral_revaluation";

    /// <summary>专项检查 after a red alert.</summary>
    public const string AdhocInspection = "adhoc_inspection";

    /// <summary>回访 asked for by an alert's rule, a report or a person.</summary>
    public const string FollowUpVisit = "follow_up_visit";

    /// <summary>A report proposed a class: a risk officer decides.</summary>
    public const string ClassReview = "class_review";

    /// <summary>A report proposed a restructuring or an extension: a risk officer decides.</summary>
    public const string RestructuringReview = "restructuring_review";

    public static readonly IReadOnlyList<string> Known =
    [
        FirstInspection, PeriodicInspection, ProjectProgressCheck, ProjectSiteVisit, CollateralRevaluation,
        AdhocInspection, FollowUpVisit, ClassReview, RestructuringReview,
    ];

    /// <summary>Kinds whose work is a visit or an inspection and is written up as a visit report.</summary>
    public static bool IsVisit(string kind) => kind is not (CollateralRevaluation or ClassReview or RestructuringReview);

    public static string Chinese(string kind) => kind switch
    {
        FirstInspection => "首次检查",
        PeriodicInspection => "定期检查",
        ProjectProgressCheck => "项目进度检查",
        ProjectSiteVisit => "项目现场检查",
        CollateralRevaluation => "押品重估",
        AdhocInspection => "专项检查",
        FollowUpVisit => "回访",
        ClassReview => "分类复核",
        RestructuringReview => "重组评估",
        _ => kind,
    };
}
