using System.Data.Common;
using System.Globalization;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>
/// transactions.csv (every kind) and repayments.csv (repayments only). Transactions are immutable:
/// the same row again is unchanged, the same id with other values is refused.
/// </summary>
internal sealed class TransactionFile(bool repaymentsOnly) : IImportFile
{
    private sealed record Row(string ExternalId, long LoanId, TransactionKind Kind, DateOnly Date, decimal Amount, AllocationComponent? Component, string? Reverses, string? Note, string Hash);

    private static readonly TransactionKind[] Importable =
        [TransactionKind.Repayment, TransactionKind.Fee, TransactionKind.Waiver, TransactionKind.WriteOff, TransactionKind.Recovery, TransactionKind.Reversal];

    private readonly List<Row> _rows = [];

    public IReadOnlyList<string> Required => repaymentsOnly
        ? ["external_id", "loan_external_id", "date", "amount"]
        : ["external_id", "loan_external_id", "kind", "date", "amount"];

    public IReadOnlyList<string> Optional => repaymentsOnly ? ["note"] : ["component", "reverses", "note"];

    private static bool TryKind(string text, out TransactionKind kind) =>
        EnumNames.TryParseSnake(text, out kind) && Importable.Contains(kind);

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        ImportRows.FlagDuplicates(r, table, "external_id");
        var loans = store.Loans(table.Rows.Select(row => r.Raw(row, "loan_external_id")).Where(v => v.Length > 0));
        var existing = store.Transactions(table.Rows.Select(row => r.Raw(row, "external_id")).Concat(table.Rows.Select(row => r.Raw(row, "reverses"))).Where(v => v.Length > 0));
        var alreadyReversed = repaymentsOnly ? [] : store.Reversed(table.Rows.Select(row => r.Raw(row, "reverses")).Where(v => v.Length > 0));
        var inFile = new Dictionary<string, Row>(StringComparer.Ordinal);
        var allowed = string.Join(", ", Importable.Select(k => k.Snake()));
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var id = r.Text(row, "external_id", required: true, maxLength: 64);
            var loanId = r.Text(row, "loan_external_id", required: true, maxLength: 64);
            LoanRef? loan = null;
            if (loanId is not null && !loans.TryGetValue(loanId, out loan))
                r.Add(row, "loan_external_id", loanId, "unknown loan: import it in loans.csv first");
            var kind = repaymentsOnly ? TransactionKind.Repayment : r.Choice<TransactionKind>(row, "kind", TryKind, allowed, required: true);
            var date = r.Date(row, "date", required: true);
            var amount = r.Amount(row, "amount", required: true);
            var note = r.Text(row, "note");
            var component = repaymentsOnly ? null : r.Choice<AllocationComponent>(row, "component", EnumNames.TryParseSnake, EnumNames.Allowed<AllocationComponent>());
            var reverses = repaymentsOnly ? null : r.Text(row, "reverses", maxLength: 64);

            if (loan is not null && date is { } d && d < loan.DisbursedOn)
                r.Add(row, "date", r.Raw(row, "date"), string.Create(CultureInfo.InvariantCulture, $"before the loan's disbursement on {loan.DisbursedOn:yyyy-MM-dd}"));
            if (kind == TransactionKind.Waiver && component is null && r.Raw(row, "component").Length == 0)
                r.Add(row, "component", "", $"a waiver names the component it forgives: {EnumNames.Allowed<AllocationComponent>()}");
            if (kind is not null and not TransactionKind.Waiver && r.Raw(row, "component").Length > 0)
                r.Add(row, "component", r.Raw(row, "component"), "only a waiver has a component");
            if (kind == TransactionKind.Reversal)
            {
                // A reversal already recorded is compared as a whole below, not checked again.
                if (id is null || !existing.ContainsKey(id)) CheckReversal(r, row, reverses, loan, date, amount, existing, inFile, alreadyReversed);
            }
            else if (r.Raw(row, "reverses").Length > 0)
                r.Add(row, "reverses", r.Raw(row, "reverses"), "only a reversal names a transaction it reverses");

            if (r.Problems.Count == before)
            {
                var hash = ImportRows.Hash(id, loanId, kind, date, amount, component, reverses, note);
                if (existing.TryGetValue(id!, out var stored))
                {
                    if (stored.Hash != hash)
                        r.Add(row, "external_id", id!, "a transaction with this id is already recorded with other values; transactions are immutable: post a reversal and a new transaction");
                }
                else
                {
                    var x = new Row(id!, loan!.Id, kind!.Value, date!.Value, amount!.Value, component, reverses, note, hash);
                    _rows.Add(x);
                    inFile[x.ExternalId] = x;
                }
            }
            ImportRows.Report(progress, ++done);
        }
    }

    private static void CheckReversal(RowReader r, CsvRow row, string? reverses, LoanRef? loan, DateOnly? date, decimal? amount,
        Dictionary<string, TransactionRef> existing, Dictionary<string, Row> inFile, HashSet<string> alreadyReversed)
    {
        if (reverses is null)
        {
            r.Add(row, "reverses", "", "a reversal names the external id of the transaction it reverses");
            return;
        }
        (long LoanId, TransactionKind Kind, DateOnly Date, decimal Amount)? target =
            existing.TryGetValue(reverses, out var s) ? (s.LoanId, s.Kind, s.ValueDate, s.Amount)
            : inFile.TryGetValue(reverses, out var f) ? (f.LoanId, f.Kind, f.Date, f.Amount) : null;
        if (target is not { } t)
        {
            r.Add(row, "reverses", reverses, "no such transaction (it must be recorded already or earlier in this file)");
            return;
        }
        if (loan is not null && t.LoanId != loan.Id) r.Add(row, "reverses", reverses, "that transaction belongs to another loan");
        if (t.Kind == TransactionKind.Reversal) r.Add(row, "reverses", reverses, "a reversal cannot be reversed; post the transaction again");
        if (!alreadyReversed.Add(reverses)) r.Add(row, "reverses", reverses, "that transaction is already reversed");
        // A reversal cancels from its own date on; dated before the original it would cancel money not yet received.
        if (date is { } d && d < t.Date)
            r.Add(row, "date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"a reversal cannot be dated before the transaction it reverses ({t.Date:yyyy-MM-dd})"));
        if (amount is { } a && a != t.Amount) r.Add(row, "amount", a.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"a reversal's amount must equal the reversed transaction's ({t.Amount:0.00})"));
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        using var insert = store.Prepare(tx, """
            INSERT INTO transactions (external_id, loan_id, kind, value_date, amount, component, reverses_id, note, import_hash)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, (SELECT id FROM transactions WHERE external_id = @p6), @p7, @p8)
            """, 9);
        using var flag = store.Prepare(tx, "UPDATE loans SET needs_recompute = @p0 WHERE id = @p1 AND needs_recompute <> @p0", 2);
        var flagged = new HashSet<long>();
        foreach (var x in _rows)
        {
            insert.Run(x.ExternalId, x.LoanId, x.Kind.ToString(), x.Date, Money.ToMinor(x.Amount), x.Component?.ToString(), x.Reverses, x.Note, x.Hash);
            if (flagged.Add(x.LoanId)) flag.Run(true, x.LoanId);
        }
        return (_rows.Count, 0);
    }
}
