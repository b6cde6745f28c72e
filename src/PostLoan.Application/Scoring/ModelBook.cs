using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PostLoan.Application.Common;
using PostLoan.Domain.Audit;
using PostLoan.Domain.Scoring;
using PostLoan.Infrastructure.Audit;
using PostLoan.Infrastructure.Persistence;
using static System.FormattableString;

namespace PostLoan.Application.Scoring;

public sealed record BehaviourModelView(int Version, DateOnly AsOf, int Rows, int Bad, double Auc, double Ks, double Gini,
    double ChallengerAuc, double ChallengerKs, double ChallengerGini, ModelStatus Status, string CreatedBy, DateTimeOffset CreatedAt,
    string? RequestedBy, string? ApprovedBy, DateTimeOffset? ActivatedAt, DateTimeOffset? RetiredAt, IReadOnlyList<string> Variables);

/// <summary>
/// The behaviour model's versions (SPEC §6): listing them with their figures, and promoting one to score the book —
/// put up by one person, approved by a second (maker-checker), which retires the version active until then. Every step
/// is in the audit trail.
/// </summary>
public sealed class ModelBook(DatabaseSettings database, TimeProvider clock)
{
    public IReadOnlyList<BehaviourModelView> List()
    {
        using var db = database.CreateContext();
        return [.. db.BehaviourModels.AsNoTracking().OrderByDescending(m => m.Version).AsEnumerable().Select(View)];
    }

    /// <summary>A version with its scorecard: the points table a risk officer reads.</summary>
    public Result<(BehaviourModelView Model, Scorecard Scorecard)> Detail(int version)
    {
        using var db = database.CreateContext();
        return db.BehaviourModels.AsNoTracking().SingleOrDefault(m => m.Version == version) is { } m
            ? Result<(BehaviourModelView, Scorecard)>.Ok((View(m), Scorecard(m))) : Result<(BehaviourModelView, Scorecard)>.NotFound($"no behaviour model version {version}");
    }

    /// <summary>The active version's scorecard, or null when none is active.</summary>
    public static (int Version, Scorecard Scorecard)? Active(PostLoanDbContext db) =>
        db.BehaviourModels.AsNoTracking().SingleOrDefault(m => m.Status == ModelStatus.Active) is { } m ? (m.Version, Scorecard(m)) : null;

    public static Scorecard Scorecard(BehaviourModel m) =>
        System.Text.Json.JsonSerializer.Deserialize<Scorecard>(m.ScorecardJson, ModelFiles.Json) ?? throw new InvalidOperationException($"model version {m.Version} has no scorecard");

    public Result<BehaviourModelView> RequestPromotion(int version, string actor) =>
        Change(version, actor, "model.request_promotion", ModelStatus.Draft, (m, _) => m.RequestPromotion(actor));

    /// <summary>Approves a pending version: refused to whoever trained it or asked; retires the active version.</summary>
    public Result<BehaviourModelView> Approve(int version, string actor)
    {
        using var db = database.CreateContext();
        var target = db.BehaviourModels.SingleOrDefault(m => m.Version == version);
        if (target is null) return Result<BehaviourModelView>.NotFound($"no behaviour model version {version}");
        if (target.Status != ModelStatus.PendingPromotion) return Result<BehaviourModelView>.Conflict($"version {version} is {BehaviourModel.Describe(target.Status)}, not waiting for promotion");
        if (SamePerson(actor, target.CreatedBy) || SamePerson(actor, target.RequestedBy))
            return Result<BehaviourModelView>.Conflict("promotion needs a second person: whoever trained the version or asked for it cannot approve it");
        var active = db.BehaviourModels.SingleOrDefault(m => m.Status == ModelStatus.Active);
        target.ApprovePromotion(actor, clock.GetUtcNow(), active);
        using var tx = db.Database.BeginTransaction();
        // The retirement first: the filtered unique index allows one active version at any moment.
        if (active is not null)
        {
            db.Entry(target).State = EntityState.Detached;
            db.SaveChanges();
            db.Entry(target).State = EntityState.Modified;
            Audit(database, clock, tx, actor, "model.retire", active, ModelStatus.Active);
        }
        db.SaveChanges();
        Audit(database, clock, tx, actor, "model.approve", target, ModelStatus.PendingPromotion);
        tx.Commit();
        return Result<BehaviourModelView>.Ok(View(target));
    }

    public Result<BehaviourModelView> Reject(int version, string actor) =>
        Change(version, actor, "model.reject", ModelStatus.PendingPromotion, (m, _) => m.RejectPromotion());

    public Result<BehaviourModelView> Retire(int version, string actor) =>
        Change(version, actor, "model.retire", null, (m, at) => m.Retire(at));

    private Result<BehaviourModelView> Change(int version, string actor, string action, ModelStatus? required, Action<BehaviourModel, DateTimeOffset> step)
    {
        using var db = database.CreateContext();
        var target = db.BehaviourModels.SingleOrDefault(m => m.Version == version);
        if (target is null) return Result<BehaviourModelView>.NotFound($"no behaviour model version {version}");
        if (required is { } r && target.Status != r || required is null && target.Status == ModelStatus.Retired)
            return Result<BehaviourModelView>.Conflict($"version {version} is {BehaviourModel.Describe(target.Status)}");
        var before = target.Status;
        step(target, clock.GetUtcNow());
        using var tx = db.Database.BeginTransaction();
        db.SaveChanges();
        Audit(database, clock, tx, actor, action, target, before);
        tx.Commit();
        return Result<BehaviourModelView>.Ok(View(target));
    }

    private static bool SamePerson(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    internal static void Audit(DatabaseSettings database, TimeProvider clock, IDbContextTransaction tx, string actor, string action, BehaviourModel m, ModelStatus? before) =>
        new AuditTrail(database, clock).Append(new AuditRecord(actor, action, "behaviour_model", Invariant($"v{m.Version}"),
            before is null ? null : AuditJson.Of(("status", before.ToString())),
            AuditJson.Of(("status", m.Status.ToString()), ("as_of", m.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                ("auc", Invariant($"{m.Auc:0.0000}")), ("rows", Invariant($"{m.Rows}")))),
            tx.GetDbTransaction());

    internal static BehaviourModelView View(BehaviourModel m) => new(m.Version, m.AsOf, m.Rows, m.Bad, m.Auc, m.Ks, m.Gini,
        m.ChallengerAuc, m.ChallengerKs, m.ChallengerGini, m.Status, m.CreatedBy, m.CreatedAt, m.RequestedBy, m.ApprovedBy, m.ActivatedAt, m.RetiredAt,
        [.. Scorecard(m).Variables.Select(v => v.Name)]);
}
