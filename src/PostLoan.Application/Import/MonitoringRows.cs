using System.Globalization;
using PostLoan.Infrastructure.Import;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Import;

/// <summary>A validated row of a monitoring file: its key (external id, or owner id and natural key), its content hash and its column values in the upsert's order.</summary>
internal sealed record UpsertRow(string Key, string Hash, object?[] Values);

/// <summary>What the monitoring files (statements, covenants, collateral, signals…) share.</summary>
internal static class MonitoringRows
{
    /// <summary>
    /// Runs the upsert for every row whose hash differs from the stored one (read while validating, so an
    /// unchanged row is not sent at all; the upsert's WHERE still guards) and counts inserts and updates.
    /// </summary>
    public static (int Inserted, int Updated) Upsert(PreparedStatement upsert, IEnumerable<UpsertRow> rows, IReadOnlyDictionary<string, string> existing,
        Action<UpsertRow>? afterChange = null)
    {
        int inserted = 0, updated = 0;
        foreach (var x in rows)
        {
            if (existing.TryGetValue(x.Key, out var stored) && stored == x.Hash) continue;
            if (upsert.Run(x.Values) == 0) continue;
            if (existing.ContainsKey(x.Key)) updated++;
            else inserted++;
            afterChange?.Invoke(x);
        }
        return (inserted, updated);
    }

    /// <summary>The key of a row of a table keyed by its owner (borrower, collateral) and a natural key.</summary>
    public static string OwnedKey(long ownerId, string key) => $"{ownerId.ToString(CultureInfo.InvariantCulture)}|{key}";

    public static Dictionary<string, string> ByOwnedKey(IEnumerable<KeyedHash> stored) =>
        stored.ToDictionary(s => OwnedKey(s.OwnerId, s.Key), s => s.Hash, StringComparer.Ordinal);

    /// <summary>Reports a row whose natural key appeared on an earlier row of the file.</summary>
    public static void FlagDuplicate(RowReader r, CsvRow row, Dictionary<string, int> seen, string key, string column, string what)
    {
        if (seen.TryGetValue(key, out var first)) r.Add(row, column, r.Raw(row, column), $"duplicate {what}: also on row {first}");
        else seen[key] = row.Number;
    }

    /// <summary>The referenced borrower, or a problem naming the row and column.</summary>
    public static BorrowerRef? Borrower(RowReader r, CsvRow row, string column, Dictionary<string, BorrowerRef> borrowers)
    {
        var id = r.Text(row, column, required: true, maxLength: 64);
        if (id is null) return null;
        if (borrowers.TryGetValue(id, out var b)) return b;
        r.Add(row, column, id, "unknown borrower: import it in borrowers.csv first");
        return null;
    }

    /// <summary>The referenced loan, or a problem naming the row and column.</summary>
    public static LoanRef? Loan(RowReader r, CsvRow row, Dictionary<string, LoanRef> loans, string column = "loan_external_id")
    {
        var id = r.Text(row, column, required: true, maxLength: 64);
        if (id is null) return null;
        if (loans.TryGetValue(id, out var loan)) return loan;
        r.Add(row, column, id, "unknown loan: import it in loans.csv first");
        return null;
    }

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static long? Minor(decimal? amount) => amount is { } a ? Domain.Common.Money.ToMinor(a) : null;
}
