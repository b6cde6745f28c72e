using PostLoan.Domain.Classification;
using PostLoan.Domain.Loans;

namespace PostLoan.Domain.EarlyWarning;

/// <summary>How urgent an alert is. Each severity has a service level for the first action on its alerts (SPEC §6).</summary>
public enum Severity
{
    Yellow,
    Orange,
    Red,
}

public static class Severities
{
    /// <summary>Business days from an alert being raised to its first action: red 1, orange 3, yellow 10.</summary>
    public static int FirstActionBusinessDays(this Severity severity) => severity switch
    {
        Severity.Red => 1,
        Severity.Orange => 3,
        Severity.Yellow => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}

/// <summary>
/// What a rule does when it fires, besides raising its alert: open a task of a kind (SPEC §7's kinds, e.g.
/// <c>adhoc_inspection</c>), notify a role, propose a class for the loan (a proposal, which a person confirms).
/// </summary>
public sealed record RuleActions(string? TaskKind = null, string? NotifyRole = null, RiskClass? ProposeClass = null);

/// <summary>
/// An early-warning rule as data: a stable code, a name, a severity, the segments it applies to (empty for every
/// segment), its condition in the rule language (docs/rule-language.md) and its actions. Versions of a rule share
/// its code.
/// </summary>
public sealed record RuleDefinition(
    string Code,
    string Name,
    Severity Severity,
    IReadOnlyList<Segment> Segments,
    string Condition,
    RuleActions Actions,
    string Rationale)
{
    public bool AppliesTo(Segment segment) => Segments.Count == 0 || Segments.Contains(segment);
}
