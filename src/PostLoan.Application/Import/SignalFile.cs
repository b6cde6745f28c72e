using System.Data.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>signals.csv: external signals about borrowers and guarantors (court, enforcement, news, executives, industry lists), upserted by external id.</summary>
internal sealed class SignalFile : IImportFile
{
    private readonly List<UpsertRow> _rows = [];
    private Dictionary<string, string> _existing = [];

    public IReadOnlyList<string> Required { get; } = ["external_id", "subject_type", "subject_external_id", "kind", "occurred_on", "source", "summary"];
    public IReadOnlyList<string> Optional { get; } = ["amount"];

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        ImportRows.FlagDuplicates(r, table, "external_id");
        var subjects = table.Rows.Select(row => r.Raw(row, "subject_external_id")).Where(v => v.Length > 0).ToList();
        var borrowers = store.Borrowers(subjects);
        var guarantors = store.Guarantors(subjects);
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var id = r.Text(row, "external_id", required: true, maxLength: 64);
            var subjectType = r.Choice<SignalSubject>(row, "subject_type", EnumNames.TryParseSnake, EnumNames.Allowed<SignalSubject>(), required: true);
            var subjectId = r.Text(row, "subject_external_id", required: true, maxLength: 64);
            var kind = r.Choice<SignalKind>(row, "kind", EnumNames.TryParseSnake, EnumNames.Allowed<SignalKind>(), required: true);
            var occurredOn = r.Date(row, "occurred_on", required: true);
            var source = r.Text(row, "source", required: true, maxLength: 64);
            var summary = r.Text(row, "summary", required: true, maxLength: 1000);
            var amount = r.Amount(row, "amount");

            (long? Borrower, long? Guarantor, bool Corporate)? subject = null;
            if (subjectId is not null && subjectType == SignalSubject.Borrower)
            {
                if (borrowers.TryGetValue(subjectId, out var b)) subject = (b.Id, null, b.Kind == BorrowerKind.Corporate);
                else r.Add(row, "subject_external_id", subjectId, "unknown borrower: import it in borrowers.csv first");
            }
            else if (subjectId is not null && subjectType == SignalSubject.Guarantor)
            {
                if (guarantors.TryGetValue(subjectId, out var g)) subject = (null, g.Id, g.Kind == GuarantorKind.Corporate);
                else r.Add(row, "subject_external_id", subjectId, "unknown guarantor: import it in guarantors.csv first");
            }
            if (subject is { Corporate: false } && kind is { } k && ExternalSignal.IsCorporateOnly(k))
                r.Add(row, "kind", r.Raw(row, "kind"), $"a {k.Snake()} concerns a company; {subjectId} is an individual");

            if (r.Problems.Count == before)
            {
                var (borrowerId, guarantorId, _) = subject!.Value;
                var hash = ImportRows.Hash(id, subjectType, borrowerId, guarantorId, kind, occurredOn, source, summary, amount);
                _rows.Add(new UpsertRow(id!, hash, [id, subjectType!.Value.ToString(), borrowerId, guarantorId, kind!.Value.ToString(), occurredOn, source, summary,
                    MonitoringRows.Minor(amount), hash]));
            }
            ImportRows.Report(progress, ++done);
        }
        _existing = store.Hashes("external_signals", _rows.Select(x => x.Key));
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        using var upsert = store.Upsert(tx, "external_signals",
            ["external_id", "subject_type", "borrower_id", "guarantor_id", "kind", "occurred_on", "source", "summary", "amount", "import_hash"]);
        return MonitoringRows.Upsert(upsert, _rows, _existing);
    }
}
