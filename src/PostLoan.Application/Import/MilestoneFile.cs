using System.Data.Common;
using System.Globalization;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>milestones.csv: milestones of the projects that project-finance loans pay for, upserted by external id.</summary>
internal sealed class MilestoneFile : IImportFile
{
    private sealed record Planned(string ExternalId, long LoanId, DateOnly Date, decimal Completion, CsvRow? Row);

    private readonly List<UpsertRow> _rows = [];
    private Dictionary<string, string> _existing = [];

    public IReadOnlyList<string> Required { get; } = ["external_id", "loan_external_id", "name", "planned_date", "planned_completion", "completion", "budget", "spend"];
    public IReadOnlyList<string> Optional { get; } = ["actual_date"];

    public void Validate(RowReader r, CsvTable table, ImportStore store, IProgress<int>? progress)
    {
        ImportRows.FlagDuplicates(r, table, "external_id");
        var loans = store.Loans(table.Rows.Select(row => r.Raw(row, "loan_external_id")).Where(v => v.Length > 0));
        var planned = new List<Planned>();
        var done = 0;
        foreach (var row in table.Rows)
        {
            var before = r.Problems.Count;
            var id = r.Text(row, "external_id", required: true, maxLength: 64);
            var loan = MonitoringRows.Loan(r, row, loans);
            if (loan is not null && loan.Segment != Segment.Project)
                r.Add(row, "loan_external_id", r.Raw(row, "loan_external_id"), $"the loan's segment is {loan.Segment.Snake()}; milestones belong to project loans");
            var name = r.Text(row, "name", required: true);
            var plannedDate = r.Date(row, "planned_date", required: true);
            var actualDate = r.Date(row, "actual_date");
            var plannedCompletion = r.Number(row, "planned_completion", 0m, 1m, required: true, maxDecimals: 6);
            var completion = r.Number(row, "completion", 0m, 1m, required: true, maxDecimals: 6);
            var budget = r.Amount(row, "budget", required: true);
            var spend = r.Amount(row, "spend", required: true, allowZero: true);

            if (r.Problems.Count == before)
            {
                var hash = ImportRows.Hash(id, loan!.Id, name, plannedDate, actualDate, plannedCompletion, completion, budget, spend);
                _rows.Add(new UpsertRow(id!, hash, [id, loan.Id, name, plannedDate, actualDate, plannedCompletion, completion,
                    Domain.Common.Money.ToMinor(budget!.Value), Domain.Common.Money.ToMinor(spend!.Value), hash]));
                planned.Add(new Planned(id!, loan.Id, plannedDate!.Value, plannedCompletion!.Value, row));
            }
            ImportRows.Report(progress, ++done);
        }
        if (r.Problems.Count == 0) CheckPlanIsCumulative(r, planned, store);
        _existing = store.Hashes("project_milestones", _rows.Select(x => x.Key));
    }

    /// <summary>
    /// planned_completion is the share of the whole project planned done by a date, so a loan's later
    /// milestone cannot plan less than an earlier one. Checked over the loan's recorded milestones with the
    /// file's rows in place of the ones they update.
    /// </summary>
    private static void CheckPlanIsCumulative(RowReader r, List<Planned> fromFile, ImportStore store)
    {
        var inFile = fromFile.Select(p => p.ExternalId).ToHashSet(StringComparer.Ordinal);
        var stored = store.Milestones(fromFile.Select(p => p.LoanId))
            .Where(m => !inFile.Contains(m.ExternalId))
            .Select(m => new Planned(m.ExternalId, m.LoanId, m.PlannedDate, m.PlannedCompletion, null));
        foreach (var plan in fromFile.Concat(stored).GroupBy(p => p.LoanId))
        {
            var ordered = plan.OrderBy(p => p.Date).ThenBy(p => p.Completion).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (earlier, later) = (ordered[i - 1], ordered[i]);
                if (later.Completion >= earlier.Completion || later.Date == earlier.Date || (later.Row is null && earlier.Row is null)) continue;
                var (row, other) = later.Row is not null ? (later.Row.Value, earlier) : (earlier.Row!.Value, later);
                r.Add(row, "planned_completion", r.Raw(row, "planned_completion"), string.Create(CultureInfo.InvariantCulture,
                    $"milestone {later.ExternalId} planned for {MonitoringRows.Day(later.Date)} plans {Fraction(later.Completion)} of the project done, less than the {Fraction(earlier.Completion)} of milestone {earlier.ExternalId} planned for {MonitoringRows.Day(earlier.Date)}{(other.Row is null ? " (already recorded)" : "")}"));
            }
        }
    }

    // By value: a stored 1 reads back as 1.000000 on PostgreSQL and as written on SQLite.
    private static string Fraction(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public (int Inserted, int Updated) Write(ImportStore store, DbTransaction tx)
    {
        using var upsert = store.Upsert(tx, "project_milestones",
            ["external_id", "loan_id", "name", "planned_date", "actual_date", "planned_completion", "completion", "budget", "spend", "import_hash"]);
        return MonitoringRows.Upsert(upsert, _rows, _existing);
    }
}
