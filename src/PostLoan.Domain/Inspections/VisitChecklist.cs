using PostLoan.Domain.Loans;

namespace PostLoan.Domain.Inspections;

/// <summary>A question of the visit checklist. Each is asked so that "yes" is the good answer.</summary>
public sealed record ChecklistItem(string Code, string Chinese, string English);

public enum ChecklistAnswer
{
    Yes,

    /// <summary>A risk point: the answer needs a note saying what was found.</summary>
    No,

    /// <summary>Could not be checked on this visit (say why in the note).</summary>
    NotChecked,
}

/// <summary>One answered question.</summary>
public sealed record ChecklistEntry(string Code, ChecklistAnswer Answer, string? Note = null);

/// <summary>
/// The structured checklist of a visit report (SPEC §7), adapted to the loan: every visit asks whether the business
/// runs normally, whether anything adverse happened, and whether the borrower is willing and able to repay; a new loan
/// (the first inspection, or six months on book or less) adds fund use; project finance adds progress; a secured loan
/// adds the collateral and its insurance.
/// </summary>
public static class VisitChecklist
{
    public static readonly ChecklistItem BusinessOperating = new("business_operating", "经营是否正常", "Business operating normally");
    public static readonly ChecklistItem FundUse = new("fund_use_as_contracted", "资金用途是否与合同一致", "Funds used as contracted");
    public static readonly ChecklistItem ProjectOnSchedule = new("project_on_schedule", "项目进度与预算是否正常", "Project on schedule and within budget");
    public static readonly ChecklistItem CollateralIntact = new("collateral_intact", "押品是否存在且完好", "Collateral present and intact");
    public static readonly ChecklistItem InsuranceValid = new("insurance_valid", "押品保险是否有效", "Collateral insurance valid");
    public static readonly ChecklistItem NoAdverseEvent = new("no_adverse_event", "有无重大不利事件（无为是）", "No adverse event");
    public static readonly ChecklistItem Willing = new("willing_to_repay", "还款意愿是否良好", "Willing to repay");
    public static readonly ChecklistItem Able = new("able_to_repay", "还款能力是否充足", "Able to repay");

    public static readonly IReadOnlyList<ChecklistItem> All = [BusinessOperating, FundUse, ProjectOnSchedule, CollateralIntact, InsuranceValid, NoAdverseEvent, Willing, Able];

    /// <summary>A loan is "new" for the checklist up to this many months on book.</summary>
    public const int NewLoanMonths = 6;

    public static IReadOnlyList<ChecklistItem> For(Segment segment, bool secured, bool newLoan)
    {
        var items = new List<ChecklistItem> { BusinessOperating };
        if (newLoan) items.Add(FundUse);
        if (segment == Segment.Project) items.Add(ProjectOnSchedule);
        if (secured)
        {
            items.Add(CollateralIntact);
            items.Add(InsuranceValid);
        }
        items.AddRange([NoAdverseEvent, Willing, Able]);
        return items;
    }

    /// <summary>The checklist for a loan on a date: new when it is a first inspection or the loan is young.</summary>
    public static IReadOnlyList<ChecklistItem> For(Segment segment, bool secured, DateOnly disbursedOn, DateOnly visitedOn, string? taskKind) =>
        For(segment, secured, taskKind == TaskKinds.FirstInspection || visitedOn < disbursedOn.AddMonths(NewLoanMonths).AddDays(1));

    public static ChecklistItem? Find(string code) => All.FirstOrDefault(i => i.Code == code);
}
