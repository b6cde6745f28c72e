using System.Data.Common;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>loans.csv: one row per loan, as disbursed, upserted by external id.</summary>
internal sealed class LoanFile : IImportFile
{
    private sealed record Row(string ExternalId, long BorrowerId, string Product, Segment Segment, string Currency, decimal Principal, decimal Rate, int Term,
        DateOnly Disbursed, DateOnly FirstDue, RepaymentMethod Method, int Grace, decimal UpliftPercent, string? Purpose, bool Entrusted,
        DateOnly? RestructuredOn, RiskClass? ClassBefore, bool Extended, string Hash);

    private readonly List<Row> _rows = [];
    private Dictionary<string, string> _existing = [];
    private readonly List<RowUpdate> _updates = [];

    public IReadOnlyList<string> Required { get; } = ["external_id", "borrower_external_id", "product", "segment", "principal", "annual_rate_percent", "term_months", "disbursed_on", "first_due_on", "method"];
    public IReadOnlyList<string> Optional { get; } = ["currency", "grace_days", "penalty_uplift_percent", "purpose", "entrusted_payment", "restructured_on", "class_before_restructure", "extended"];
    public IEnumerable<RowUpdate> Updates => _updates;

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        ImportRows.FlagDuplicates(r, table, "external_id");
        var borrowers = store.BorrowerIds(table.Rows.Select(row => r.Raw(row, "borrower_external_id")).Where(v => v.Length > 0));
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var id = r.Text(row, "external_id", required: true, maxLength: 64);
            var borrowerId = r.Text(row, "borrower_external_id", required: true, maxLength: 64);
            long? borrower = null;
            if (borrowerId is not null)
            {
                if (borrowers.TryGetValue(borrowerId, out var b)) borrower = b;
                else r.Add(row, "borrower_external_id", borrowerId, "unknown borrower: import it in borrowers.csv first");
            }
            var product = r.Text(row, "product", required: true, maxLength: 32);
            var segment = r.Choice<Segment>(row, "segment", EnumNames.TryParseSnake, EnumNames.Allowed<Segment>(), required: true);
            var currency = r.Text(row, "currency", maxLength: 3)?.ToUpperInvariant() ?? "CNY";
            if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
                r.Add(row, "currency", currency, "not an ISO 4217 code of three capital letters");
            var principal = r.Amount(row, "principal", required: true);
            var rate = r.Number(row, "annual_rate_percent", 0m, 100m, required: true);
            var term = r.Integer(row, "term_months", 1, 600, required: true);
            var disbursed = r.Date(row, "disbursed_on", required: true);
            var firstDue = r.Date(row, "first_due_on", required: true);
            var method = r.Choice<RepaymentMethod>(row, "method", RepaymentMethodNames.TryParse, string.Join(", ", RepaymentMethodNames.All), required: true);
            var grace = r.Integer(row, "grace_days", 0, 90) ?? 0;
            var uplift = r.Number(row, "penalty_uplift_percent", 0m, 200m) ?? 50m;
            var purpose = r.Text(row, "purpose");
            var entrusted = r.Flag(row, "entrusted_payment") ?? false;
            var restructuredOn = r.Date(row, "restructured_on");
            var classBefore = r.Choice<RiskClass>(row, "class_before_restructure", RiskClasses.TryParse, "normal, special_mention, substandard, doubtful, loss");
            var extended = r.Flag(row, "extended") ?? false;
            if (classBefore is not null && restructuredOn is null)
                r.Add(row, "class_before_restructure", r.Raw(row, "class_before_restructure"), "given without restructured_on");
            if (restructuredOn is { } rd && disbursed is { } dd && rd < dd)
                r.Add(row, "restructured_on", r.Raw(row, "restructured_on"), "before the disbursement date");
            if (principal is { } p && rate is { } rt && term is { } n && disbursed is { } d && firstDue is { } f && method is { } m)
            {
                var terms = new ScheduleTerms(p, rt / 100m, n, m, f, d);
                foreach (var problem in terms.Problems().Where(x => m != RepaymentMethod.Custom || !x.Contains("custom", StringComparison.Ordinal)))
                {
                    var column = problem.Contains("first due", StringComparison.Ordinal) ? "first_due_on" : problem.Contains("principal", StringComparison.Ordinal) ? "principal" : "term_months";
                    r.Add(row, column, r.Raw(row, column), problem);
                }
            }
            if (r.Problems.Count == before)
            {
                _rows.Add(new Row(id!, borrower!.Value, product!, segment!.Value, currency, principal!.Value, rate!.Value, term!.Value, disbursed!.Value, firstDue!.Value,
                    method!.Value, grace, uplift, purpose, entrusted, restructuredOn, classBefore, extended,
                    ImportRows.Hash(id, borrower, product, segment, currency, principal, rate, term, disbursed, firstDue, method, grace, uplift, purpose, entrusted, restructuredOn, classBefore, extended)));
            }
            ImportRows.Report(progress, ++done);
        }
        _existing = store.LoanHashes(_rows.Select(x => x.ExternalId));
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        int inserted = 0, updated = 0;
        using var upsert = store.Upsert(tx, "loans",
            ["external_id", "borrower_id", "product", "segment", "currency", "principal", "annual_rate_percent", "term_months", "disbursed_on", "first_due_on",
             "method", "grace_days", "penalty_uplift", "purpose", "entrusted_payment", "restructured", "restructured_on", "class_before_restructure", "extended",
             "needs_recompute", "import_hash"]);
        foreach (var x in _rows)
        {
            // Hashes read while validating: an unchanged row is not sent at all (the upsert's WHERE still guards).
            if (_existing.TryGetValue(x.ExternalId, out var stored) && stored == x.Hash) continue;
            var changed = upsert.Run(x.ExternalId, x.BorrowerId, x.Product, x.Segment.ToString(), x.Currency, Money.ToMinor(x.Principal), x.Rate, x.Term,
                x.Disbursed, x.FirstDue, x.Method.ToString(), x.Grace, x.UpliftPercent / 100m, x.Purpose, x.Entrusted, x.RestructuredOn is not null,
                x.RestructuredOn, x.ClassBefore?.ToString(), x.Extended, true, x.Hash) > 0;
            if (!changed) continue;
            if (_existing.TryGetValue(x.ExternalId, out var old))
            {
                updated++;
                _updates.Add(new RowUpdate("loan", x.ExternalId, NullIfEmpty(old), x.Hash));
            }
            else inserted++;
        }
        return (inserted, updated);
    }

    private static string? NullIfEmpty(string hash) => hash.Length == 0 ? null : hash;
}
