using System.Data.Common;
using PostLoan.Application.Common;
using PostLoan.Infrastructure.Import;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Import;

/// <summary>
/// Keeps an import by someone with a narrow data scope (an account manager, a branch) to the borrowers they
/// may see (SPEC §1): a row naming a borrower, loan, collateral or guarantor outside the scope is refused
/// exactly as an unknown one is, so the file reveals nothing about other people's borrowers; a row whose own
/// external id already belongs to a record outside the scope is refused rather than allowed to overwrite it.
/// Only the monitoring kinds can be imported with a narrow scope; the loan book itself needs the whole book.
/// </summary>
internal static class ImportScope
{
    private const int Chunk = 500;

    /// <summary>How one kind of record reaches its borrower: the table aliased <c>x</c>, joined to its borrower aliased <c>b</c>.</summary>
    private sealed record Path(string From);

    private static readonly Path Borrower = new("borrowers x JOIN borrowers b ON b.id = x.id");
    private static readonly Path Loan = new("loans x JOIN borrowers b ON b.id = x.borrower_id");
    private static Path OwnedByLoan(string table) => new($"{table} x JOIN loans l ON l.id = x.loan_id JOIN borrowers b ON b.id = l.borrower_id");
    private static readonly Path Signal = new("""
        external_signals x LEFT JOIN guarantors g ON g.id = x.guarantor_id LEFT JOIN loans l ON l.id = g.loan_id
        JOIN borrowers b ON b.id = COALESCE(x.borrower_id, l.borrower_id)
        """);

    private const string UnknownBorrower = "unknown borrower: import it in borrowers.csv first";
    private const string UnknownLoan = "unknown loan: import it in loans.csv first";
    private const string OthersRecord = "this external id belongs to a record outside your data scope";

    /// <summary>
    /// Adds a problem for every row that reaches outside <paramref name="scope"/>. Run before the file's own
    /// validation, which would otherwise check those rows against the other borrowers' data and say so.
    /// </summary>
    public static void Check(ImportKind kind, RowReader r, CsvTable table, DatabaseSettings database, DataScope scope)
    {
        if (scope.Kind == DataScopeKind.All) return;
        if (!kind.IsMonitoring()) throw new InvalidOperationException($"importing {kind.Name()} needs the whole book in scope");
        using var connection = database.OpenConnection();
        void Refs(string column, Path path, string cause, Func<CsvRow, bool>? where = null) =>
            Flag(connection, scope, r, table.Rows.Where(row => where?.Invoke(row) ?? true).ToList(), column, path, cause);
        switch (kind)
        {
            case ImportKind.Statements or ImportKind.Bureau:
                Refs("borrower_external_id", Borrower, UnknownBorrower);
                break;
            case ImportKind.Covenants or ImportKind.Milestones or ImportKind.FundUses or ImportKind.Collateral or ImportKind.Guarantors:
                Refs("loan_external_id", Loan, UnknownLoan);
                Refs("external_id", OwnedByLoan(kind switch
                {
                    ImportKind.Covenants => "covenants",
                    ImportKind.Milestones => "project_milestones",
                    ImportKind.FundUses => "fund_uses",
                    ImportKind.Collateral => "collateral",
                    _ => "guarantors",
                }), OthersRecord);
                break;
            case ImportKind.Valuations:
                Refs("collateral_external_id", OwnedByLoan("collateral"), "unknown collateral: import it in collateral.csv first");
                break;
            case ImportKind.Signals:
                Refs("subject_external_id", Borrower, UnknownBorrower, row => Subject(r, row) == "borrower");
                Refs("subject_external_id", OwnedByLoan("guarantors"), "unknown guarantor: import it in guarantors.csv first", row => Subject(r, row) == "guarantor");
                Refs("external_id", Signal, OthersRecord);
                break;
        }
    }

    private static string Subject(RowReader r, CsvRow row) => r.Raw(row, "subject_type").ToLowerInvariant();

    /// <summary>
    /// Names every row whose <paramref name="column"/> holds an id that exists but whose borrower is outside the scope.
    /// An id that does not exist at all is left to the file's own validation, which reports it with the same cause.
    /// </summary>
    private static void Flag(DbConnection connection, DataScope scope, RowReader r, IReadOnlyList<CsvRow> rows, string column, Path path, string cause)
    {
        var ids = rows.Select(row => r.Raw(row, column)).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var outside = new HashSet<string>(StringComparer.Ordinal);
        var (condition, value) = ScopeSql.For(scope);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var names = chunk.Select((_, i) => $"@k{i}").ToList();
            var sql = $"SELECT x.external_id, CASE WHEN 1 = 1{condition} THEN 1 ELSE 0 END FROM {path.From} WHERE x.external_id IN ({string.Join(", ", names)})";
            using var cmd = PreparedStatement.Command(connection, sql,
                [.. chunk.Select((id, i) => (names[i], (object?)id)), .. value is null ? [] : new[] { ("@scope", (object?)value) }]);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
                if (Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) == 0) outside.Add(reader.GetString(0));
        }
        foreach (var row in rows)
            if (r.Raw(row, column) is { Length: > 0 } id && outside.Contains(id)) r.Add(row, column, id, cause);
    }
}
