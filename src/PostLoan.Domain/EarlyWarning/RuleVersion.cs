using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;

namespace PostLoan.Domain.EarlyWarning;

/// <summary>Where a version of a rule stands.</summary>
public enum RuleVersionStatus
{
    /// <summary>Saved and valid, not evaluated by end-of-day; it can be back-tested.</summary>
    Draft,

    /// <summary>Its author asked to switch it on; waiting for a second person.</summary>
    PendingActivation,

    /// <summary>Evaluated by every end-of-day. At most one version of a rule is active.</summary>
    Active,

    /// <summary>Switched off, or replaced by a newer active version. Kept: alerts name the version that raised them.</summary>
    Retired,
}

/// <summary>
/// One version of an early-warning rule (SPEC §6). A version is never edited: a change is a new version. Switching a
/// version on needs a second person (maker-checker): the author requests activation, someone else approves it, and
/// the rule's previous active version is retired at that moment.
/// </summary>
public sealed class RuleVersion
{
    private RuleVersion() { }

    public long Id { get; private set; }
    public string Code { get; private set; } = "";
    public int Version { get; private set; }
    public string Name { get; private set; } = "";
    public Severity Severity { get; private set; }

    /// <summary>The segments it applies to as their snake_case names, comma-separated; empty for every segment.</summary>
    public string Segments { get; private set; } = "";

    public string Condition { get; private set; } = "";
    public string? TaskKind { get; private set; }
    public string? NotifyRole { get; private set; }
    public RiskClass? ProposeClass { get; private set; }
    public string Rationale { get; private set; } = "";

    public RuleDefinition Definition => new(Code, Name, Severity,
        Segments.Length == 0 ? [] : [.. Segments.Split(',').Select(s => EnumNames.TryParseSnake<Segment>(s, out var segment) ? segment : throw new DomainException($"unknown segment '{s}'"))],
        Condition, new RuleActions(TaskKind, NotifyRole, ProposeClass), Rationale);
    public RuleVersionStatus Status { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string? RequestedBy { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    /// <summary>A new draft. The caller has checked the condition (a malformed rule is refused before it gets here).</summary>
    /// <param name="version">1 for a new rule; the latest version plus one for a change.</param>
    public static RuleVersion Draft(RuleDefinition definition, int version, string by, DateTimeOffset at)
    {
        if (version < 1) throw new DomainException("rule versions start at 1");
        if (string.IsNullOrWhiteSpace(definition.Code)) throw new DomainException("a rule needs a code");
        return new RuleVersion
        {
            Code = definition.Code,
            Version = version,
            Name = definition.Name,
            Severity = definition.Severity,
            Segments = string.Join(',', definition.Segments.Select(x => x.Snake())),
            Condition = definition.Condition,
            TaskKind = definition.Actions.TaskKind,
            NotifyRole = definition.Actions.NotifyRole,
            ProposeClass = definition.Actions.ProposeClass,
            Rationale = definition.Rationale,
            Status = RuleVersionStatus.Draft,
            CreatedBy = by,
            CreatedAt = at,
        };
    }

    public void RequestActivation(string by)
    {
        if (Status != RuleVersionStatus.Draft) throw new DomainException($"only a draft can be put up for activation; this version is {Describe(Status)}");
        Status = RuleVersionStatus.PendingActivation;
        RequestedBy = by;
    }

    /// <param name="previouslyActive">The rule's version active until now, if any: retired by this approval.</param>
    public void ApproveActivation(string by, DateTimeOffset at, RuleVersion? previouslyActive)
    {
        if (Status != RuleVersionStatus.PendingActivation) throw new DomainException($"only a version waiting for activation can be approved; this one is {Describe(Status)}");
        if (string.Equals(by, RequestedBy, StringComparison.OrdinalIgnoreCase) || string.Equals(by, CreatedBy, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("activation needs a second person: the author or requester cannot approve it");
        if (previouslyActive is not null && (previouslyActive.Code != Code || previouslyActive.Status != RuleVersionStatus.Active))
            throw new DomainException("the version to retire must be this rule's active version");
        previouslyActive?.Retire(at);
        Status = RuleVersionStatus.Active;
        ApprovedBy = by;
        ActivatedAt = at;
    }

    /// <summary>Sends a pending request back to draft.</summary>
    public void RejectActivation()
    {
        if (Status != RuleVersionStatus.PendingActivation) throw new DomainException($"only a version waiting for activation can be rejected; this one is {Describe(Status)}");
        Status = RuleVersionStatus.Draft;
        RequestedBy = null;
    }

    /// <summary>Switches the version off at once. SPEC §6 asks a second person for activation only; a switch-off is recorded in the audit trail.</summary>
    public void Retire(DateTimeOffset at)
    {
        if (Status == RuleVersionStatus.Retired) throw new DomainException("this version is already retired");
        Status = RuleVersionStatus.Retired;
        RetiredAt = at;
    }

    private static string Describe(RuleVersionStatus status) => status switch
    {
        RuleVersionStatus.PendingActivation => "waiting for activation",
        _ => status.ToString().ToLowerInvariant(),
    };
}
