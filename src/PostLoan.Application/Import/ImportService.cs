using System.Security.Cryptography;
using System.Text;
using PostLoan.Infrastructure.Import;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Import;

/// <summary>
/// Imports a CSV file of one kind (SPEC §11, docs/import-formats.md): every row is validated first
/// and every problem reported with its row, column, value and cause; a file with any problem writes
/// nothing. A clean file is written in one transaction, upserting by external id, so importing the
/// same file twice changes nothing. Loans whose data changed are flagged for the next end-of-day.
/// </summary>
public sealed class ImportService(DatabaseSettings database)
{
    public ImportResult Import(ImportKind kind, string path, ImportEncoding encoding = ImportEncoding.Auto, IProgress<int>? progress = null)
    {
        using var stream = File.OpenRead(path);
        return Import(kind, stream, encoding, progress);
    }

    public ImportResult Import(ImportKind kind, Stream stream, ImportEncoding encoding = ImportEncoding.Auto, IProgress<int>? progress = null)
    {
        var (table, problems) = CsvSource.Read(stream, encoding);
        if (table is null || problems.Count > 0) return ImportResult.Failed(kind, table?.Rows.Count ?? 0, problems);
        using var store = new ImportStore(database);
        IImportFile file = kind switch
        {
            ImportKind.Borrowers => new BorrowerFile(),
            ImportKind.Loans => new LoanFile(),
            ImportKind.Schedules => new ScheduleFile(),
            ImportKind.Repayments => new TransactionFile(repaymentsOnly: true),
            _ => new TransactionFile(repaymentsOnly: false),
        };
        var reader = new RowReader(table, file.Required, file.Optional, problems);
        if (!reader.HeaderValid) return ImportResult.Failed(kind, table.Rows.Count, problems);
        file.Validate(reader, table, store, progress);
        if (problems.Count > 0) return ImportResult.Failed(kind, table.Rows.Count, problems);

        using var tx = store.Begin();
        var (inserted, updated) = file.Write(store, tx);
        tx.Commit();
        progress?.Report(table.Rows.Count);
        return new ImportResult(kind, table.Rows.Count, inserted, updated, table.Rows.Count - inserted - updated, []);
    }
}

/// <summary>One kind of import file: its columns, its validation and its write.</summary>
internal interface IImportFile
{
    IReadOnlyList<string> Required { get; }
    IReadOnlyList<string> Optional { get; }

    /// <summary>Reads and checks every row, adding problems to the reader; keeps what it will write.</summary>
    void Validate(RowReader reader, CsvTable table, ImportStore store, IProgress<int>? progress);

    /// <summary>Writes the validated rows; returns how many were inserted and how many changed.</summary>
    (int Inserted, int Updated) Write(ImportStore store, System.Data.Common.DbTransaction tx);
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
