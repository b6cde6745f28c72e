using System.Data.Common;
using PostLoan.Domain.Common;
using PostLoan.Domain.Schedules;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>schedules.csv: the installments of loans whose method is custom. A loan's rows replace its stored schedule.</summary>
internal sealed class ScheduleFile : IImportFile
{
    private readonly Dictionary<long, List<Installment>> _schedules = [];
    private Dictionary<long, List<Installment>> _existing = [];

    public IReadOnlyList<string> Required { get; } = ["loan_external_id", "number", "due_date", "principal", "interest"];
    public IReadOnlyList<string> Optional { get; } = ["fees"];

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        var loans = store.Loans(table.Rows.Select(row => r.Raw(row, "loan_external_id")).Where(v => v.Length > 0));
        var byLoan = new Dictionary<string, List<(CsvRow Row, Installment Line)>>(StringComparer.Ordinal);
        var seen = new Dictionary<(string, int), int>();
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var loanId = r.Text(row, "loan_external_id", required: true, maxLength: 64);
            if (loanId is not null)
            {
                if (!loans.TryGetValue(loanId, out var loan)) r.Add(row, "loan_external_id", loanId, "unknown loan: import it in loans.csv first");
                else if (loan.Method != RepaymentMethod.Custom) r.Add(row, "loan_external_id", loanId, $"the loan's method is {loan.Method.ToName()}; only custom loans take an imported schedule");
            }
            var number = r.Integer(row, "number", 1, 1200, required: true);
            var due = r.Date(row, "due_date", required: true);
            var principal = r.Amount(row, "principal", required: true, allowZero: true);
            var interest = r.Amount(row, "interest", required: true, allowZero: true);
            var fees = r.Amount(row, "fees", allowZero: true) ?? 0m;
            if (loanId is not null && number is { } n)
            {
                if (seen.TryGetValue((loanId, n), out var first)) r.Add(row, "number", n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"installment {n} of loan {loanId} is also on row {first}");
                else seen[(loanId, n)] = row.Number;
            }
            if (r.Problems.Count == before)
            {
                if (!byLoan.TryGetValue(loanId!, out var list)) byLoan[loanId!] = list = [];
                list.Add((row, new Installment(number!.Value, due!.Value, principal!.Value, interest!.Value, fees)));
            }
            ImportRows.Report(progress, ++done);
        }
        if (r.Problems.Count > 0) return;

        foreach (var (loanId, rows) in byLoan)
        {
            var loan = loans[loanId];
            var ordered = rows.OrderBy(x => x.Line.Number).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var (row, line) = ordered[i];
                if (line.Number != i + 1)
                {
                    r.Add(row, "number", line.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"installments of loan {loanId} must be numbered 1 to {ordered.Count} without gaps");
                    break;
                }
                var previous = i == 0 ? loan.DisbursedOn : ordered[i - 1].Line.DueDate;
                if (line.DueDate <= previous)
                    r.Add(row, "due_date", line.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        i == 0 ? "the first due date must be after the disbursement date" : "due dates must increase from one installment to the next");
            }
            var sum = ordered.Sum(x => x.Line.Principal);
            if (sum != loan.Principal)
                r.Add(ordered[^1].Row, "principal", Money.Round(sum).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the principal of loan {loanId}'s installments sums to {sum:0.00}, not to the loan's principal {loan.Principal:0.00}"));
            _schedules[loan.Id] = ordered.Select(x => x.Line).ToList();
        }
        _existing = store.ScheduleLines(_schedules.Keys);
    }

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        int inserted = 0, updated = 0;
        using var delete = store.Prepare(tx, "DELETE FROM schedule_lines WHERE loan_id = @p0", 1);
        using var insert = store.Prepare(tx, "INSERT INTO schedule_lines (loan_id, number, due_date, principal, interest, fees) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)", 6);
        using var flag = store.Prepare(tx, "UPDATE loans SET needs_recompute = @p0 WHERE id = @p1", 2);
        foreach (var (loanId, lines) in _schedules)
        {
            var old = _existing.GetValueOrDefault(loanId);
            if (old is not null && old.SequenceEqual(lines)) continue;
            if (old is not null)
            {
                delete.Run(loanId);
                updated += lines.Count;
            }
            else inserted += lines.Count;
            foreach (var l in lines)
                insert.Run(loanId, l.Number, l.DueDate, Money.ToMinor(l.Principal), Money.ToMinor(l.Interest), Money.ToMinor(l.Fees));
            flag.Run(true, loanId);
        }
        return (inserted, updated);
    }
}
