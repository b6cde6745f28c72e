using System.Data.Common;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>borrowers.csv: one row per borrower, upserted by external id.</summary>
internal sealed class BorrowerFile : IImportFile
{
    private sealed record Row(string ExternalId, BorrowerKind Kind, string Name, string? NationalId, string? Phone, string? Region, string? Industry,
        string? Manager, string? Branch, decimal? BureauTotal, decimal? BureauOverdue, DateOnly? BureauAsOf, string Hash);

    private readonly List<Row> _rows = [];
    private Dictionary<string, string> _existing = [];
    private readonly List<RowUpdate> _updates = [];

    public IReadOnlyList<string> Required { get; } = ["external_id", "kind", "name"];
    public IReadOnlyList<string> Optional { get; } = ["national_id", "phone", "region", "industry", "account_manager", "branch", "bureau_total_debt", "bureau_overdue_90_debt", "bureau_as_of"];
    public IEnumerable<RowUpdate> Updates => _updates;

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        ImportRows.FlagDuplicates(r, table, "external_id");
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var id = r.Text(row, "external_id", required: true, maxLength: 64);
            var kind = r.Choice<BorrowerKind>(row, "kind", EnumNames.TryParseSnake, EnumNames.Allowed<BorrowerKind>(), required: true);
            var name = r.Text(row, "name", required: true);
            var nationalId = r.Text(row, "national_id", maxLength: 64);
            var phone = r.Text(row, "phone", maxLength: 32);
            var region = r.Text(row, "region", maxLength: 64);
            var industry = r.Text(row, "industry", maxLength: 64);
            var manager = r.Text(row, "account_manager", maxLength: 64);
            var branch = r.Text(row, "branch", maxLength: 64);
            var total = r.Amount(row, "bureau_total_debt", allowZero: true);
            var overdue = r.Amount(row, "bureau_overdue_90_debt", allowZero: true);
            var asOf = r.Date(row, "bureau_as_of");
            var given = new[] { r.Raw(row, "bureau_total_debt"), r.Raw(row, "bureau_overdue_90_debt"), r.Raw(row, "bureau_as_of") }.Count(v => v.Length > 0);
            if (given is > 0 and < 3)
                r.Add(row, "bureau_as_of", r.Raw(row, "bureau_as_of"), "bureau_total_debt, bureau_overdue_90_debt and bureau_as_of come together or not at all");
            if (total is { } t && overdue is { } o && o > t)
                r.Add(row, "bureau_overdue_90_debt", r.Raw(row, "bureau_overdue_90_debt"), "overdue debt is more than the total debt");
            if (r.Problems.Count == before)
                _rows.Add(new Row(id!, kind!.Value, name!, nationalId, phone, region, industry, manager, branch, total, overdue, asOf,
                    // Keyed fingerprints, not the plain id and phone: the stored hash must not let anyone test guesses without the key.
                    ImportRows.Hash(id, kind, name, store.Encryption.Fingerprint(nationalId), store.Encryption.Fingerprint(phone), region, industry, manager, branch, total, overdue, asOf)));
            ImportRows.Report(progress, ++done);
        }
        _existing = store.BorrowerHashes(_rows.Select(x => x.ExternalId));
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        int inserted = 0, updated = 0;
        using var upsert = store.Upsert(tx, "borrowers",
            ["external_id", "kind", "name", "national_id", "phone", "region", "industry", "account_manager", "branch", "bureau_total_debt", "bureau_overdue90_debt", "bureau_as_of", "import_hash"]);
        using var flag = store.Prepare(tx, "UPDATE loans SET needs_recompute = @p0 WHERE borrower_id = (SELECT id FROM borrowers WHERE external_id = @p1)", 2);
        foreach (var x in _rows)
        {
            // Hashes read while validating: an unchanged row is not sent at all (the upsert's WHERE still guards).
            if (_existing.TryGetValue(x.ExternalId, out var stored) && stored == x.Hash) continue;
            // Encrypted as EF's converter does (fresh nonce each time): only a changed row is rewritten, so an unchanged one keeps its ciphertext.
            var changed = upsert.Run(x.ExternalId, x.Kind.ToString(), x.Name, store.Encryption.Encrypt(x.NationalId), store.Encryption.Encrypt(x.Phone), x.Region, x.Industry, x.Manager, x.Branch,
                x.BureauTotal is { } t ? Money.ToMinor(t) : null, x.BureauOverdue is { } o ? Money.ToMinor(o) : null, x.BureauAsOf, x.Hash) > 0;
            if (!changed) continue;
            if (_existing.ContainsKey(x.ExternalId))
            {
                updated++;
                flag.Run(true, x.ExternalId);
                _updates.Add(new RowUpdate("borrower", x.ExternalId, NullIfEmpty(_existing[x.ExternalId]), x.Hash));
            }
            else inserted++;
        }
        return (inserted, updated);
    }

    private static string? NullIfEmpty(string hash) => hash.Length == 0 ? null : hash;
}
