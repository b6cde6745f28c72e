using System.Security.Cryptography;
using System.Text;
using PostLoan.Application.Common;
using PostLoan.Domain.Audit;
using PostLoan.Infrastructure.Audit;
using PostLoan.Infrastructure.Import;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Import;

/// <summary>
/// Imports a CSV file of one kind (SPEC §11, docs/import-formats.md): every row is validated first
/// and every problem reported with its row, column, value and cause; a file with any problem writes
/// nothing. A clean file is written in one transaction, upserting by external id, so importing the
/// same file twice changes nothing. Loans whose data changed are flagged for the next end-of-day.
/// A written file is recorded in the audit trail in the same transaction (docs/audit-trail.md):
/// one entry for the file and one for each borrower or loan it changed; a refused file records nothing.
/// </summary>
/// <param name="clock">Stamps the audit entries; the system clock when not given.</param>
public sealed class ImportService(DatabaseSettings database, TimeProvider? clock = null)
{
    /// <summary>The actor recorded when the caller names none.</summary>
    public const string DefaultActor = "job:import";

    /// <param name="actor">Who imports, for the audit trail: a user (<c>user:alice</c>) or a job; <see cref="DefaultActor"/> when null.</param>
    public ImportResult Import(ImportKind kind, string path, ImportEncoding encoding = ImportEncoding.Auto, IProgress<int>? progress = null, string? actor = null)
    {
        using var stream = File.OpenRead(path);
        return Import(kind, stream, encoding, progress, actor, Path.GetFileName(path));
    }

    /// <param name="actor">Who imports, for the audit trail: a user (<c>user:alice</c>) or a job; <see cref="DefaultActor"/> when null.</param>
    /// <param name="fileName">The file's name as the audit trail records it (e.g. an upload's name).</param>
    /// <param name="scope">
    /// The importer's data scope; null (the command line) or <see cref="DataScope.All"/> for the whole book. With a narrower
    /// scope only the monitoring kinds may be imported, and a row reaching a borrower outside it is refused (<see cref="ImportScope"/>).
    /// </param>
    public ImportResult Import(ImportKind kind, Stream stream, ImportEncoding encoding = ImportEncoding.Auto, IProgress<int>? progress = null,
        string? actor = null, string? fileName = null, DataScope? scope = null)
    {
        using var copy = stream.CanSeek ? null : new MemoryStream();
        if (copy is not null)
        {
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        var start = stream.Position;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        stream.Position = start;

        var (table, problems) = CsvSource.Read(stream, encoding);
        if (table is null || problems.Count > 0) return ImportResult.Failed(kind, table?.Rows.Count ?? 0, problems);
        using var store = new ImportStore(database);
        IImportFile file = kind switch
        {
            ImportKind.Borrowers => new BorrowerFile(),
            ImportKind.Loans => new LoanFile(),
            ImportKind.Schedules => new ScheduleFile(),
            ImportKind.Repayments => new TransactionFile(repaymentsOnly: true),
            ImportKind.Transactions => new TransactionFile(repaymentsOnly: false),
            ImportKind.Statements => new StatementFile(),
            ImportKind.Covenants => new CovenantFile(),
            ImportKind.Milestones => new MilestoneFile(),
            ImportKind.FundUses => new FundUseFile(),
            ImportKind.Collateral => new CollateralFile(),
            ImportKind.Valuations => new ValuationFile(),
            ImportKind.Guarantors => new GuarantorFile(),
            ImportKind.Bureau => new BureauFile(),
            ImportKind.Signals => new SignalFile(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no import for this kind"),
        };
        var reader = new RowReader(table, file.Required, file.Optional, problems);
        if (!reader.HeaderValid) return ImportResult.Failed(kind, table.Rows.Count, problems);
        if (scope is { Kind: not DataScopeKind.All })
        {
            ImportScope.Check(kind, reader, table, database, scope);
            if (problems.Count > 0) return ImportResult.Failed(kind, table.Rows.Count, problems);
        }
        file.Validate(reader, table, store, progress);
        if (problems.Count > 0) return ImportResult.Failed(kind, table.Rows.Count, problems);

        using var tx = store.Begin();
        var (inserted, updated) = file.Write(store, tx);
        var result = new ImportResult(kind, table.Rows.Count, inserted, updated, table.Rows.Count - inserted - updated, []);
        new AuditTrail(database, clock ?? TimeProvider.System).Append(AuditRecords(result, actor ?? DefaultActor, fileName, sha256, file.Updates), tx);
        tx.Commit();
        database.RefreshStatistics();
        progress?.Report(table.Rows.Count);
        return result;
    }

    /// <summary>
    /// One entry for the file, then one per updated borrower or loan with its old and new row hash.
    /// Inserted rows are covered by the file entry, so a large first import writes one audit row.
    /// </summary>
    private static IEnumerable<AuditRecord> AuditRecords(ImportResult result, string actor, string? fileName, string sha256, IEnumerable<RowUpdate> updates)
    {
        var action = "import." + result.Kind.Name();
        yield return new AuditRecord(actor, action, "import_file", fileName ?? sha256, After: AuditJson.Of(
            ("file", fileName), ("sha256", sha256), ("rows", result.Rows), ("inserted", result.Inserted), ("updated", result.Updated), ("unchanged", result.Unchanged)));
        foreach (var u in updates)
            yield return new AuditRecord(actor, action, u.EntityType, u.ExternalId,
                Before: AuditJson.Of(("external_id", u.ExternalId), ("import_hash", u.OldHash)),
                After: AuditJson.Of(("external_id", u.ExternalId), ("import_hash", u.NewHash), ("file_sha256", sha256)));
    }
}

/// <summary>A row an import changed: the entity, its external id, and its import hash before and after.</summary>
internal sealed record RowUpdate(string EntityType, string ExternalId, string? OldHash, string NewHash);

/// <summary>One kind of import file: its columns, its validation and its write.</summary>
internal interface IImportFile
{
    IReadOnlyList<string> Required { get; }
    IReadOnlyList<string> Optional { get; }

    /// <summary>Reads and checks every row, adding problems to the reader; keeps what it will write.</summary>
    void Validate(RowReader reader, CsvTable table, ImportStore store, IProgress<int>? progress);

    /// <summary>Writes the validated rows; returns how many were inserted and how many changed.</summary>
    (int Inserted, int Updated) Write(ImportStore store, System.Data.Common.DbTransaction tx);

    /// <summary>After <see cref="Write"/>: the existing rows it changed, for the audit trail (borrowers and loans; none for other kinds).</summary>
    IEnumerable<RowUpdate> Updates => [];
}

internal static class ImportRows
{
    /// <summary>A short, stable hash of a row's values, to tell a changed row from an unchanged one.</summary>
    public static string Hash(params object?[] values)
    {
        var text = string.Join('\u001f', values.Select(v => v switch
        {
            null => "",
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            // By value, not by how the file wrote it: 4.9 and 4.90 are the same rate, so a core system
            // that changes its number format does not mark the whole book as changed.
            decimal m => m.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>Reports every row whose key appeared on an earlier row; returns the rows to keep (first of each key).</summary>
    public static void FlagDuplicates(RowReader reader, CsvTable table, string column)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var key = reader.Raw(row, column);
            if (key.Length == 0) continue;
            if (seen.TryGetValue(key, out var first)) reader.Add(row, column, key, $"duplicate id: also on row {first}");
            else seen[key] = row.Number;
        }
    }

    public static void Report(IProgress<int>? progress, int done)
    {
        if (done % 5000 == 0) progress?.Report(done);
    }
}
