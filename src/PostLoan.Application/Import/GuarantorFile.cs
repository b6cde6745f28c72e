using System.Data.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>guarantors.csv: guarantees of loans, one guarantor and loan per row, upserted by external id. The id number is encrypted at rest like a borrower's.</summary>
internal sealed class GuarantorFile : IImportFile
{
    private readonly List<UpsertRow> _rows = [];
    private Dictionary<string, string> _existing = [];

    public IReadOnlyList<string> Required { get; } = ["external_id", "loan_external_id", "kind", "name", "national_id", "guaranteed_amount"];
    public IReadOnlyList<string> Optional { get; } = [];

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
            var kind = r.Choice<GuarantorKind>(row, "kind", EnumNames.TryParseSnake, EnumNames.Allowed<GuarantorKind>(), required: true);
            var name = r.Text(row, "name", required: true);
            // Required, unlike a borrower's: signals about a guarantor are matched to it by this id.
            var nationalId = r.Text(row, "national_id", required: true, maxLength: 64);
            var amount = r.Amount(row, "guaranteed_amount", required: true);

            if (r.Problems.Count == before)
            {
                // A keyed fingerprint, not the plain id: the stored hash must not let anyone test guesses without the key.
                var hash = ImportRows.Hash(id, loan!.Id, kind, name, store.Encryption.Fingerprint(nationalId), amount);
                // Encrypted when written, not here: only a changed row is rewritten, so an unchanged one keeps its ciphertext.
                _rows.Add(new UpsertRow(id!, hash, [id, loan.Id, kind!.Value.ToString(), name, nationalId, Domain.Common.Money.ToMinor(amount!.Value), hash]));
            }
            ImportRows.Report(progress, ++done);
        }
        _existing = store.Hashes("guarantors", _rows.Select(x => x.Key));
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        using var upsert = store.Upsert(tx, "guarantors", ["external_id", "loan_id", "kind", "name", "national_id", "guaranteed_amount", "import_hash"]);
        var encrypted = _rows.Select(x => x with { Values = [x.Values[0], x.Values[1], x.Values[2], x.Values[3], store.Encryption.Encrypt((string?)x.Values[4]), x.Values[5], x.Values[6]] });
        return MonitoringRows.Upsert(upsert, encrypted, _existing);
    }
}
