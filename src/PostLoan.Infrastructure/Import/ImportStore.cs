using System.Data.Common;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.Import;

public sealed record LoanRef(long Id, long BorrowerId, DateOnly DisbursedOn, RepaymentMethod Method, decimal Principal, Segment Segment);

public sealed record TransactionRef(long Id, long LoanId, TransactionKind Kind, DateOnly ValueDate, decimal Amount, string Hash);

/// <summary>
/// Database side of imports: look-ups by external id (only for the ids a file names, in chunks)
/// and prepared, parameterised upserts inside one transaction. SQL is kept to what SQLite and
/// PostgreSQL both accept.
/// </summary>
public sealed partial class ImportStore(DatabaseSettings settings) : IDisposable
{
    private const int LookupChunk = 500;
    private readonly DbConnection _connection = settings.OpenConnection();

    public void Dispose() => _connection.Dispose();

    /// <summary>The database's encryption of sensitive borrower fields, for writes that bypass EF.</summary>
    public Security.FieldEncryption Encryption => settings.Encryption;

    public DbTransaction Begin() => _connection.BeginTransaction();

    public Dictionary<string, long> BorrowerIds(IEnumerable<string> externalIds) =>
        Lookup(externalIds, "SELECT external_id, id FROM borrowers WHERE external_id IN ({0})", r => r.GetInt64(1));

    public Dictionary<string, string> BorrowerHashes(IEnumerable<string> externalIds) =>
        Lookup(externalIds, "SELECT external_id, import_hash FROM borrowers WHERE external_id IN ({0})", r => r.IsDBNull(1) ? "" : r.GetString(1));

    public Dictionary<string, LoanRef> Loans(IEnumerable<string> externalIds) =>
        Lookup(externalIds, "SELECT external_id, id, borrower_id, disbursed_on, method, principal, segment FROM loans WHERE external_id IN ({0})",
            r => new LoanRef(r.GetInt64(1), r.GetInt64(2), r.GetFieldValue<DateOnly>(3), Enum.Parse<RepaymentMethod>(r.GetString(4)), Money.FromMinor(r.GetInt64(5)),
                Enum.Parse<Segment>(r.GetString(6))));

    public Dictionary<string, string> LoanHashes(IEnumerable<string> externalIds) =>
        Lookup(externalIds, "SELECT external_id, import_hash FROM loans WHERE external_id IN ({0})", r => r.IsDBNull(1) ? "" : r.GetString(1));

    public Dictionary<string, TransactionRef> Transactions(IEnumerable<string> externalIds) =>
        Lookup(externalIds, "SELECT external_id, id, loan_id, kind, value_date, amount, import_hash FROM transactions WHERE external_id IN ({0})",
            r => new TransactionRef(r.GetInt64(1), r.GetInt64(2), Enum.Parse<TransactionKind>(r.GetString(3)), r.GetFieldValue<DateOnly>(4),
                Money.FromMinor(r.GetInt64(5)), r.IsDBNull(6) ? "" : r.GetString(6)));

    /// <summary>External ids of transactions already reversed, among those given.</summary>
    public HashSet<string> Reversed(IEnumerable<string> externalIds) =>
        Lookup(externalIds, "SELECT t.external_id, r.id FROM transactions t JOIN transactions r ON r.reverses_id = t.id WHERE t.external_id IN ({0})", r => r.GetInt64(1))
            .Keys.ToHashSet();

    /// <summary>The stored custom schedule of each loan given.</summary>
    public Dictionary<long, List<Installment>> ScheduleLines(IEnumerable<long> loanIds)
    {
        var result = new Dictionary<long, List<Installment>>();
        foreach (var chunk in loanIds.Distinct().Chunk(LookupChunk))
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = $"SELECT loan_id, number, due_date, principal, interest, fees FROM schedule_lines WHERE loan_id IN ({Parameters(cmd, chunk.Cast<object>())}) ORDER BY loan_id, number";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (!result.TryGetValue(r.GetInt64(0), out var lines)) result[r.GetInt64(0)] = lines = [];
                lines.Add(new Installment(r.GetInt32(1), r.GetFieldValue<DateOnly>(2), Money.FromMinor(r.GetInt64(3)), Money.FromMinor(r.GetInt64(4)), Money.FromMinor(r.GetInt64(5))));
            }
        }
        return result;
    }

    public PreparedStatement Prepare(DbTransaction tx, string sql, int parameters) => new(_connection, tx, sql, parameters);

    /// <summary>
    /// An upsert by external id (or by the natural <paramref name="key"/> columns of a table without one)
    /// that touches a row only when its content hash changed, so that re-importing a file changes nothing.
    /// Returns a batch whose <see cref="PreparedStatement.Run"/> gives 1 when the row was inserted or
    /// changed and 0 when it was already there unchanged.
    /// </summary>
    public PreparedStatement Upsert(DbTransaction tx, string table, IReadOnlyList<string> columns, string? alsoOnUpdate = null, IReadOnlyList<string>? key = null)
    {
        key ??= ["external_id"];
        var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
        var updates = string.Join(", ", columns.Where(c => !key.Contains(c)).Select(c => $"{c} = excluded.{c}"));
        if (alsoOnUpdate is not null) updates += ", " + alsoOnUpdate;
        var sql = $"""
            INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({values})
            ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {updates}
            WHERE {table}.import_hash IS NULL OR {table}.import_hash <> excluded.import_hash
            """;
        return Prepare(tx, sql, columns.Count);
    }

    private Dictionary<string, T> Lookup<T>(IEnumerable<string> keys, string sqlFormat, Func<DbDataReader, T> read)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct().Chunk(LookupChunk))
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sqlFormat, Parameters(cmd, chunk));
            using var r = cmd.ExecuteReader();
            while (r.Read()) result[r.GetString(0)] = read(r);
        }
        return result;
    }

    private static string Parameters(DbCommand cmd, IEnumerable<object> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = $"@k{names.Count}";
            p.Value = value;
            cmd.Parameters.Add(p);
            names.Add(p.ParameterName);
        }
        return string.Join(", ", names);
    }
}
