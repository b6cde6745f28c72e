using System.Data.Common;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>bureau.csv: credit-bureau snapshots of borrowers, upserted by borrower and as-of date.</summary>
internal sealed class BureauFile : IImportFile
{
    private readonly List<UpsertRow> _rows = [];
    private Dictionary<string, string> _existing = [];

    public IReadOnlyList<string> Required { get; } = ["borrower_external_id", "as_of", "total_debt", "overdue_debt", "overdue_90_debt", "inquiries_3m", "source"];
    public IReadOnlyList<string> Optional { get; } = [];

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        var borrowers = store.Borrowers(table.Rows.Select(row => r.Raw(row, "borrower_external_id")).Where(v => v.Length > 0));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var borrower = MonitoringRows.Borrower(r, row, "borrower_external_id", borrowers);
            var asOf = r.Date(row, "as_of", required: true);
            var total = r.Amount(row, "total_debt", required: true, allowZero: true);
            var overdue = r.Amount(row, "overdue_debt", required: true, allowZero: true);
            var overdue90 = r.Amount(row, "overdue_90_debt", required: true, allowZero: true);
            var inquiries = r.Integer(row, "inquiries_3m", 0, 10_000, required: true);
            var source = r.Text(row, "source", required: true, maxLength: 64);
            if (overdue is { } o && total is { } t && o > t)
                r.Add(row, "overdue_debt", r.Raw(row, "overdue_debt"), $"more than the total debt ({MonitoringRows.Money(t)})");
            if (overdue90 is { } o90 && overdue is { } od && o90 > od)
                r.Add(row, "overdue_90_debt", r.Raw(row, "overdue_90_debt"), $"more than the overdue debt ({MonitoringRows.Money(od)})");
            if (borrower is not null && asOf is { } d)
                MonitoringRows.FlagDuplicate(r, row, seen, MonitoringRows.OwnedKey(borrower.Id, ImportStore.DateKey(d)), "as_of",
                    $"snapshot of borrower {r.Raw(row, "borrower_external_id")} as of {MonitoringRows.Day(d)}");

            if (r.Problems.Count == before)
            {
                var hash = ImportRows.Hash(borrower!.Id, asOf, total, overdue, overdue90, inquiries, source);
                _rows.Add(new UpsertRow(MonitoringRows.OwnedKey(borrower.Id, ImportStore.DateKey(asOf!.Value)), hash,
                    [borrower.Id, asOf, MonitoringRows.Minor(total), MonitoringRows.Minor(overdue), MonitoringRows.Minor(overdue90), inquiries, source, hash]));
            }
            ImportRows.Report(progress, ++done);
        }
        _existing = MonitoringRows.ByOwnedKey(store.BureauHashes(borrowers.Values.Select(b => b.Id)));
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        using var upsert = store.Upsert(tx, "bureau_snapshots", ["borrower_id", "as_of", "total_debt", "overdue_debt", "overdue90_debt", "inquiries_3m", "source", "import_hash"],
            key: ["borrower_id", "as_of"]);
        return MonitoringRows.Upsert(upsert, _rows, _existing);
    }
}
