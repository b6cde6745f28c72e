using System.Data.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>statements.csv: borrowers' financial statements, upserted by borrower, period end and period. Ratios are derived later, never imported.</summary>
internal sealed class StatementFile : IImportFile
{
    private static readonly string[] Amounts =
        ["total_assets", "total_liabilities", "current_assets", "current_liabilities", "inventory", "receivables", "revenue", "net_profit", "operating_cash_flow", "interest_expense", "debt_service"];

    // A loss and a cash outflow are ordinary; every other figure is a stock or a gross flow.
    private static readonly HashSet<string> Signed = ["net_profit", "operating_cash_flow"];

    private readonly List<UpsertRow> _rows = [];
    private Dictionary<string, string> _existing = [];

    public IReadOnlyList<string> Required { get; } = ["borrower_external_id", "period_end", "period", "received_on", .. Amounts];
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
            var periodEnd = r.Date(row, "period_end", required: true);
            var period = r.Choice<StatementPeriod>(row, "period", EnumNames.TryParseSnake, EnumNames.Allowed<StatementPeriod>(), required: true);
            var receivedOn = r.Date(row, "received_on", required: true);
            var v = Amounts.ToDictionary(c => c, c => r.Amount(row, c, required: true, allowZero: true, allowNegative: Signed.Contains(c)));

            if (periodEnd is { } pe && receivedOn is { } ro && ro < pe)
                r.Add(row, "received_on", r.Raw(row, "received_on"), $"before the period end {MonitoringRows.Day(pe)}: a statement is received after its period");
            Check(r, row, v, "current_assets", "total_assets", "current assets are more than total assets");
            Check(r, row, v, "current_liabilities", "total_liabilities", "current liabilities are more than total liabilities");
            Check(r, row, v, "inventory", "current_assets", "inventory is more than current assets");
            if (borrower is not null && periodEnd is { } end && period is { } p)
                MonitoringRows.FlagDuplicate(r, row, seen, MonitoringRows.OwnedKey(borrower.Id, ImportStore.StatementKey(end, p)), "period_end",
                    $"{p.Snake()} statement of borrower {r.Raw(row, "borrower_external_id")} for {MonitoringRows.Day(end)}");

            if (r.Problems.Count == before)
            {
                var figures = Amounts.Select(c => v[c]!.Value).ToArray();
                var hash = ImportRows.Hash([borrower!.Id, periodEnd, period, receivedOn, .. figures.Cast<object>()]);
                _rows.Add(new UpsertRow(MonitoringRows.OwnedKey(borrower.Id, ImportStore.StatementKey(periodEnd!.Value, period!.Value)), hash,
                    [borrower.Id, periodEnd, period.Value.ToString(), receivedOn, .. figures.Select(f => (object)Domain.Common.Money.ToMinor(f)), hash]));
            }
            ImportRows.Report(progress, ++done);
        }
        _existing = MonitoringRows.ByOwnedKey(store.StatementHashes(borrowers.Values.Select(b => b.Id)));
    }

    /// <summary>A part may not exceed its whole; reported on the part's column.</summary>
    private static void Check(RowReader r, CsvRow row, Dictionary<string, decimal?> v, string part, string whole, string cause)
    {
        if (v[part] is { } a && v[whole] is { } b && a > b)
            r.Add(row, part, r.Raw(row, part), $"{cause} ({MonitoringRows.Money(b)})");
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        using var upsert = store.Upsert(tx, "financial_statements", ["borrower_id", "period_end", "period", "received_on", .. Amounts, "import_hash"],
            key: ["borrower_id", "period_end", "period"]);
        return MonitoringRows.Upsert(upsert, _rows, _existing);
    }
}
