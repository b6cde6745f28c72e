using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PostLoan.Domain.Audit;

/// <summary>Where and why an audit chain is broken: the first entry that fails, and what differs.</summary>
public sealed record AuditBreak(long EntryId, string Reason);

/// <summary>
/// The hash chain of the audit trail (docs/audit-trail.md). Each entry's hash is SHA-256 over its
/// canonical text, which names every field and the previous entry's hash, so an entry changed,
/// inserted or removed anywhere but at the end no longer verifies. Removing entries from the end
/// leaves a shorter valid chain: compare the last hash with one kept elsewhere to detect that.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of entry 1: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>
    /// The canonical text of an entry, the input of its hash. Fields in this order, each on its own line:
    /// <c>name:length:value</c> followed by a line feed, where length is the value's length in UTF-8 bytes;
    /// a null value is written <c>name:-</c>. Names: id, at, actor, action, entity_type, entity_id,
    /// before, after, previous_hash. <c>id</c> is the decimal number; <c>at</c> is the instant as UTC
    /// ticks (100 ns intervals since 0001-01-01T00:00:00Z) in decimal, the integer the database stores.
    /// </summary>
    public static string CanonicalText(long id, DateTimeOffset at, string actor, string action, string entityType, string entityId,
        string? before, string? after, string previousHash)
    {
        var sb = new StringBuilder(256 + (before?.Length ?? 0) + (after?.Length ?? 0));
        Field(sb, "id", id.ToString(CultureInfo.InvariantCulture));
        Field(sb, "at", at.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(sb, "actor", actor);
        Field(sb, "action", action);
        Field(sb, "entity_type", entityType);
        Field(sb, "entity_id", entityId);
        Field(sb, "before", before);
        Field(sb, "after", after);
        Field(sb, "previous_hash", previousHash);
        return sb.ToString();
    }

    /// <summary>SHA-256 of the UTF-8 bytes of <see cref="CanonicalText"/>, as 64 lower-case hex digits.</summary>
    public static string ComputeHash(long id, DateTimeOffset at, string actor, string action, string entityType, string entityId,
        string? before, string? after, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(id, at, actor, action, entityType, entityId, before, after, previousHash))));

    /// <summary>The hash an entry should carry, computed from its other fields (its stored <see cref="AuditEntry.Hash"/> is not used).</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ComputeHash(entry.Id, entry.At, entry.Actor, entry.Action, entry.EntityType, entry.EntityId, entry.Before, entry.After, entry.PreviousHash);
    }

    /// <summary>The id of the first entry that breaks the chain, or null when the whole trail (in id order, from entry 1) verifies.</summary>
    public static long? Verify(IEnumerable<AuditEntry> entries) => FindBreak(entries)?.EntryId;

    /// <summary>
    /// Walks the trail in the order given (id order, from its first entry) and returns the first
    /// entry that fails, with the reason, or null. An entry fails when its stored hash is not the
    /// hash of its content, when its previous hash is not the hash of the entry before it (the
    /// genesis hash for the first), or when its id is not one more than the id before it.
    /// </summary>
    public static AuditBreak? FindBreak(IEnumerable<AuditEntry> entries) => FindBreak(entries, out _);

    /// <summary>As <see cref="FindBreak(IEnumerable{AuditEntry})"/>, also counting the entries read.</summary>
    public static AuditBreak? FindBreak(IEnumerable<AuditEntry> entries, out long count)
    {
        ArgumentNullException.ThrowIfNull(entries);
        count = 0;
        AuditEntry? previous = null;
        foreach (var entry in entries)
        {
            count++;
            var expectedPrevious = previous?.Hash ?? GenesisHash;
            if (previous is not null && entry.Id != previous.Id + 1)
                return new AuditBreak(entry.Id, $"id {entry.Id} follows id {previous.Id}: an entry is missing, inserted or out of order");
            if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
                return new AuditBreak(entry.Id, previous is null
                    ? $"the first entry's previous hash is {Short(entry.PreviousHash)}, not the genesis hash of zeros: earlier entries are missing"
                    : $"previous hash {Short(entry.PreviousHash)} is not the hash {Short(previous.Hash)} of entry {previous.Id}: an entry before it was changed, inserted or removed");
            var computed = ComputeHash(entry);
            if (!string.Equals(entry.Hash, computed, StringComparison.Ordinal))
                return new AuditBreak(entry.Id, $"stored hash {Short(entry.Hash)} does not match its content (computed {Short(computed)}): the entry was altered");
            previous = entry;
        }
        return null;
    }

    /// <summary>True for 64 lower-case hex digits.</summary>
    public static bool IsHash(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static void Field(StringBuilder sb, string name, string? value)
    {
        sb.Append(name).Append(':');
        if (value is null) sb.Append('-');
        else sb.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        sb.Append('\n');
    }

    private static string Short(string? hash) => hash is null ? "(none)" : hash.Length > 12 ? hash[..12] + "…" : $"'{hash}'";
}
