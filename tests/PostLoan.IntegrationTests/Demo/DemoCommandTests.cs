using PostLoan.Application.Demo;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Demo;

/// <summary>The demo: a realistic mixed book through the real import and end-of-day, from the command line.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Demo_builds_a_mixed_book_with_every_repayment_behaviour_and_prints_the_portfolio()
    {
        var run = CliProcess.Run(_db.Folder, "demo", "--no-serve", "--loans", "4000", "--months", "24", "--seed", "5", "--as-of", "2025-06-30", "--db", _db.Db);
        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("Business date is now 2025-05-01");
        run.Output.ShouldContain("Post-loan work simulated from 2025-05-01 to 2025-06-30");
        run.Output.ShouldContain("Portfolio on business date 2025-06-30");
        run.Output.ShouldContain("NPL ratio");
        run.Output.ShouldContain("Imported signals from signals.csv");
        run.Output.ShouldContain("Monitoring data loaded: ");
        _db.Settings.ClearPools(); // the demo replaced the database

        _db.Count("SELECT COUNT(*) FROM loans").ShouldBe(4000);
        var retail = _db.Count("SELECT COUNT(*) FROM loans WHERE segment = 'Retail'");
        var project = _db.Count("SELECT COUNT(*) FROM loans WHERE segment = 'Project'");
        retail.ShouldBeInRange(3200, 3600);   // about 85 %
        project.ShouldBeInRange(60, 200);     // about 3 %
        _db.Count("SELECT COUNT(DISTINCT method) FROM loans").ShouldBe(5);
        _db.Count("SELECT COUNT(DISTINCT product) FROM loans").ShouldBeGreaterThanOrEqualTo(6);

        // Every behaviour leaves its mark: on time, late and cured, rolled to default, written off, prepaid.
        _db.Count("SELECT COUNT(*) FROM loan_states WHERE status = 'Active' AND dpd = 0").ShouldBeGreaterThan(3000);
        _db.Count("SELECT COUNT(*) FROM state_changes WHERE kind = 'bucket' AND old_value = 'M1' AND new_value = 'C'").ShouldBeGreaterThan(50);
        _db.Count("SELECT COUNT(*) FROM loan_states WHERE dpd > 90").ShouldBeGreaterThan(10);
        _db.Count("SELECT COUNT(*) FROM loan_states WHERE status = 'WrittenOff'").ShouldBeGreaterThan(0);
        _db.Count("SELECT COUNT(*) FROM transactions WHERE note = '提前结清'").ShouldBeGreaterThan(20);
        _db.Count("SELECT COUNT(*) FROM loan_states WHERE status = 'Closed'").ShouldBeGreaterThan(20);
        _db.Count("SELECT COUNT(*) FROM loan_states WHERE in_restructure_observation = TRUE").ShouldBeGreaterThan(0);
        _db.Count("SELECT COUNT(*) FROM loan_state_snapshots WHERE snapshot_date = '2025-05-31'").ShouldBeGreaterThan(3000);

        // The monitoring data early warning reads came with it.
        _db.Count("SELECT COUNT(*) FROM financial_statements").ShouldBeGreaterThan(1000);
        _db.Count("SELECT COUNT(*) FROM bureau_snapshots").ShouldBeGreaterThan(1000);
        _db.Count("SELECT COUNT(*) FROM collateral").ShouldBeGreaterThan(1000);
        _db.Count("SELECT COUNT(*) FROM external_signals").ShouldBeGreaterThan(10);
    }

    [Fact]
    public void The_same_seed_gives_the_same_book()
    {
        var options = new DemoBookOptions(500, 12, 42, new DateOnly(2025, 6, 30));
        var a = new DemoBookGenerator(options).WriteTo(Path.Combine(_db.Folder, "a"));
        var b = new DemoBookGenerator(options).WriteTo(Path.Combine(_db.Folder, "b"));
        File.ReadAllText(b.Loans).ShouldBe(File.ReadAllText(a.Loans));
        File.ReadAllText(b.Transactions).ShouldBe(File.ReadAllText(a.Transactions));
        var other = new DemoBookGenerator(options with { Seed = 43 }).WriteTo(Path.Combine(_db.Folder, "c"));
        File.ReadAllText(other.Loans).ShouldNotBe(File.ReadAllText(a.Loans));
    }

    [Fact]
    public void Demo_refuses_to_replace_a_database_it_did_not_make()
    {
        Book.ImportCsv(_db, Application.Import.ImportKind.Borrowers, "external_id,kind,name\nB1,individual,张三\n");
        var run = CliProcess.Run(_db.Folder, "demo", "--no-serve", "--loans", "10", "--db", _db.Db);
        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("--reset");
        _db.Count("SELECT COUNT(*) FROM borrowers").ShouldBe(1);
    }
}
