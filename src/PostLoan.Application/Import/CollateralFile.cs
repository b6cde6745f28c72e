using System.Data.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>
/// collateral.csv: assets securing loans, upserted by external id. Each collateral's appraisal is also
/// its first valuation, so the value history that LTV reads starts with it; a changed appraisal moves that entry.
/// </summary>
internal sealed class CollateralFile : IImportFile
{
    /// <summary>The method recorded on the valuation an appraisal makes.</summary>
    public const string AppraisalMethod = "appraisal";

    private readonly List<UpsertRow> _rows = [];
    private Dictionary<string, string> _existing = [];

    public IReadOnlyList<string> Required { get; } = ["external_id", "loan_external_id", "type", "description", "appraised_value", "appraised_on", "lien_status"];
    public IReadOnlyList<string> Optional { get; } = ["insurance_expiry"];

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        ImportRows.FlagDuplicates(r, table, "external_id");
        var loans = store.Loans(table.Rows.Select(row => r.Raw(row, "loan_external_id")).Where(v => v.Length > 0));
        var recorded = store.Collateral(table.Rows.Select(row => r.Raw(row, "external_id")).Where(v => v.Length > 0));
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var id = r.Text(row, "external_id", required: true, maxLength: 64);
            var loan = MonitoringRows.Loan(r, row, loans);
            var type = r.Choice<CollateralType>(row, "type", EnumNames.TryParseSnake, EnumNames.Allowed<CollateralType>(), required: true);
            var description = r.Text(row, "description", required: true, maxLength: 500);
            var value = r.Amount(row, "appraised_value", required: true);
            var appraisedOn = r.Date(row, "appraised_on", required: true);
            var lien = r.Choice<LienStatus>(row, "lien_status", EnumNames.TryParseSnake, EnumNames.Allowed<LienStatus>(), required: true);
            var insuranceExpiry = r.Date(row, "insurance_expiry");
            if (type is { } t && insuranceExpiry is not null && !Collateral.IsInsurable(t))
                r.Add(row, "insurance_expiry", r.Raw(row, "insurance_expiry"), $"a {t.Snake()} collateral is not insured; only real_estate, vehicle and equipment have an insurance expiry");
            // The appraisal is the first valuation: it cannot move past a revaluation already recorded.
            if (id is not null && appraisedOn is { } on && recorded.TryGetValue(id, out var c) && c.FirstRevaluation is { } first && on >= first)
                r.Add(row, "appraised_on", r.Raw(row, "appraised_on"), $"not before the collateral's first revaluation on {MonitoringRows.Day(first)}");

            if (r.Problems.Count == before)
            {
                var hash = ImportRows.Hash(id, loan!.Id, type, description, value, appraisedOn, lien, insuranceExpiry);
                _rows.Add(new UpsertRow(id!, hash, [id, loan.Id, type!.Value.ToString(), description, Domain.Common.Money.ToMinor(value!.Value), appraisedOn,
                    lien!.Value.ToString(), insuranceExpiry, hash]));
            }
            ImportRows.Report(progress, ++done);
        }
        _existing = recorded.ToDictionary(x => x.Key, x => x.Value.Hash, StringComparer.Ordinal);
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        using var upsert = store.Upsert(tx, "collateral",
            ["external_id", "loan_id", "type", "description", "appraised_value", "appraised_on", "lien_status", "insurance_expiry", "import_hash"]);
        // Only an appraisal whose date moved leaves an entry behind; one whose value changed is updated in place.
        using var forget = store.Prepare(tx,
            "DELETE FROM collateral_valuations WHERE from_appraisal = @p0 AND collateral_id = (SELECT id FROM collateral WHERE external_id = @p1) AND valued_on <> @p2", 3);
        using var record = store.Prepare(tx, """
            INSERT INTO collateral_valuations (collateral_id, valued_on, value, method, from_appraisal, import_hash)
            VALUES ((SELECT id FROM collateral WHERE external_id = @p0), @p1, @p2, @p3, @p4, @p5)
            ON CONFLICT (collateral_id, valued_on) DO UPDATE SET value = excluded.value, import_hash = excluded.import_hash
            WHERE collateral_valuations.import_hash IS NULL OR collateral_valuations.import_hash <> excluded.import_hash
            """, 6);
        return MonitoringRows.Upsert(upsert, _rows, _existing, afterChange: x =>
        {
            var (externalId, value, on) = ((string)x.Values[0]!, (long)x.Values[4]!, (DateOnly)x.Values[5]!);
            forget.Run(true, externalId, on);
            record.Run(externalId, on, value, AppraisalMethod, true, ImportRows.Hash(on, value, AppraisalMethod));
        });
    }
}
