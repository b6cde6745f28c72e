using System.Diagnostics;
using PostLoan.Application.Demo;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.EndOfDay;

/// <summary>Kills a real end-of-day process half way and checks the rerun ends exactly where an uninterrupted run does.</summary>
public sealed class CrashResumeTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private static void ImportDemoBook(TempDatabase db) => Book.ImportDemo(db, new DemoBookOptions(Loans: 1000, Months: 24, Seed: 11, AsOf));

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
        interrupted.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE").ShouldBe(0);
    }
}
