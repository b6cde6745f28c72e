using System.Diagnostics;
using PostLoan.Application.Demo;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.EndOfDay;

/// <summary>
/// <c>eod --partition K/N</c> in real processes side by side on one database: together they must
/// leave exactly the servicing state and history one process leaves, and a killed partition is
/// rerun alone.
/// </summary>
public sealed class PartitionedEndOfDayTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private static void ImportDemoBook(TempDatabase db) => Book.ImportDemo(db, new DemoBookOptions(Loans: 600, Months: 18, Seed: 23, AsOf));

    private static Process Start(TempDatabase db, params string[] args) =>
        Process.Start(CliProcess.StartInfo(db.Folder, [.. args, "--db", db.Db]))!;

    private static (int Exit, string Output, string Error) Finish(Process process)
    {
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(5)).ShouldBeTrue();
        return (process.ExitCode, output, error.Result);
    }

    private static string BusinessDate(TempDatabase db)
    {
        var summary = CliProcess.Run(db.Folder, "summary", "--db", db.Db);
        summary.ExitCode.ShouldBe(0, summary.Error);
        return summary.Output;
    }

    [Fact]
    public void Three_partition_processes_leave_the_same_state_and_history_as_one_process()
    {
        using var single = new TempDatabase();
        ImportDemoBook(single);
        var one = CliProcess.Run(single.Folder, "eod", "--through", "2025-06-30", "--db", single.Db);
        one.ExitCode.ShouldBe(0, one.Error);

        using var split = new TempDatabase();
        ImportDemoBook(split);
        var workers = Enumerable.Range(1, 3).Select(k => Start(split, "eod", "--through", "2025-06-30", "--chunk-size", "50", "--partition", $"{k}/3")).ToList();
        var results = workers.Select(Finish).ToList();
        foreach (var (exit, output, error) in results)
        {
            exit.ShouldBe(0, error);
            output.ShouldContain("This partition has reached 2025-06-30");
        }
        // Each partition serviced only its own borrowers: the three counts add up to the book.
        var loans = split.Count("SELECT COUNT(*) FROM loans");
        split.Count("SELECT COUNT(*) FROM end_of_day_runs WHERE partition_count = 3 AND completed_at IS NOT NULL").ShouldBe(3);
        split.Count("SELECT SUM(loans_processed) FROM end_of_day_runs").ShouldBe(loans);
        for (var k = 1; k <= 3; k++)
            split.Count($"SELECT loans_processed FROM end_of_day_runs WHERE partition_number = {k}").ShouldBeGreaterThan(loans / 5);

        split.DumpServicing().ShouldBe(single.DumpServicing());
        BusinessDate(split).ShouldContain("2025-06-30");

        // The next day runs in partitions too, and still agrees with one process.
        CliProcess.Run(single.Folder, "eod", "--date", "2025-07-01", "--db", single.Db).ExitCode.ShouldBe(0);
        foreach (var worker in Enumerable.Range(1, 3).Select(k => Start(split, "eod", "--date", "2025-07-01", "--partition", $"{k}/3")).ToList())
            Finish(worker).Exit.ShouldBe(0);
        split.DumpServicing().ShouldBe(single.DumpServicing());

        // A split run cannot start while a run of another split is unfinished, and the book's date needs every partition.
        var whole = CliProcess.Run(split.Folder, "eod", "--date", "2025-07-02", "--db", split.Db);
        whole.ExitCode.ShouldBe(0, whole.Error);
        whole.Output.ShouldContain("Business date is now 2025-07-02");
    }

    [Fact]
    public void A_killed_partition_is_rerun_alone_and_the_date_completes_only_when_it_has()
    {
        using var single = new TempDatabase();
        ImportDemoBook(single);
        CliProcess.Run(single.Folder, "eod", "--through", "2025-06-30", "--db", single.Db).ExitCode.ShouldBe(0);

        using var split = new TempDatabase();
        ImportDemoBook(split);
        foreach (var k in new[] { 1, 3 })
        {
            var run = CliProcess.Run(split.Folder, "eod", "--through", "2025-06-30", "--partition", $"{k}/3", "--db", split.Db);
            run.ExitCode.ShouldBe(0, run.Error);
        }
        using (var worker = Start(split, "eod", "--through", "2025-06-30", "--chunk-size", "20", "--partition", "2/3"))
        {
            var killed = false;
            while (worker.StandardOutput.ReadLine() is { } line)
            {
                if (line.Contains("chunk 3/", StringComparison.Ordinal))
                {
                    worker.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }
            }
            worker.WaitForExit();
            killed.ShouldBeTrue("partition 2 finished before it could be killed");
        }
        split.Count("SELECT COUNT(*) FROM end_of_day_runs WHERE completed_at IS NULL AND partition_number = 2").ShouldBe(1);
        // Two of three partitions done: the book has no business date yet, and a whole-book run must wait.
        BusinessDate(split).ShouldNotContain("2025-06-30");
        var blocked = CliProcess.Run(split.Folder, "eod", "--through", "2025-06-30", "--db", split.Db);
        blocked.ExitCode.ShouldBe(1);
        blocked.Error.ShouldContain("--partition 2/3");

        var rerun = CliProcess.Run(split.Folder, "eod", "--through", "2025-06-30", "--chunk-size", "20", "--partition", "2/3", "--db", split.Db);
        rerun.ExitCode.ShouldBe(0, rerun.Error);
        rerun.Output.ShouldContain("resumed");
        split.DumpServicing().ShouldBe(single.DumpServicing());
        BusinessDate(split).ShouldContain("2025-06-30");

        // Rerunning a finished partition changes nothing.
        var again = CliProcess.Run(split.Folder, "eod", "--through", "2025-06-30", "--partition", "1/3", "--db", split.Db);
        again.ExitCode.ShouldBe(0, again.Error);
        again.Output.ShouldContain("already done");
    }

    [Fact]
    public void A_partition_that_does_not_exist_is_refused()
    {
        using var db = new TempDatabase();
        var run = CliProcess.Run(db.Folder, "eod", "--through", "2025-06-30", "--partition", "4/3", "--db", db.Db);
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("partition 4/3 does not exist");
    }
}
