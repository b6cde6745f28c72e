using PostLoan.Domain.Common;

namespace PostLoan.Domain.EarlyWarning;

/// <summary>Where an alert is in its lifecycle (SPEC §6).</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
    Escalated,
    Resolved,
    Dismissed,
}

/// <summary>What a person can do to an alert.</summary>
public enum AlertAction
{
    Acknowledge,
    Resolve,
    Dismiss,
    Escalate,
}

/// <summary>
/// An early-warning alert: raised by end-of-day when a rule's condition held for a loan, with the rule's version and
/// the feature values that fired it. Lifecycle: open → acknowledged → resolved, dismissed (with a reason) or escalated;
/// an escalated alert is then resolved or dismissed. Until it is resolved or dismissed the alert is <em>open</em>, and
/// the same rule does not raise a second one on the same loan. The first action (the acknowledgement) is due within
/// the severity's service level, counted in business days (Monday to Friday) from the business date it was raised on.
/// </summary>
public sealed class Alert
{
    private Alert() { }

    public long Id { get; private set; }
    public string RuleCode { get; private set; } = "";
    public int RuleVersion { get; private set; }
    public long LoanId { get; private set; }
    public Severity Severity { get; private set; }

    /// <summary>The business date of the end-of-day that raised it.</summary>
    public DateOnly RaisedOn { get; private set; }

    /// <summary>The last business date the first action is on time.</summary>
    public DateOnly FirstActionDue { get; private set; }

    /// <summary>The feature values the rule read, as JSON (<c>{"dpd":35,"debt_to_asset":0.74}</c>): why it fired.</summary>
    public string Facts { get; private set; } = "{}";

    public AlertStatus Status { get; private set; }
    public DateOnly? AcknowledgedOn { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string? ClosedBy { get; private set; }

    /// <summary>The reason of a dismissal, the outcome of a resolution, or the note of an escalation.</summary>
    public string? Note { get; private set; }

    /// <summary>Who the alert was escalated to (a user or a role).</summary>
    public string? EscalatedTo { get; private set; }

    public bool IsOpen => Status is AlertStatus.Open or AlertStatus.Acknowledged or AlertStatus.Escalated;

    public static Alert Raise(string ruleCode, int ruleVersion, long loanId, Severity severity, DateOnly businessDate, string facts)
    {
        if (string.IsNullOrWhiteSpace(ruleCode)) throw new DomainException("an alert needs its rule's code");
        if (ruleVersion < 1) throw new DomainException("an alert needs its rule's version");
        return new Alert
        {
            RuleCode = ruleCode,
            RuleVersion = ruleVersion,
            LoanId = loanId,
            Severity = severity,
            RaisedOn = businessDate,
            FirstActionDue = BusinessCalendar.AddBusinessDays(businessDate, severity.FirstActionBusinessDays()),
            Facts = facts,
            Status = AlertStatus.Open,
        };
    }

    /// <summary>Whether the first action came, or is still missing, after its due date, seen on <paramref name="businessDate"/>.</summary>
    public bool SlaBreached(DateOnly businessDate) => (AcknowledgedOn ?? businessDate) > FirstActionDue;

    public void Acknowledge(string by, DateOnly businessDate)
    {
        Require(AlertAction.Acknowledge, "acknowledged");
        Status = AlertStatus.Acknowledged;
        AcknowledgedOn = businessDate;
        AcknowledgedBy = by;
    }

    public void Resolve(string by, DateOnly businessDate, string? outcome = null)
    {
        Require(AlertAction.Resolve, "resolved");
        Close(AlertStatus.Resolved, by, businessDate, outcome);
    }

    public void Dismiss(string by, DateOnly businessDate, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("a dismissal needs a reason");
        Require(AlertAction.Dismiss, "dismissed");
        Close(AlertStatus.Dismissed, by, businessDate, reason.Trim());
    }

    /// <param name="to">A user or a role. Who escalated is the audit trail's to record.</param>
    public void Escalate(string to, string? note = null)
    {
        if (string.IsNullOrWhiteSpace(to)) throw new DomainException("an escalation needs someone to escalate to");
        Require(AlertAction.Escalate, "escalated");
        Status = AlertStatus.Escalated;
        EscalatedTo = to.Trim();
        Note = note;
    }

    private void Close(AlertStatus status, string by, DateOnly businessDate, string? note)
    {
        Status = status;
        ClosedOn = businessDate;
        ClosedBy = by;
        Note = note;
    }

    /// <summary>Whether the lifecycle allows <paramref name="action"/> now: what a caller checks before acting on a person's request.</summary>
    public bool Allows(AlertAction action) => action switch
    {
        AlertAction.Acknowledge => Status == AlertStatus.Open,
        AlertAction.Escalate => Status == AlertStatus.Acknowledged,
        AlertAction.Resolve or AlertAction.Dismiss => Status is AlertStatus.Acknowledged or AlertStatus.Escalated,
        _ => false,
    };

    private void Require(AlertAction action, string verb)
    {
        if (!Allows(action))
            throw new DomainException($"an alert that is {Status.ToString().ToLowerInvariant()} cannot be {verb}");
    }
}
