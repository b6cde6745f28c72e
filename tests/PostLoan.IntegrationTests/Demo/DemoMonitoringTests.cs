using System.Data.Common;
using System.Globalization;
using PostLoan.Application.Demo;
using PostLoan.Application.Import;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Demo;

/// <summary>
/// The demo's monitoring data: it imports cleanly, leaves the book's own files as they were, is the same
/// for a seed, and shows defaulting borrowers deteriorating before they default.
/// </summary>
public sealed class DemoMonitoringTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    private static readonly string[] BookFiles = ["borrowers.csv", "loans.csv", "schedules.csv", "transactions.csv"];

    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static DemoBookOptions Options(int loans, int seed) => new(loans, 24, seed, AsOf, Monitoring: true);

    private string Generate(DemoBookOptions options, string name)
    {
        var folder = Path.Combine(_db.Folder, name);
        new DemoBookGenerator(options).WriteTo(folder);
        return folder;
    }

    [Fact]
    public void Demo_monitoring_data_imports_cleanly_kind_by_kind()
    {
        var files = Book.ImportDemo(_db, Options(400, 3));

        files.Monitoring.Select(f => f.Kind).ShouldBe(
            [ImportKind.Statements, ImportKind.Covenants, ImportKind.Milestones, ImportKind.FundUses, ImportKind.Collateral,
             ImportKind.Valuations, ImportKind.Guarantors, ImportKind.Bureau, ImportKind.Signals]);
        foreach (var file in files.Monitoring)
            file.Rows.ShouldBeGreaterThan(0, $"{file.Kind} is empty");
        int Rows(ImportKind kind) => files.Monitoring.Single(f => f.Kind == kind).Rows;

        _db.Count("SELECT COUNT(*) FROM financial_statements").ShouldBe(Rows(ImportKind.Statements));
        _db.Count("SELECT COUNT(*) FROM covenants").ShouldBe(Rows(ImportKind.Covenants));
        _db.Count("SELECT COUNT(*) FROM project_milestones").ShouldBe(Rows(ImportKind.Milestones));
        _db.Count("SELECT COUNT(*) FROM fund_uses").ShouldBe(Rows(ImportKind.FundUses));
        _db.Count("SELECT COUNT(*) FROM collateral").ShouldBe(Rows(ImportKind.Collateral));
        // Each collateral's appraisal is its first valuation.
        _db.Count("SELECT COUNT(*) FROM collateral_valuations").ShouldBe(Rows(ImportKind.Valuations) + Rows(ImportKind.Collateral));
        _db.Count("SELECT COUNT(*) FROM guarantors").ShouldBe(Rows(ImportKind.Guarantors));
        _db.Count("SELECT COUNT(*) FROM bureau_snapshots").ShouldBe(Rows(ImportKind.Bureau));
        _db.Count("SELECT COUNT(*) FROM external_signals").ShouldBe(Rows(ImportKind.Signals));

        // The data belongs to the book it came with: statements for companies only, milestones for project loans only.
        _db.Count("SELECT COUNT(*) FROM financial_statements f JOIN borrowers b ON b.id = f.borrower_id WHERE b.kind <> 'Corporate'").ShouldBe(0);
        _db.Count("SELECT COUNT(DISTINCT borrower_id) FROM financial_statements").ShouldBe(_db.Count("SELECT COUNT(*) FROM borrowers WHERE kind = 'Corporate'"));
        _db.Count("SELECT COUNT(*) FROM project_milestones m JOIN loans l ON l.id = m.loan_id WHERE l.segment <> 'Project'").ShouldBe(0);
        _db.Count("SELECT COUNT(*) FROM financial_statements WHERE received_on > '2025-06-30'").ShouldBe(0);
    }

    [Fact]
    public void The_book_files_are_the_same_with_or_without_monitoring_data()
    {
        var with = Generate(Options(400, 3), "with");
        var without = Generate(Options(400, 3) with { Monitoring = false }, "without");

        foreach (var name in BookFiles)
            File.ReadAllBytes(Path.Combine(with, name)).ShouldBe(File.ReadAllBytes(Path.Combine(without, name)), name);
        Directory.GetFiles(without).Select(Path.GetFileName).Order().ShouldBe(BookFiles.Order());
        Directory.GetFiles(with).Length.ShouldBe(13);
    }

    [Fact]
    public void The_same_seed_gives_the_same_monitoring_data()
    {
        var a = Generate(Options(400, 3), "a");
        var b = Generate(Options(400, 3), "b");
        var other = Generate(Options(400, 4), "other");

        foreach (var kind in ImportKinds.Names.Skip(5))
            File.ReadAllText(Path.Combine(b, kind + ".csv")).ShouldBe(File.ReadAllText(Path.Combine(a, kind + ".csv")), kind);
        File.ReadAllText(Path.Combine(other, "statements.csv")).ShouldNotBe(File.ReadAllText(Path.Combine(a, "statements.csv")));
    }

    [Fact]
    public void Borrowers_that_default_deteriorate_in_the_data_before_they_default()
    {
        Book.ImportDemo(_db, Options(5000, 7));
        Book.Eod(_db, through: AsOf);
        var defaults = DefaultDates();
        defaults.Count.ShouldBeGreaterThan(50);

        // Leverage in the last statement received before the first missed payment, against the latest statement of borrowers that never default.
        var statements = Rows("""
            SELECT b.external_id, f.period_end, f.received_on, f.total_liabilities, f.total_assets
            FROM financial_statements f JOIN borrowers b ON b.id = f.borrower_id WHERE f.period = 'Quarterly'
            """).Select(r => (Borrower: (string)r[0], PeriodEnd: Day(r[1]), Received: Day(r[2]), Leverage: Convert.ToDouble(r[3], CultureInfo.InvariantCulture) / Convert.ToDouble(r[4], CultureInfo.InvariantCulture)))
            .ToList();
        var beforeDefault = statements.Where(s => defaults.ContainsKey(s.Borrower) && s.Received < defaults[s.Borrower])
            .GroupBy(s => s.Borrower).Select(g => g.MaxBy(s => s.PeriodEnd).Leverage).ToList();
        var healthy = statements.Where(s => !defaults.ContainsKey(s.Borrower))
            .GroupBy(s => s.Borrower).Select(g => g.MaxBy(s => s.PeriodEnd).Leverage).ToList();
        beforeDefault.Count.ShouldBeGreaterThanOrEqualTo(5);
        healthy.Count.ShouldBeGreaterThan(50);
        healthy.Average().ShouldBeInRange(0.45, 0.65);
        beforeDefault.Average().ShouldBeGreaterThan(0.7);
        beforeDefault.Average().ShouldBeGreaterThan(healthy.Average() + 0.12, $"{beforeDefault.Count} defaulting, {healthy.Count} healthy");

        // Overdue at other lenders in the half year before default, against any snapshot of a borrower that never defaults.
        var snapshots = Rows("SELECT b.external_id, s.as_of, s.overdue_debt FROM bureau_snapshots s JOIN borrowers b ON b.id = s.borrower_id")
            .Select(r => (Borrower: (string)r[0], AsOf: Day(r[1]), Overdue: Convert.ToInt64(r[2], CultureInfo.InvariantCulture) > 0)).ToList();
        var ahead = snapshots.Where(s => defaults.TryGetValue(s.Borrower, out var d) && s.AsOf < d && s.AsOf >= d.AddMonths(-6)).ToList();
        var never = snapshots.Where(s => !defaults.ContainsKey(s.Borrower)).ToList();
        ahead.Count.ShouldBeGreaterThan(20);
        var aheadShare = ahead.Count(s => s.Overdue) / (double)ahead.Count;
        var baseShare = never.Count(s => s.Overdue) / (double)never.Count;
        baseShare.ShouldBeInRange(0.005, 0.1);
        aheadShare.ShouldBeGreaterThan(3 * baseShare, $"before default {aheadShare:P0}, base rate {baseShare:P0}");
    }

    /// <summary>
    /// Per borrower, the day its first delinquency that went on to 90+ DPD began, as end-of-day
    /// recorded it: the move from current to 1–30 days that preceded the loan's first move to 91–120.
    /// </summary>
    private Dictionary<string, DateOnly> DefaultDates()
    {
        var changes = Rows("""
            SELECT b.external_id, l.external_id, c.business_date, c.old_value, c.new_value
            FROM state_changes c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
            WHERE c.kind = 'bucket'
            """).Select(r => (Borrower: (string)r[0], Loan: (string)r[1], Day: Day(r[2]), Old: (string)r[3], New: (string)r[4])).ToList();
        var result = new Dictionary<string, DateOnly>();
        foreach (var loan in changes.GroupBy(c => (c.Borrower, c.Loan)))
        {
            var ordered = loan.OrderBy(c => c.Day).ToList();
            var ninety = ordered.FindIndex(c => c.New == "M4");
            if (ninety < 0) continue;
            var start = ordered.Take(ninety).LastOrDefault(c => c.Old == "C");
            if (start.Borrower is null) continue;
            var borrower = loan.Key.Borrower;
            if (!result.TryGetValue(borrower, out var known) || start.Day < known) result[borrower] = start.Day;
        }
        return result;
    }

    private List<object[]> Rows(string sql)
    {
        using var connection = _db.Settings.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using DbDataReader r = cmd.ExecuteReader();
        var rows = new List<object[]>();
        while (r.Read())
        {
            var row = new object[r.FieldCount];
            r.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    private static DateOnly Day(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => DateOnly.ParseExact(Convert.ToString(value, CultureInfo.InvariantCulture)!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
