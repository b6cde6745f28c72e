using PostLoan.Domain.Common;

namespace PostLoan.Domain.Inspections;

public enum InspectionTaskStatus
{
    Open,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>What created a task (SPEC §7: "the alert or policy that created it").</summary>
public enum TaskOrigin
{
    /// <summary>The visit plan policy, by end-of-day.</summary>
    Policy,

    /// <summary>An early-warning alert, by end-of-day.</summary>
    Alert,

    /// <summary>A visit report's recommended action.</summary>
    Report,

    /// <summary>Someone opened it by hand.</summary>
    Person,
}

/// <summary>
/// One unit of post-loan work (SPEC §7): kind, the loan it is about, a due date, an assignee, a status and what created
/// it. Dates are business dates. Open → in progress → done, or cancelled with a reason from open or in progress.
/// An open task past its due date is escalated once to the assignee's manager.
/// </summary>
/// <remarks>
/// A policy task of a repeating kind carries its cycle: <see cref="AnchorOn"/> is the date the cycle counts from and
/// <see cref="CycleMonths"/> its length, so that a class change can move the due date (<see cref="MoveDue"/>) and the
/// next task of the series starts where this one was due.
/// </remarks>
public sealed class InspectionTask
{
    private InspectionTask() { }

    public long Id { get; private set; }
    public string Kind { get; private set; } = "";
    public long BorrowerId { get; private set; }
    public long? LoanId { get; private set; }

    /// <summary>The collateral item, for a revaluation.</summary>
    public long? CollateralId { get; private set; }

    public DateOnly DueOn { get; private set; }

    /// <summary>An account manager's code (borrowers.account_manager), a user name, or <c>role:NAME</c> for anyone with that role.</summary>
    public string? Assignee { get; private set; }

    public InspectionTaskStatus Status { get; private set; }
    public TaskOrigin Origin { get; private set; }
    public long? AlertId { get; private set; }
    public long? ReportId { get; private set; }

    /// <summary>Why the task exists, in words (the policy line, the rule, the report's recommendation).</summary>
    public string Reason { get; private set; } = "";

    public DateOnly? AnchorOn { get; private set; }
    public int? CycleMonths { get; private set; }

    /// <summary>The business date the task was opened.</summary>
    public DateOnly CreatedOn { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>The date of the trigger: the alert's raise date, or the creation date.</summary>
    public DateOnly TriggeredOn { get; private set; }

    public DateOnly? StartedOn { get; private set; }
    public DateOnly? CompletedOn { get; private set; }
    public string? CompletedBy { get; private set; }
    public DateOnly? CancelledOn { get; private set; }
    public string? CancelReason { get; private set; }
    public DateOnly? EscalatedOn { get; private set; }
    public string? EscalatedTo { get; private set; }

    /// <summary>Bumped on every change, so two people changing one task at once do not both win.</summary>
    public int Revision { get; private set; }

    public bool IsOpen => Status is InspectionTaskStatus.Open or InspectionTaskStatus.InProgress;

    /// <summary>Done on or before its due date.</summary>
    public bool DoneOnTime => Status == InspectionTaskStatus.Done && CompletedOn <= DueOn;

    public bool IsOverdue(DateOnly businessDate) => IsOpen && DueOn < businessDate;

    /// <summary>The first action on the task: started, or done without being started.</summary>
    public DateOnly? FirstActionOn => StartedOn ?? CompletedOn;

    public static InspectionTask Open(string kind, long borrowerId, long? loanId, DateOnly dueOn, string? assignee, TaskOrigin origin, string reason,
        DateOnly businessDate, string by, long? alertId = null, long? reportId = null, long? collateralId = null, DateOnly? triggeredOn = null,
        DateOnly? anchorOn = null, int? cycleMonths = null)
    {
        if (string.IsNullOrWhiteSpace(kind)) throw new DomainException("a task needs a kind");
        if (kind.Length > 48) throw new DomainException("a task kind is at most 48 characters");
        if (dueOn < businessDate) throw new DomainException($"a task cannot be due ({dueOn:yyyy-MM-dd}) before the day it is opened ({businessDate:yyyy-MM-dd})");
        if (origin == TaskOrigin.Alert && alertId is null) throw new DomainException("a task opened by an alert names the alert");
        if (origin == TaskOrigin.Report && reportId is null) throw new DomainException("a task opened by a report names the report");
        return new InspectionTask
        {
            Kind = kind.Trim(),
            BorrowerId = borrowerId,
            LoanId = loanId,
            CollateralId = collateralId,
            DueOn = dueOn,
            Assignee = string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim(),
            Status = InspectionTaskStatus.Open,
            Origin = origin,
            AlertId = alertId,
            ReportId = reportId,
            Reason = reason.Trim(),
            AnchorOn = anchorOn,
            CycleMonths = cycleMonths,
            CreatedOn = businessDate,
            CreatedBy = by,
            TriggeredOn = triggeredOn ?? businessDate,
        };
    }

    public void Start(DateOnly businessDate)
    {
        if (Status != InspectionTaskStatus.Open) throw new DomainException($"a task that is {Describe(Status)} cannot be started");
        Status = InspectionTaskStatus.InProgress;
        StartedOn = businessDate;
        Revision++;
    }

    public void Complete(DateOnly businessDate, string by, long? reportId = null)
    {
        if (!IsOpen) throw new DomainException($"a task that is {Describe(Status)} cannot be done");
        Status = InspectionTaskStatus.Done;
        CompletedOn = businessDate;
        CompletedBy = by;
        if (reportId is not null && Origin != TaskOrigin.Report) ReportId = reportId;
        Revision++;
    }

    public void Cancel(DateOnly businessDate, string reason)
    {
        if (!IsOpen) throw new DomainException($"a task that is {Describe(Status)} cannot be cancelled");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("cancelling a task needs a reason");
        Status = InspectionTaskStatus.Cancelled;
        CancelledOn = businessDate;
        CancelReason = reason.Trim();
        Revision++;
    }

    public void Reassign(string assignee)
    {
        if (!IsOpen) throw new DomainException($"a task that is {Describe(Status)} cannot be reassigned");
        if (string.IsNullOrWhiteSpace(assignee)) throw new DomainException("say who the task goes to");
        Assignee = assignee.Trim();
        // A new owner gets the task fresh: an escalation of the old owner's lateness does not carry over.
        EscalatedOn = null;
        EscalatedTo = null;
        Revision++;
    }

    /// <summary>A policy task's cycle changed (the loan's class did): it is now due on <paramref name="dueOn"/> (<see cref="VisitPlanner"/> says when).</summary>
    public void MoveDue(int cycleMonths, DateOnly dueOn)
    {
        if (Status != InspectionTaskStatus.Open || AnchorOn is null) throw new DomainException("only an open policy task with a cycle moves with the class");
        CycleMonths = cycleMonths;
        DueOn = dueOn;
        Revision++;
    }

    public void Escalate(DateOnly businessDate, string to)
    {
        if (!IsOverdue(businessDate)) throw new DomainException("only an overdue task is escalated");
        if (EscalatedOn is not null) return;
        EscalatedOn = businessDate;
        EscalatedTo = to;
        Revision++;
    }

    private static string Describe(InspectionTaskStatus status) => status switch
    {
        InspectionTaskStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };
}
