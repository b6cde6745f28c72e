using System.CommandLine;
using PostLoan.Application.EndOfDay;
using PostLoan.Cli.Output;
using PostLoan.Domain.Servicing;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan eod</c>: runs end-of-day for one business date or through a date.</summary>
public static class EodCommand
{
    public static Command Create()
    {
        var date = new Option<DateOnly?>("--date") { Description = "run this business date (the day after the current one)", CustomParser = CommonOptions.ParseOptionalDate };
        var through = new Option<DateOnly?>("--through") { Description = "run every business date up to and including this one", CustomParser = CommonOptions.ParseOptionalDate };
        var full = new Option<bool>("--full") { Description = "recompute every loan, not only those that can have changed" };
        var chunk = new Option<int?>("--chunk-size") { Description = "borrowers per committed chunk (default: 5000 for --full on one date, else 2000)" };
        var partition = new Option<string?>("--partition")
        {
            Description = "service only partition K of N (K/N, e.g. 2/3): borrowers whose id mod N is K-1; run the N partitions side by side, " +
                "in processes or on machines of their own, and the date is done when all N are",
        };
        var timings = new Option<bool>("--timings") { Description = "print where the run's time went: servicing, snapshots, early warning, tasks; and how the kept feature inputs were read" };
        var command = new Command("eod", "Run end-of-day: apply repayments, accrue, age, classify, stage and provision (see docs/end-of-day.md)")
        {
            date, through, full, chunk, partition, timings,
        };
        command.SetAction(parse =>
        {
            if ((parse.GetValue(date) is null) == (parse.GetValue(through) is null) || parse.GetValue(chunk) < 1)
            {
                Console.Error.WriteLine("error: give exactly one of --date or --through (and a --chunk-size of at least 1)");
                return 2;
            }
            EodPartition? part = null;
            if (parse.GetValue(partition) is { } text)
            {
                if (!EodPartition.TryParse(text, out var parsed, out var error))
                {
                    Console.Error.WriteLine($"error: --partition: {error}");
                    return 2;
                }
                part = parsed;
            }
            var context = CommonOptions.Context(parse);
            var times = parse.GetValue(timings) ? new EndOfDayTimings() : null;
            var service = new EndOfDayService(context.MigratedDatabase(), context.Servicing, context.Clock) { Timings = times };
            var request = new EndOfDayRequest(parse.GetValue(date), parse.GetValue(through), parse.GetValue(full), parse.GetValue(chunk), part);
            var code = Run(service, request);
            if (times is not null)
            {
                static string S(TimeSpan t) => t.TotalSeconds.ToString("0.0", Formats.Invariant) + " s";
                Console.WriteLine($"Time: choosing loans {S(times.Candidates)}; servicing: reading {S(times.Load)} (waited {S(times.WaitForRead)}), replay {S(times.Replay)}, " +
                    $"writing {S(times.Write)} (waited {S(times.WaitForWrite)}); month-end snapshots {S(times.Snapshots)}; early warning {S(times.Alerts)} " +
                    $"(features {S(times.AlertParts.Features)}, scoring {S(times.AlertParts.Scoring)}, rules {S(times.AlertParts.Rules)}); tasks {S(times.Tasks)}.");
                if (times.InputParts.Count > 0)
                    Console.WriteLine("Kept feature inputs: " + string.Join("; ", times.InputParts.Select(p =>
                        $"{p.Part} {p.How}{(p.How == "refreshed" ? $" for {p.Borrowers:N0} borrowers" : "")} {S(p.Took)}")) + ".");
            }
            return code;
        });
        return command;
    }

    /// <summary>Runs end-of-day with progress and prints the outcome; returns the exit code.</summary>
    public static int Run(EndOfDayService service, EndOfDayRequest request)
    {
        var result = ConsoleProgress.Run("end-of-day", report => service.Run(request, p =>
            report(p.BorrowersDone, p.BorrowersTotal, p.Chunk == 0
                ? $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}: {p.BorrowersTotal:N0} borrowers to service in {p.Chunks} chunks"
                : $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd} chunk {p.Chunk}/{p.Chunks} committed, {p.LoansDone:N0} loans!")));
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"error: {result.Failure!.Message}");
            return 1;
        }
        var r = result.Value!;
        if (r.AlreadyDone)
        {
            Console.WriteLine($"End-of-day for {request.Date ?? request.Through:yyyy-MM-dd}{Of(request)} is already done (business date {r.BusinessDate:yyyy-MM-dd}); nothing changed.");
            return 0;
        }
        Console.WriteLine($"End-of-day{Of(request)} {(r.Resumed ? "resumed and " : "")}completed for {r.From:yyyy-MM-dd}..{r.To:yyyy-MM-dd}: {r.LoansProcessed:N0} loans serviced, {r.Changes:N0} changes of bucket, class, stage or status, " +
            (r.AlertsRaised > 0 ? $"{r.AlertsRaised:N0} early-warning alerts raised, " : "") +
            (r.Tasks.Opened + r.Tasks.Escalated > 0 ? $"{r.Tasks.Opened:N0} inspection tasks opened ({r.Tasks.FromAlerts:N0} by alerts), {r.Tasks.Escalated:N0} overdue escalated, " : "") + $"in {r.Elapsed.TotalSeconds:0.0} s. " +
            (request.Partition is { IsWhole: false } ? $"This partition has reached {r.BusinessDate:yyyy-MM-dd}; the book's business date moves when every partition has." : $"Business date is now {r.BusinessDate:yyyy-MM-dd}."));
        return 0;
    }

    private static string Of(EndOfDayRequest request) => request.Partition is { IsWhole: false } p ? $" of partition {p}" : "";
}
