using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PostLoan.Domain.Audit;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.Audit;

/// <summary>The outcome of checking the whole trail: how many entries, the first break if any, and the last entry's hash.</summary>
/// <param name="LastHash">The hash of the last entry (null for an empty trail). Keeping it outside the database detects entries removed from the end, which the chain alone cannot.</param>
public sealed record AuditVerification(long Entries, AuditBreak? Break, long? LastId, string? LastHash)
{
    public bool Intact => Break is null;
}

/// <summary>
/// The append-only, hash-chained audit trail (SPEC §12, docs/audit-trail.md) in the
/// <c>audit_entries</c> table. This class only inserts and reads: no code updates or deletes an
/// audit row.
/// </summary>
/// <remarks>
/// Appends are serialised by doing the read of the last entry and the insert inside one write
/// transaction. On SQLite, <c>BeginTransaction()</c> of Microsoft.Data.Sqlite (and of EF Core on it)
/// issues <c>BEGIN IMMEDIATE</c>, which takes the database's write lock before the read, so a second
/// writer waits (busy timeout) until the first commits and then reads the new last entry. Should a
/// caller hand in a deferred transaction, the chain still cannot fork: both writers would compute the
/// same next id and the second insert fails on the primary key, rolling back its caller's work.
/// A provider with row-level locking (PostgreSQL) must lock the table first
/// (<c>LOCK TABLE audit_entries IN SHARE ROW EXCLUSIVE MODE</c>).
/// </remarks>
public sealed class AuditTrail(DatabaseSettings database, TimeProvider clock)
{
    private const string InsertSql = """
        INSERT INTO audit_entries ("id", "at", "actor", "action", "entity_type", "entity_id", "before", "after", "previous_hash", "hash")
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)
        """;

    /// <summary>
    /// Appends one entry. With <paramref name="transaction"/> (a write transaction) it is written in
    /// the caller's transaction and commits or rolls back with the caller's work; without, it commits
    /// on its own.
    /// </summary>
    public AuditEntry Append(AuditRecord what, DbTransaction? transaction = null)
    {
        AuditEntry? last = null;
        Append([what], transaction, e => last = e);
        return last!;
    }

    /// <summary>
    /// Appends entries in the order given, all stamped with one instant, streaming them (a large
    /// batch is not held in memory). Returns how many were appended. Transaction as for
    /// <see cref="Append(AuditRecord, DbTransaction?)"/>.
    /// </summary>
    public int Append(IEnumerable<AuditRecord> records, DbTransaction? transaction = null) => Append(records, transaction, null);

    private int Append(IEnumerable<AuditRecord> records, DbTransaction? transaction, Action<AuditEntry>? appended)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (transaction is not null) return AppendIn(transaction, records, appended);
        using var connection = database.OpenConnection();
        using var tx = connection.BeginTransaction();
        var count = AppendIn(tx, records, appended);
        tx.Commit();
        return count;
    }

    private int AppendIn(DbTransaction tx, IEnumerable<AuditRecord> records, Action<AuditEntry>? appended)
    {
        var connection = tx.Connection ?? throw new InvalidOperationException("The transaction has no connection: it was already committed or rolled back.");
        var (id, hash) = (0L, AuditChain.GenesisHash);
        if (connection is Npgsql.NpgsqlConnection)
        {
            // SQLite's write transaction already serialises appenders; PostgreSQL needs the table locked
            // (readers still read) so that two appenders cannot both link to the same last entry.
            using var lockTable = PreparedStatement.Command(connection, "LOCK TABLE audit_entries IN EXCLUSIVE MODE");
            lockTable.Transaction = tx;
            lockTable.ExecuteNonQuery();
        }
        using (var last = PreparedStatement.Command(connection, "SELECT id, hash FROM audit_entries ORDER BY id DESC LIMIT 1"))
        {
            last.Transaction = tx;
            using var r = last.ExecuteReader();
            if (r.Read()) (id, hash) = (r.GetInt64(0), r.GetString(1));
        }
        var at = clock.GetUtcNow();
        var count = 0;
        using var insert = new PreparedStatement(connection, tx, InsertSql, 10);
        foreach (var what in records)
        {
            var entry = AuditEntry.Create(id + 1, at, what, hash);
            insert.Run(entry.Id, entry.At.UtcTicks, entry.Actor, entry.Action, entry.EntityType, entry.EntityId, entry.Before, entry.After, entry.PreviousHash, entry.Hash);
            (id, hash) = (entry.Id, entry.Hash);
            appended?.Invoke(entry);
            count++;
        }
        return count;
    }

    /// <summary>The last <paramref name="count"/> entries, newest last; with <paramref name="actionPrefix"/>, only the actions starting with it (<c>eod</c>, <c>report.</c>).</summary>
    public IReadOnlyList<AuditEntry> Last(int count, string? actionPrefix = null)
    {
        using var db = database.CreateContext();
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(actionPrefix))
        {
            var prefix = actionPrefix.Trim();
            entries = entries.Where(e => e.Action.StartsWith(prefix));
        }
        var newest = entries.OrderByDescending(e => e.Id).Take(Math.Max(0, count)).ToList();
        newest.Reverse();
        return newest;
    }

    /// <summary>Every entry in id order, streamed from the database.</summary>
    public IEnumerable<AuditEntry> ReadAll()
    {
        using var db = database.CreateContext();
        foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsEnumerable())
            yield return entry;
    }

    /// <summary>Recomputes every entry's hash and checks every link (<see cref="AuditChain.FindBreak(IEnumerable{AuditEntry}, out long)"/>).</summary>
    public AuditVerification Verify()
    {
        AuditEntry? last = null;
        var broken = AuditChain.FindBreak(Track(ReadAll()), out var count);
        return new AuditVerification(count, broken, last?.Id, last?.Hash);

        IEnumerable<AuditEntry> Track(IEnumerable<AuditEntry> entries)
        {
            foreach (var e in entries)
            {
                last = e;
                yield return e;
            }
        }
    }
}
