using System.Diagnostics;
using PostLoan.Application.Demo;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.EndOfDay;

/// <summary>Kills a real end-of-day process half way and checks the rerun ends exactly where an uninterrupted run does.</summary>
public sealed class CrashResumeTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    /// <summary>The demo book with the default early-warning rules on: the resumed run raises its alerts from what it and the killed run serviced.</summary>
    private static void ImportDemoBook(TempDatabase db)
    {
        Book.ImportDemo(db, new DemoBookOptions(Loans: 1000, Months: 24, Seed: 11, AsOf));
        var rules = new PostLoan.Application.EarlyWarning.RuleBook(db.Settings, TimeProvider.System);
        rules.AddDefaults("user:li");
        foreach (var code in PostLoan.Domain.EarlyWarning.DefaultRuleLibrary.All.Select(r => r.Code))
            if (rules.RequestActivation(code, 1, "user:li").Succeeded) rules.Approve(code, 1, "user:wang").Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void A_killed_end_of_day_resumes_and_finishes_with_the_same_result_as_an_uninterrupted_run()
    {
        using var interrupted = new TempDatabase();
        ImportDemoBook(interrupted);
        var loans = interrupted.Count("SELECT COUNT(*) FROM loans");

        using (var process = Process.Start(CliProcess.StartInfo(interrupted.Folder, "eod", "--through", "2025-06-30", "--chunk-size", "20", "--db", interrupted.Db))!)
        {
            var killed = false;
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (line.Contains("chunk 5/", StringComparison.Ordinal))
                {
                    process.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }
            }
            process.WaitForExit();
            killed.ShouldBeTrue("the run finished before it could be killed");
        }

        // The kill left a run that is not complete, with some chunks committed and not all.
        interrupted.Count("SELECT COUNT(*) FROM end_of_day_runs WHERE completed_at IS NULL").ShouldBe(1);
        var serviced = interrupted.Count("SELECT COUNT(*) FROM loan_states");
        serviced.ShouldBeGreaterThan(0);
        serviced.ShouldBeLessThan(loans);

        var rerun = CliProcess.Run(interrupted.Folder, "eod", "--through", "2025-06-30", "--chunk-size", "20", "--db", interrupted.Db);
        rerun.ExitCode.ShouldBe(0, rerun.Error);
        rerun.Output.ShouldContain("resumed");
        interrupted.Count("SELECT COUNT(*) FROM end_of_day_runs WHERE completed_at IS NULL").ShouldBe(0);

        using var uninterrupted = new TempDatabase();
        ImportDemoBook(uninterrupted);
        var straight = CliProcess.Run(uninterrupted.Folder, "eod", "--through", "2025-06-30", "--db", uninterrupted.Db);
        straight.ExitCode.ShouldBe(0, straight.Error);

        interrupted.DumpServicing().ShouldBe(uninterrupted.DumpServicing());
        const string alerts = "SELECT rule_code, loan_id, facts FROM alerts ORDER BY rule_code, loan_id";
        interrupted.Count("SELECT COUNT(*) FROM alerts").ShouldBeGreaterThan(0);
        interrupted.DumpTable(alerts).ShouldBe(uninterrupted.DumpTable(alerts));
        interrupted.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE").ShouldBe(0);
    }
}
