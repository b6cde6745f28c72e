using System.Data.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>fund_uses.csv: payments out of loan proceeds (贷款用途跟踪), upserted by external id.</summary>
internal sealed class FundUseFile : IImportFile
{
    private readonly List<UpsertRow> _rows = [];
    private Dictionary<string, string> _existing = [];

    public IReadOnlyList<string> Required { get; } = ["external_id", "loan_external_id", "paid_on", "amount", "counterparty", "counterparty_type", "stated_purpose"];
    public IReadOnlyList<string> Optional { get; } = [];

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        ImportRows.FlagDuplicates(r, table, "external_id");
        var loans = store.Loans(table.Rows.Select(row => r.Raw(row, "loan_external_id")).Where(v => v.Length > 0));
        var paid = new List<(string Id, LoanRef Loan, decimal Amount, CsvRow Row)>();
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var id = r.Text(row, "external_id", required: true, maxLength: 64);
            var loan = MonitoringRows.Loan(r, row, loans);
            var paidOn = r.Date(row, "paid_on", required: true);
            var amount = r.Amount(row, "amount", required: true);
            var counterparty = r.Text(row, "counterparty", required: true);
            var type = r.Choice<CounterpartyType>(row, "counterparty_type", EnumNames.TryParseSnake, EnumNames.Allowed<CounterpartyType>(), required: true);
            var purpose = r.Text(row, "stated_purpose", required: true, maxLength: 500);
            if (loan is not null && paidOn is { } d && d < loan.DisbursedOn)
                r.Add(row, "paid_on", r.Raw(row, "paid_on"), $"before the loan's disbursement on {MonitoringRows.Day(loan.DisbursedOn)}");

            if (r.Problems.Count == before)
            {
                var hash = ImportRows.Hash(id, loan!.Id, paidOn, amount, counterparty, type, purpose);
                _rows.Add(new UpsertRow(id!, hash, [id, loan.Id, paidOn, Domain.Common.Money.ToMinor(amount!.Value), counterparty, type!.Value.ToString(), purpose, hash]));
                paid.Add((id!, loan, amount.Value, row));
            }
            ImportRows.Report(progress, ++done);
        }
        if (r.Problems.Count == 0) CheckWithinPrincipal(r, paid, store);
        _existing = store.Hashes("fund_uses", _rows.Select(x => x.Key));
    }

    /// <summary>
    /// Payments out of the proceeds cannot add up to more than was disbursed; checked over the loan's
    /// recorded payments with the file's rows in place of the ones they update, reported on the loan's last row.
    /// </summary>
    private static void CheckWithinPrincipal(RowReader r, List<(string Id, LoanRef Loan, decimal Amount, CsvRow Row)> paid, ImportStore store)
    {
        var inFile = paid.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var recorded = store.FundUses(paid.Select(p => p.Loan.Id)).Where(f => !inFile.Contains(f.ExternalId))
            .GroupBy(f => f.LoanId).ToDictionary(g => g.Key, g => g.Sum(f => f.Amount));
        foreach (var loan in paid.GroupBy(p => p.Loan.Id))
        {
            var total = loan.Sum(p => p.Amount) + recorded.GetValueOrDefault(loan.Key);
            var last = loan.Last();
            if (total > last.Loan.Principal)
                r.Add(last.Row, "amount", r.Raw(last.Row, "amount"),
                    $"the loan's fund uses add up to {MonitoringRows.Money(total)}, more than its principal {MonitoringRows.Money(last.Loan.Principal)}");
        }
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        using var upsert = store.Upsert(tx, "fund_uses", ["external_id", "loan_id", "paid_on", "amount", "counterparty", "counterparty_type", "stated_purpose", "import_hash"]);
        return MonitoringRows.Upsert(upsert, _rows, _existing);
    }
}
