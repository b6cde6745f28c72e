using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;

namespace PostLoan.Domain.Inspections;

/// <summary>A loan as the visit plan sees it on a business date.</summary>
/// <param name="Tasks">The loan's open policy tasks, and for each kind (and collateral item) its latest closed one.</param>
/// <param name="HadFirstInspection">A first inspection was ever opened for the loan, whatever became of it.</param>
public sealed record PlanLoan(
    long LoanId,
    Segment Segment,
    decimal Principal,
    DateOnly DisbursedOn,
    LoanStatus Status,
    RiskClass RiskClass,
    IReadOnlyList<PlanCollateral> Collateral,
    IReadOnlyList<PlanTask> Tasks,
    bool HadFirstInspection);

/// <summary>A collateral item and the date of its latest valuation (the appraisal or a revaluation).</summary>
public sealed record PlanCollateral(long CollateralId, CollateralType Type, DateOnly LastValuedOn);

/// <summary>What the plan needs to know of a policy task.</summary>
public sealed record PlanTask(long Id, string Kind, long? CollateralId, InspectionTaskStatus Status, DateOnly DueOn, DateOnly? AnchorOn, int? CycleMonths, DateOnly CreatedOn)
{
    public bool IsOpen => Status is InspectionTaskStatus.Open or InspectionTaskStatus.InProgress;
}

/// <summary>One change the plan makes to a loan's tasks.</summary>
public abstract record PlanStep;

public sealed record CreateTask(string Kind, long? CollateralId, DateOnly DueOn, DateOnly? AnchorOn, int? CycleMonths, string Reason) : PlanStep;

public sealed record MoveTask(long TaskId, int CycleMonths, DateOnly DueOn) : PlanStep;

public sealed record CancelTask(long TaskId, string Reason) : PlanStep;

/// <summary>A revaluation task whose collateral has been valued since it opened: done on the valuation's date.</summary>
public sealed record CompleteTask(long TaskId, DateOnly On, string Note) : PlanStep;

/// <summary>
/// The visit plan (SPEC §7): what policy tasks a loan should have on a business date, given the ones it has. Pure and
/// idempotent: planning the same loan twice on one date with the first plan's tasks in place returns nothing.
/// </summary>
/// <remarks>
/// A repeating kind has at most one open task per loan (and collateral item). The next task of a series opens when the
/// last one is done or cancelled, due one cycle after the last one was due; a series that fell behind (a loan taken
/// on late, a long gap) restarts at its next date on or after the business date rather than opening the missed ones.
/// Series dates count whole months from the disbursement date (<see cref="SeriesDate"/>), so a loan disbursed on the
/// 31st is inspected on the last day of shorter months and on the 31st again after them.
/// </remarks>
public static class VisitPlanner
{
    public static IReadOnlyList<PlanStep> Plan(PlanLoan loan, DateOnly businessDate, VisitPolicy policy)
    {
        var steps = new List<PlanStep>();
        if (loan.Status != LoanStatus.Active)
        {
            var why = loan.Status == LoanStatus.Closed ? "the loan is closed" : "the loan is written off";
            foreach (var task in loan.Tasks.Where(t => t.IsOpen)) steps.Add(new CancelTask(task.Id, why));
            return steps;
        }

        FirstInspection(loan, businessDate, policy, steps);
        switch (loan.Segment)
        {
            case Segment.Corporate:
                Series(loan, TaskKinds.PeriodicInspection, policy.CorporateMonths(loan.RiskClass), businessDate, policy, steps,
                    $"periodic inspection of a {loan.RiskClass.Code().Replace('_', ' ')} corporate loan");
                break;
            case Segment.Project:
                Series(loan, TaskKinds.ProjectProgressCheck, policy.ProjectProgressMonths, businessDate, policy, steps, "project progress check");
                Series(loan, TaskKinds.ProjectSiteVisit, policy.ProjectSiteVisitMonths, businessDate, policy, steps, "project on-site visit");
                break;
            default:
                var sampled = SampleFraction(loan.LoanId) < policy.RetailSampleShare(loan.RiskClass);
                Series(loan, TaskKinds.PeriodicInspection, sampled ? policy.RetailSampleMonths : 0, businessDate, policy, steps,
                    $"retail risk sample ({loan.RiskClass.Code().Replace('_', ' ')})");
                break;
        }
        foreach (var item in loan.Collateral) Revaluation(loan, item, businessDate, policy, steps);
        return steps;
    }

    /// <summary>The date <paramref name="months"/> whole months after <paramref name="start"/>, counted from the start (never chained).</summary>
    public static DateOnly SeriesDate(DateOnly start, int months) => start.AddMonths(months);

    /// <summary>Where a date falls in a series started on <paramref name="start"/>: the whole months from the start to it.</summary>
    public static int SeriesMonths(DateOnly start, DateOnly date)
    {
        var months = (date.Year - start.Year) * 12 + date.Month - start.Month;
        // A date before the start's day in its month has not reached that month's step (a clamped month end has).
        return SeriesDate(start, months) > date ? months - 1 : months;
    }

    /// <summary>A number in [0, 1) fixed for a loan: which loans are in the retail sample.</summary>
    public static double SampleFraction(long loanId)
    {
        // SplitMix64's finaliser: consecutive ids spread evenly over [0, 1).
        var z = unchecked((ulong)loanId + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private static void FirstInspection(PlanLoan loan, DateOnly businessDate, VisitPolicy policy, List<PlanStep> steps)
    {
        if (loan.HadFirstInspection) return;
        int? days = loan.Segment == Segment.Retail
            ? loan.Principal >= policy.RetailFirstInspectionAmount && policy.RetailFirstInspectionDays > 0 ? policy.RetailFirstInspectionDays : null
            : policy.BusinessFirstInspectionDays > 0 ? policy.BusinessFirstInspectionDays : null;
        if (days is not { } d) return;
        var due = loan.DisbursedOn.AddDays(d);
        // A loan taken on after its window closed is inspected by the periodic cycle instead.
        if (due < businessDate) return;
        steps.Add(new CreateTask(TaskKinds.FirstInspection, null, due, null, null, $"first inspection within {d} days of disbursement: fund use and purpose"));
    }

    private static void Series(PlanLoan loan, string kind, int cycle, DateOnly businessDate, VisitPolicy policy, List<PlanStep> steps, string reason)
    {
        var mine = loan.Tasks.Where(t => t.Kind == kind && t.CollateralId is null).ToList();
        if (mine.FirstOrDefault(t => t.IsOpen) is { } open)
        {
            if (cycle > 0 && open.Status == InspectionTaskStatus.Open && open.AnchorOn is { } anchor && open.CycleMonths != cycle)
            {
                var due = SeriesDate(loan.DisbursedOn, SeriesMonths(loan.DisbursedOn, anchor) + cycle);
                var earliest = BusinessCalendar.AddBusinessDays(businessDate, policy.ClassChangeNoticeBusinessDays);
                steps.Add(new MoveTask(open.Id, cycle, due < earliest && due < open.DueOn ? Min(earliest, open.DueOn) : due));
            }
            return;
        }
        if (cycle <= 0) return;
        var last = mine.Where(t => !t.IsOpen).MaxBy(t => t.DueOn);
        var step = last is null ? 0 : SeriesMonths(loan.DisbursedOn, last.DueOn);
        var next = step + cycle;
        // Behind: restart at the first series date on or after the business date.
        while (SeriesDate(loan.DisbursedOn, next) < businessDate) next += cycle;
        steps.Add(new CreateTask(kind, null, SeriesDate(loan.DisbursedOn, next), SeriesDate(loan.DisbursedOn, next - cycle), cycle,
            $"{reason}, every {Months(cycle)}"));
    }

    private static void Revaluation(PlanLoan loan, PlanCollateral item, DateOnly businessDate, VisitPolicy policy, List<PlanStep> steps)
    {
        var cycle = policy.RevaluationMonths(item.Type);
        var open = loan.Tasks.FirstOrDefault(t => t.IsOpen && t.Kind == TaskKinds.CollateralRevaluation && t.CollateralId == item.CollateralId);
        if (open is not null)
        {
            // The work a revaluation task asks for is a valuation: once one newer than the task's anchor is on record, it is done.
            if (open.AnchorOn is not { } anchor || item.LastValuedOn <= anchor) return;
            steps.Add(new CompleteTask(open.Id, item.LastValuedOn < open.CreatedOn ? open.CreatedOn : Min(item.LastValuedOn, businessDate),
                $"valued on {item.LastValuedOn:yyyy-MM-dd}"));
            // Go on to the next task: when it already falls within its lead (a monthly cycle), waiting for another run
            // would make a second plan on this date differ from the first.
        }
        if (cycle <= 0) return;
        var due = item.LastValuedOn.AddMonths(cycle);
        if (due.AddDays(-policy.RevaluationLeadDays) > businessDate) return;
        if (due < businessDate) due = businessDate;
        steps.Add(new CreateTask(TaskKinds.CollateralRevaluation, item.CollateralId, due, item.LastValuedOn, cycle,
            $"{item.Type} revaluation every {Months(cycle)}, last valued {item.LastValuedOn:yyyy-MM-dd}"));
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Months(int cycle) => cycle switch
    {
        1 => "month",
        3 => "quarter",
        12 => "year",
        _ => $"{cycle} months",
    };
}
