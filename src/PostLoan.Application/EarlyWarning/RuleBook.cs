using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PostLoan.Application.Common;
using PostLoan.Domain.Audit;
using PostLoan.Domain.Classification;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.EarlyWarning.Features;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.Audit;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.EarlyWarning;

/// <summary>A rule as someone writes it: segments and the proposed class by their snake_case names.</summary>
public sealed record RuleDraft(string Code, string Name, string Severity, IReadOnlyList<string> Segments, string Condition,
    string? TaskKind = null, string? NotifyRole = null, string? ProposeClass = null, string Rationale = "");

public sealed record RuleVersionView(string Code, int Version, string Name, Severity Severity, IReadOnlyList<string> Segments, string Condition,
    string? TaskKind, string? NotifyRole, string? ProposeClass, string Rationale, RuleVersionStatus Status,
    string CreatedBy, DateTimeOffset CreatedAt, string? RequestedBy, string? ApprovedBy, DateTimeOffset? ActivatedAt, DateTimeOffset? RetiredAt);

/// <summary>
/// The rules (SPEC §6): checking a condition, saving a version (a malformed rule is refused with the column and
/// cause of each error), putting it up for activation, approving it by a second person, rejecting, retiring.
/// Every change is in the audit trail.
/// </summary>
public sealed class RuleBook(DatabaseSettings database, TimeProvider clock)
{
    public static IFeatureCatalog Catalog => StandardFeatures.Catalog;

    /// <summary>Checks a condition as saving would, for live validation: the errors, or the canonical text and the features it reads.</summary>
    public static RuleCheck Check(string? condition) => RuleLanguage.Check(condition, Catalog);

    /// <summary>Whether end-of-day has every feature the condition reads: all but the behaviour score's, which stay missing until a behaviour model is active.</summary>
    public static bool EndOfDayEvaluates(string condition) => Check(condition).Rule is { } rule && EndOfDayEvaluates(rule);

    /// <inheritdoc cref="EndOfDayEvaluates(string)"/>
    public static bool EndOfDayEvaluates(CheckedRule rule) => rule.RequiredInputs.All(i => !FeatureBuilder.ScoreFeatures.Contains(i.Feature));

    /// <summary>Saves a new version of the rule (version 1 for a new code) as a draft.</summary>
    public Result<RuleVersionView> Save(RuleDraft draft, string actor)
    {
        if (Validate(draft) is { } invalid) return Result<RuleVersionView>.Invalid(invalid.Field, invalid.Message);
        var check = Check(draft.Condition);
        if (!check.IsValid) return Result<RuleVersionView>.Invalid("condition", string.Join("; ", check.Errors));

        using var db = database.CreateContext();
        var latest = db.RuleVersions.Where(v => v.Code == draft.Code).Max(v => (int?)v.Version) ?? 0;
        var version = RuleVersion.Draft(ToDefinition(draft) with { Condition = check.Rule!.CanonicalText }, latest + 1, actor, clock.GetUtcNow());
        db.RuleVersions.Add(version);
        using var tx = db.Database.BeginTransaction();
        db.SaveChanges();
        Audit(tx, actor, "rule.save", version, null);
        tx.Commit();
        return Result<RuleVersionView>.Ok(View(version));
    }

    /// <summary>Saves every rule of the default library not yet in the book as a draft, version 1. Returns how many.</summary>
    public int AddDefaults(string actor)
    {
        using var db = database.CreateContext();
        var known = db.RuleVersions.Select(v => v.Code).Distinct().ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var rule in DefaultRuleLibrary.All.Where(r => !known.Contains(r.Code)))
        {
            var result = Save(new RuleDraft(rule.Code, rule.Name, rule.Severity.ToString().ToLowerInvariant(), [.. rule.Segments.Select(s => s.Snake())], rule.Condition,
                rule.Actions.TaskKind, rule.Actions.NotifyRole, rule.Actions.ProposeClass?.Code(), rule.Rationale), actor);
            if (!result.Succeeded) throw new InvalidOperationException($"default rule {rule.Code}: {result.Failure!.Message}");
            added++;
        }
        return added;
    }

    public Result<RuleVersionView> RequestActivation(string code, int version, string actor) =>
        Change(code, version, actor, "rule.request_activation", RuleVersionStatus.Draft, (v, _) => v.RequestActivation(actor));

    /// <summary>Approves a pending version: refused to its author and to whoever asked; retires the rule's active version.</summary>
    public Result<RuleVersionView> Approve(string code, int version, string actor)
    {
        using var db = database.CreateContext();
        var target = db.RuleVersions.SingleOrDefault(v => v.Code == code && v.Version == version);
        if (target is null) return Result<RuleVersionView>.NotFound($"no version {version} of rule '{code}'");
        if (target.Status != RuleVersionStatus.PendingActivation) return Result<RuleVersionView>.Conflict($"version {version} of rule '{code}' is not waiting for activation");
        if (SamePerson(actor, target.CreatedBy) || SamePerson(actor, target.RequestedBy))
            return Result<RuleVersionView>.Conflict("activation needs a second person: the author or requester cannot approve it");
        var active = db.RuleVersions.SingleOrDefault(v => v.Code == code && v.Status == RuleVersionStatus.Active);
        var before = target.Status;
        target.ApproveActivation(actor, clock.GetUtcNow(), active);
        using var tx = db.Database.BeginTransaction();
        // The retirement first: the filtered unique index allows one active version of a rule at any moment.
        // (Detached rather than Unchanged: EF puts an Unchanged entity's values back to what it read.)
        if (active is not null)
        {
            db.Entry(target).State = EntityState.Detached;
            db.SaveChanges();
            db.Entry(target).State = EntityState.Modified;
            Audit(tx, actor, "rule.retire", active, RuleVersionStatus.Active);
        }
        db.SaveChanges();
        Audit(tx, actor, "rule.approve", target, before);
        tx.Commit();
        return Result<RuleVersionView>.Ok(View(target));
    }

    public Result<RuleVersionView> Reject(string code, int version, string actor) =>
        Change(code, version, actor, "rule.reject", RuleVersionStatus.PendingActivation, (v, _) => v.RejectActivation());

    /// <summary>Switches a version off (a draft, a pending or an active one).</summary>
    public Result<RuleVersionView> Retire(string code, int version, string actor) =>
        Change(code, version, actor, "rule.retire", null, (v, at) => v.Retire(at));

    /// <summary>Every version, by code then newest first; with <paramref name="activeOnly"/> the active ones.</summary>
    public IReadOnlyList<RuleVersionView> List(bool activeOnly = false)
    {
        using var db = database.CreateContext();
        var query = db.RuleVersions.AsNoTracking();
        if (activeOnly) query = query.Where(v => v.Status == RuleVersionStatus.Active);
        return [.. query.OrderBy(v => v.Code).ThenByDescending(v => v.Version).AsEnumerable().Select(View)];
    }

    private Result<RuleVersionView> Change(string code, int version, string actor, string action, RuleVersionStatus? required, Action<RuleVersion, DateTimeOffset> step)
    {
        using var db = database.CreateContext();
        var target = db.RuleVersions.SingleOrDefault(v => v.Code == code && v.Version == version);
        if (target is null) return Result<RuleVersionView>.NotFound($"no version {version} of rule '{code}'");
        if (required is { } r && target.Status != r || required is null && target.Status == RuleVersionStatus.Retired)
            return Result<RuleVersionView>.Conflict($"version {version} of rule '{code}' is {Describe(target.Status)}");
        var before = target.Status;
        step(target, clock.GetUtcNow());
        using var tx = db.Database.BeginTransaction();
        db.SaveChanges();
        Audit(tx, actor, action, target, before);
        tx.Commit();
        return Result<RuleVersionView>.Ok(View(target));
    }

    private static (string Field, string Message)? Validate(RuleDraft d)
    {
        if (string.IsNullOrWhiteSpace(d.Code) || d.Code.Length > 32 || !d.Code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            return ("code", "a code is 1 to 32 letters, digits, '_' or '-'");
        if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 200) return ("name", "a name of 1 to 200 characters is required");
        if (!Enum.TryParse<Severity>(d.Severity, ignoreCase: true, out _) || int.TryParse(d.Severity, out _)) return ("severity", "severity is red, orange or yellow");
        foreach (var s in d.Segments)
            if (!EnumNames.TryParseSnake<Segment>(s, out _)) return ("segments", $"unknown segment '{s}': use retail, corporate or project");
        if (d.ProposeClass is { Length: > 0 } pc && !RiskClasses.TryParse(pc, out _)) return ("propose_class", $"unknown class '{pc}'");
        if (d.TaskKind is { Length: > 48 }) return ("task_kind", "a task kind is at most 48 characters");
        if (d.Rationale.Length > 1000) return ("rationale", "the rationale is at most 1,000 characters");
        return null;
    }

    private static RuleDefinition ToDefinition(RuleDraft d)
    {
        var segments = d.Segments.Select(s => EnumNames.TryParseSnake<Segment>(s, out var x) ? x : default).Distinct().ToArray();
        RiskClass? propose = d.ProposeClass is { Length: > 0 } pc && RiskClasses.TryParse(pc, out var c) ? c : null;
        return new RuleDefinition(d.Code, d.Name.Trim(), Enum.Parse<Severity>(d.Severity, ignoreCase: true), segments, d.Condition,
            new RuleActions(Blank(d.TaskKind), Blank(d.NotifyRole), propose), d.Rationale.Trim());
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool SamePerson(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private void Audit(IDbContextTransaction tx, string actor, string action, RuleVersion v, RuleVersionStatus? before) =>
        new AuditTrail(database, clock).Append(new AuditRecord(actor, action, "rule", $"{v.Code} v{v.Version}",
            before is null ? null : AuditJson.Of(("status", before.ToString())),
            AuditJson.Of(("status", v.Status.ToString()), ("condition", v.Condition), ("severity", v.Severity.ToString()), ("segments", v.Segments))),
            tx.GetDbTransaction());

    private static string Describe(RuleVersionStatus s) => s == RuleVersionStatus.PendingActivation ? "waiting for activation" : s.ToString().ToLowerInvariant();

    private static RuleVersionView View(RuleVersion v) => new(v.Code, v.Version, v.Name, v.Severity,
        v.Segments.Length == 0 ? [] : v.Segments.Split(','), v.Condition, v.TaskKind, v.NotifyRole, v.ProposeClass?.Code(), v.Rationale, v.Status,
        v.CreatedBy, v.CreatedAt, v.RequestedBy, v.ApprovedBy, v.ActivatedAt, v.RetiredAt);
}
