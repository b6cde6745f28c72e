using System.Data.Common;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>valuations.csv: revaluations of collateral, upserted by collateral and date.</summary>
internal sealed class ValuationFile : IImportFile
{
    private readonly List<UpsertRow> _rows = [];
    private Dictionary<string, string> _existing = [];

    public IReadOnlyList<string> Required { get; } = ["collateral_external_id", "valued_on", "value", "method"];
    public IReadOnlyList<string> Optional { get; } = [];

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        var collateral = store.Collateral(table.Rows.Select(row => r.Raw(row, "collateral_external_id")).Where(v => v.Length > 0));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var collateralId = r.Text(row, "collateral_external_id", required: true, maxLength: 64);
            CollateralRef? c = null;
            if (collateralId is not null && !collateral.TryGetValue(collateralId, out c))
                r.Add(row, "collateral_external_id", collateralId, "unknown collateral: import it in collateral.csv first");
            var valuedOn = r.Date(row, "valued_on", required: true);
            var value = r.Amount(row, "value", required: true);
            var method = r.Text(row, "method", required: true);
            // The appraisal in collateral.csv is the first valuation; a correction of it belongs there.
            if (c is not null && valuedOn is { } on && on <= c.AppraisedOn)
                r.Add(row, "valued_on", r.Raw(row, "valued_on"),
                    $"not after the collateral's appraisal on {MonitoringRows.Day(c.AppraisedOn)}; correct the appraisal in collateral.csv");
            if (c is not null && valuedOn is { } d)
                MonitoringRows.FlagDuplicate(r, row, seen, MonitoringRows.OwnedKey(c.Id, ImportStore.DateKey(d)), "valued_on", $"valuation of {collateralId} on {MonitoringRows.Day(d)}");

            if (r.Problems.Count == before)
            {
                var hash = ImportRows.Hash(c!.Id, valuedOn, value, method);
                _rows.Add(new UpsertRow(MonitoringRows.OwnedKey(c.Id, ImportStore.DateKey(valuedOn!.Value)), hash,
                    [c.Id, valuedOn, Domain.Common.Money.ToMinor(value!.Value), method, false, hash]));
            }
            ImportRows.Report(progress, ++done);
        }
        _existing = MonitoringRows.ByOwnedKey(store.ValuationHashes(collateral.Values.Select(x => x.Id)));
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        using var upsert = store.Upsert(tx, "collateral_valuations", ["collateral_id", "valued_on", "value", "method", "from_appraisal", "import_hash"],
            key: ["collateral_id", "valued_on"]);
        return MonitoringRows.Upsert(upsert, _rows, _existing);
    }
}
