using System.Data.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>covenants.csv: conditions on statement ratios, one per row, upserted by external id.</summary>
internal sealed class CovenantFile : IImportFile
{
    private readonly List<UpsertRow> _rows = [];
    private Dictionary<string, string> _existing = [];

    public IReadOnlyList<string> Required { get; } = ["external_id", "loan_external_id", "metric", "operator", "threshold", "from_date"];
    public IReadOnlyList<string> Optional { get; } = ["to_date"];

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        ImportRows.FlagDuplicates(r, table, "external_id");
        var loans = store.Loans(table.Rows.Select(row => r.Raw(row, "loan_external_id")).Where(v => v.Length > 0));
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var id = r.Text(row, "external_id", required: true, maxLength: 64);
            var loan = MonitoringRows.Loan(r, row, loans);
            var metric = r.Choice<CovenantMetric>(row, "metric", EnumNames.TryParseSnake, EnumNames.Allowed<CovenantMetric>(), required: true);
            var op = r.Choice<CovenantOperator>(row, "operator", CovenantOperators.TryParse, CovenantOperators.Allowed, required: true);
            // Stored with six decimals; a ratio beyond 1,000 is a typo (a percentage), not a covenant.
            var threshold = r.Number(row, "threshold", 0m, 1000m, required: true, maxDecimals: 6);
            var from = r.Date(row, "from_date", required: true);
            var to = r.Date(row, "to_date");
            if (from is { } f && to is { } t && t < f)
                r.Add(row, "to_date", r.Raw(row, "to_date"), $"before from_date {MonitoringRows.Day(f)}");

            if (r.Problems.Count == before)
            {
                var hash = ImportRows.Hash(id, loan!.Id, metric, op, threshold, from, to);
                _rows.Add(new UpsertRow(id!, hash, [id, loan.Id, metric!.Value.ToString(), op!.Value.ToString(), threshold, from, to, hash]));
            }
            ImportRows.Report(progress, ++done);
        }
        _existing = store.Hashes("covenants", _rows.Select(x => x.Key));
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        using var upsert = store.Upsert(tx, "covenants", ["external_id", "loan_id", "metric", "operator", "threshold", "from_date", "to_date", "import_hash"]);
        return MonitoringRows.Upsert(upsert, _rows, _existing);
    }
}
