using PostLoan.Domain.Common;

namespace PostLoan.Domain.Scoring;

/// <summary>Where a version of the behaviour model stands.</summary>
public enum ModelStatus
{
    /// <summary>Trained and kept with its figures; not used to score.</summary>
    Draft,

    /// <summary>Put up for promotion; waiting for a second person.</summary>
    PendingPromotion,

    /// <summary>Scores every active loan at end-of-day. At most one version is active.</summary>
    Active,

    /// <summary>Replaced by a newer active version, or switched off. Kept: scores name the version that gave them.</summary>
    Retired,
}

/// <summary>
/// One version of the behaviour score model (SPEC §6): a scorecard trained on the book's own history (the features of
/// the loans active on <see cref="AsOf"/>, the outcome whether each reached 90+ DPD within the next 12 months), kept with
/// its cross-validated figures and those of its challenger. A version is never changed; promoting it to score the book
/// needs a second person (maker-checker), and retires the version active until then.
/// </summary>
public sealed class BehaviourModel
{
    private BehaviourModel() { }

    public long Id { get; private set; }
    public int Version { get; private set; }

    /// <summary>The observation date: the features are as of this month end, the outcome the 12 months after it.</summary>
    public DateOnly AsOf { get; private set; }

    public int Rows { get; private set; }
    public int Bad { get; private set; }

    /// <summary>The scorecard's cross-validated AUC, KS and Gini (the mean over the folds).</summary>
    public double Auc { get; private set; }
    public double Ks { get; private set; }
    public double Gini { get; private set; }

    /// <summary>The gradient-boosted challenger's cross-validated figures on the same folds.</summary>
    public double ChallengerAuc { get; private set; }
    public double ChallengerKs { get; private set; }
    public double ChallengerGini { get; private set; }

    public int Folds { get; private set; }
    public int Seed { get; private set; }

    /// <summary>The scorecard (bins, WoE, points, scaling) as JSON: what end-of-day scores with.</summary>
    public string ScorecardJson { get; private set; } = "";

    public ModelStatus Status { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string? RequestedBy { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    /// <param name="version">The latest version plus one.</param>
    public static BehaviourModel Draft(int version, DateOnly asOf, int rows, int bad, Discrimination scorecard, Discrimination challenger,
        int folds, int seed, string scorecardJson, string by, DateTimeOffset at)
    {
        if (version < 1) throw new DomainException("model versions start at 1");
        if (bad <= 0 || bad >= rows) throw new DomainException("a model is trained on both bad and good rows");
        if (string.IsNullOrWhiteSpace(scorecardJson)) throw new DomainException("a model version keeps its scorecard");
        return new BehaviourModel
        {
            Version = version,
            AsOf = asOf,
            Rows = rows,
            Bad = bad,
            Auc = scorecard.Auc,
            Ks = scorecard.Ks,
            Gini = scorecard.Gini,
            ChallengerAuc = challenger.Auc,
            ChallengerKs = challenger.Ks,
            ChallengerGini = challenger.Gini,
            Folds = folds,
            Seed = seed,
            ScorecardJson = scorecardJson,
            Status = ModelStatus.Draft,
            CreatedBy = by,
            CreatedAt = at,
        };
    }

    public void RequestPromotion(string by)
    {
        if (Status != ModelStatus.Draft) throw new DomainException($"only a draft can be put up for promotion; this version is {Describe(Status)}");
        Status = ModelStatus.PendingPromotion;
        RequestedBy = by;
    }

    /// <param name="previouslyActive">The version active until now, if any: retired by this approval.</param>
    public void ApprovePromotion(string by, DateTimeOffset at, BehaviourModel? previouslyActive)
    {
        if (Status != ModelStatus.PendingPromotion) throw new DomainException($"only a version waiting for promotion can be approved; this one is {Describe(Status)}");
        if (string.Equals(by, RequestedBy, StringComparison.OrdinalIgnoreCase) || string.Equals(by, CreatedBy, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("promotion needs a second person: whoever trained the version or asked for it cannot approve it");
        if (previouslyActive is not null && previouslyActive.Status != ModelStatus.Active)
            throw new DomainException("the version to retire must be the active one");
        previouslyActive?.Retire(at);
        Status = ModelStatus.Active;
        ApprovedBy = by;
        ActivatedAt = at;
    }

    public void RejectPromotion()
    {
        if (Status != ModelStatus.PendingPromotion) throw new DomainException($"only a version waiting for promotion can be rejected; this one is {Describe(Status)}");
        Status = ModelStatus.Draft;
        RequestedBy = null;
    }

    /// <summary>Switches the version off; with no active version, end-of-day scores nothing and the score features stay missing.</summary>
    public void Retire(DateTimeOffset at)
    {
        if (Status == ModelStatus.Retired) throw new DomainException("this version is already retired");
        Status = ModelStatus.Retired;
        RetiredAt = at;
    }

    public static string Describe(ModelStatus status) => status switch
    {
        ModelStatus.PendingPromotion => "waiting for promotion",
        _ => status.ToString().ToLowerInvariant(),
    };
}
