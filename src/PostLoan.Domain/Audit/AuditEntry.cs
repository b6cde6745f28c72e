namespace PostLoan.Domain.Audit;

/// <summary>
/// What a person or a job did, before it is placed in the chain: who (<paramref name="Actor"/>:
/// a user name such as <c>user:alice</c>, or a job such as <c>job:eod</c>), what
/// (<paramref name="Action"/>: <c>import.loans</c>, <c>eod.run</c>, <c>loan.class_override</c>…),
/// to which entity, and the entity's state before and after as JSON text (null when there is none).
/// </summary>
public sealed record AuditRecord(string Actor, string Action, string EntityType, string EntityId, string? Before = null, string? After = null);

/// <summary>
/// One entry of the append-only audit trail (SPEC §12). Entries are numbered 1, 2, 3… without gaps
/// and each carries the <see cref="Hash"/> of its own content and the hash of the entry before it
/// (<see cref="PreviousHash"/>), so that changing, inserting or removing an entry breaks the chain
/// (<see cref="AuditChain.Verify"/>). An entry is never updated or deleted.
/// </summary>
/// <param name="Id">Position in the trail, from 1, one more than the entry before.</param>
/// <param name="At">When it was recorded, a UTC instant (offset zero) with tick precision.</param>
/// <param name="Actor">Who: <c>user:NAME</c>, a user name, or <c>job:NAME</c>.</param>
/// <param name="Action">What, as <c>area.verb</c>, e.g. <c>import.loans</c>, <c>eod.run</c>.</param>
/// <param name="EntityType">The kind of thing acted on, e.g. <c>import_file</c>, <c>loan</c>, <c>eod_run</c>.</param>
/// <param name="EntityId">Which one: an external id, a file name, a run id.</param>
/// <param name="Before">The entity before, as JSON text; null when it did not exist or is not recorded.</param>
/// <param name="After">The entity after, as JSON text; null when it no longer exists or is not recorded.</param>
/// <param name="PreviousHash">The <see cref="Hash"/> of entry <c>Id - 1</c>; <see cref="AuditChain.GenesisHash"/> for entry 1.</param>
/// <param name="Hash">SHA-256 of the entry's canonical text, 64 lower-case hex digits (<see cref="AuditChain.ComputeHash(AuditEntry)"/>).</param>
/// <remarks>The constructor takes an entry as stored, hash included, without checking it: a tampered row must still be readable so that verification can report it. New entries come from <see cref="Create"/>.</remarks>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string EntityType,
    string EntityId,
    string? Before,
    string? After,
    string PreviousHash,
    string Hash)
{
    /// <summary>The next entry of a chain whose last entry has id <paramref name="id"/> - 1 and hash <paramref name="previousHash"/>.</summary>
    /// <exception cref="Common.DomainException">The id is below 1, the instant is not UTC, a name is empty, or the previous hash is not 64 lower-case hex digits.</exception>
    public static AuditEntry Create(long id, DateTimeOffset at, AuditRecord what, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(what);
        if (id < 1) throw new Common.DomainException($"An audit entry's id starts at 1, not {id}.");
        if (at.Offset != TimeSpan.Zero) throw new Common.DomainException($"An audit entry's time must be UTC, not {at:O}.");
        Require(what.Actor, "actor");
        Require(what.Action, "action");
        Require(what.EntityType, "entity type");
        Require(what.EntityId, "entity id");
        if (!AuditChain.IsHash(previousHash)) throw new Common.DomainException($"'{previousHash}' is not a SHA-256 hash in lower-case hex.");
        var hash = AuditChain.ComputeHash(id, at, what.Actor, what.Action, what.EntityType, what.EntityId, what.Before, what.After, previousHash);
        return new AuditEntry(id, at, what.Actor, what.Action, what.EntityType, what.EntityId, what.Before, what.After, previousHash, hash);
    }

    private static void Require(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new Common.DomainException($"An audit entry needs an {name}.");
    }
}
