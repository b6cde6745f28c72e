using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using PostLoan.Application.Common;
using PostLoan.Application.Configuration;
using PostLoan.Application.Demo;
using PostLoan.Application.EndOfDay;
using PostLoan.Application.Import;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.EndOfDay;
using PostLoan.Infrastructure.Import;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Benchmarks;

/// <summary>What the benchmark runs on: a demo book of <paramref name="Loans"/> loans over 24 months up to <paramref name="AsOf"/>.</summary>
/// <param name="Partitions">End-of-day runs as this many partitions side by side (<see cref="EodPartition"/>), each on its own connection and thread.</param>
/// <param name="Monitoring">Generate and import the book's monitoring data too (the early-warning benchmark reads it).</param>
public sealed record EndOfDayBenchmarkOptions(int Loans, int Seed, DateOnly AsOf, int? ChunkSize = null, int Partitions = 1, bool Monitoring = false)
{
    public const int HistoryMonths = 24;

    /// <summary>A fixed business date, so the same size and seed give the same book; not a month end, so neither timed run writes month-end snapshots.</summary>
    public static readonly DateOnly DefaultAsOf = new(2025, 6, 10);

    /// <summary>The demo book; without its monitoring data unless asked, since servicing does not read it.</summary>
    public DemoBookOptions Book => new(Loans, HistoryMonths, Seed, AsOf, Monitoring);
}

/// <summary>Where the benchmark shows its phases: long work with a progress reporter (done, total, status), and plain lines.</summary>
public interface IBenchmarkConsole
{
    T Phase<T>(string title, Func<Action<long, long, string>, T> work);

    void Line(string text);
}

/// <summary>The machine the figures were taken on.</summary>
public sealed record MachineInfo(int Cores, string Cpu, double MemoryGib, string Os, string Runtime)
{
    public static MachineInfo Current()
    {
        var cpu = "";
        if (File.Exists("/proc/cpuinfo"))
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        return new MachineInfo(Environment.ProcessorCount, cpu, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024),
            RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }
}

/// <summary>The book: generated and imported (with the time each took), or reused as found.</summary>
public sealed record BenchmarkBook(int Loans, int Borrowers, long Transactions, bool Reused, TimeSpan? Generate, TimeSpan? Import, double GenerationPeakMemoryMb)
{
    public TimeSpan? Generation => Generate + Import;
}

/// <summary>The floor: reading the full run's inputs and writing as many states, rolled back, with no replay.</summary>
/// <remarks>With partitions side by side, <see cref="Read"/> and <see cref="Write"/> add up the partitions' times and <see cref="Wall"/> is the elapsed time.</remarks>
public sealed record FloorFigures(TimeSpan Read, TimeSpan Write, int Loans, TimeSpan? Wall = null)
{
    public TimeSpan Total => Wall ?? Read + Write;
}

/// <summary>One benchmark's figures; times are wall-clock.</summary>
public sealed record EndOfDayBenchmarkResult(
    MachineInfo Machine,
    BenchmarkBook Book,
    DateOnly? HistoryThrough,
    TimeSpan? HistoryCatchUp,
    DateOnly FullDate,
    int FullLoans,
    int FullChanges,
    TimeSpan Full,
    EndOfDayTimings FullBreakdown,
    long FullAllocatedBytes,
    int FullGen2Collections,
    DateOnly DailyDate,
    int DailyLoans,
    TimeSpan Daily,
    FloorFigures Floor,
    double PeakMemoryMb,
    bool PeakMemoryIsEndOfDayOnly,
    int Partitions = 1,
    double? HistoryCatchUpPeakMemoryMb = null)
{
    /// <summary>Loans the full run serviced (every loan not closed) per second of its wall time.</summary>
    public double LoansPerSecond => FullLoans / Math.Max(Full.TotalSeconds, 1e-9);
}

/// <summary>
/// The end-of-day benchmark on SQLite (issue #4): builds or reuses a realistic book, brings it to a
/// business date with one catch-up, then times a full recompute of every loan, one ordinary daily
/// run after it, and the floor — the same store reading the full run's inputs and writing as many
/// states (in transactions rolled back) without the replay. It prints figures; nothing here asserts a speed.
/// </summary>
public sealed class EndOfDayBenchmark(DatabaseSettings database, ServicingSettings settings, TimeProvider clock, IBenchmarkConsole console)
{
    public const string Actor = "job:bench";

    /// <summary>Generates the demo book as CSV in <paramref name="csvFolder"/>, imports it as a core system's files would be, and removes the CSV.</summary>
    public BenchmarkBook CreateBook(EndOfDayBenchmarkOptions options, string csvFolder)
    {
        var started = Stopwatch.GetTimestamp();
        var files = console.Phase("generate book", report =>
            new DemoBookGenerator(options.Book).WriteTo(csvFolder, new InlineProgress(n => report(n, options.Loans, $"{n:N0} loans"))));
        var generate = Stopwatch.GetElapsedTime(started);
        console.Line($"Generated {files.BorrowerCount:N0} borrowers, {files.LoanCount:N0} loans and {files.TransactionCount:N0} transactions in {generate.TotalSeconds:0.0} s.");

        started = Stopwatch.GetTimestamp();
        var import = new ImportService(database, clock);
        foreach (var (kind, path) in files.InImportOrder)
        {
            var name = kind.Name();
            var result = console.Phase($"import {name}", report => import.Import(kind, path, progress: new InlineProgress(rows => report(rows, rows, $"{rows:N0} rows")), actor: Actor));
            if (!result.Succeeded)
                throw new InvalidOperationException($"the generated {name} file did not import: {string.Join("; ", result.Problems.Take(3).Select(p => $"row {p.Row} {p.Column}: {p.Cause}"))}");
        }
        var imported = Stopwatch.GetElapsedTime(started);
        console.Line($"Imported the book in {imported.TotalSeconds:0.0} s.");
        Directory.Delete(csvFolder, recursive: true);
        return new BenchmarkBook(files.LoanCount, files.BorrowerCount, files.TransactionCount, Reused: false, generate, imported, PeakWorkingSetMb());
    }

    /// <summary>Runs the timed phases on a book already in the database.</summary>
    public EndOfDayBenchmarkResult Run(EndOfDayBenchmarkOptions options, BenchmarkBook book)
    {
        // Generation and import hold the whole book as text; release it and restart the peak so the
        // peak reported is end-of-day's own (Linux: writing 5 to clear_refs resets the peak RSS).
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var peakReset = ResetPeakWorkingSet();

        var eod = new EndOfDayService(database, settings, clock);
        DateOnly? historyThrough = null;
        TimeSpan? catchUp = null;
        var business = eod.BusinessDate();
        var partitions = Math.Max(1, options.Partitions);
        double? catchUpPeak = null;
        if (business is null)
        {
            catchUp = Time(() => RunEndOfDay(null, "history catch-up", new EndOfDayRequest(Through: options.AsOf, ChunkSize: options.ChunkSize), partitions), out _);
            business = historyThrough = options.AsOf;
            // The catch-up only sets the book up; its peak is reported on its own, and the timed runs' peak starts after it.
            catchUpPeak = PeakWorkingSetMb();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            peakReset = ResetPeakWorkingSet();
        }
        else
        {
            console.Line($"Reusing the book at business date {business:yyyy-MM-dd}: no catch-up.");
        }

        // The setup's bulk writes (import, catch-up, or the last bench's runs) are vacuumed now rather than by an
        // autovacuum pass during the timed runs.
        console.Phase("settle", _ => { database.SettleAfterBulkLoad(); return 0; });
        var fullDate = business.Value.AddDays(1);
        var timings = new EndOfDayTimings();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen2 = GC.CollectionCount(2);
        var fullTime = Time(() => RunEndOfDay(timings, "full run", new EndOfDayRequest(Date: fullDate, Full: true, ChunkSize: options.ChunkSize), partitions), out var full);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        gen2 = GC.CollectionCount(2) - gen2;

        var dailyDate = fullDate.AddDays(1);
        var dailyTime = Time(() => RunEndOfDay(null, "daily run", new EndOfDayRequest(Date: dailyDate, ChunkSize: options.ChunkSize), partitions), out var daily);
        var peak = PeakWorkingSetMb();

        var floor = console.Phase("floor", report => MeasureFloor(fullDate, options.ChunkSize ?? EndOfDayRequest.ChunkSizeFor(full: true, fullDate, fullDate), partitions, report));
        return new EndOfDayBenchmarkResult(MachineInfo.Current(), book, historyThrough, catchUp, fullDate, full.LoansProcessed, full.Changes, fullTime, timings,
            allocated, gen2, dailyDate, daily.LoansProcessed, dailyTime, floor, peak, peakReset, partitions, catchUpPeak);
    }

    /// <summary>Runs end-of-day as one run, or as <paramref name="partitions"/> partition runs side by side whose figures add up.</summary>
    private EndOfDayResult RunEndOfDay(EndOfDayTimings? timings, string title, EndOfDayRequest request, int partitions)
    {
        var done = new int[partitions];
        var total = new int[partitions];
        var loans = new int[partitions];
        var result = console.Phase(title, report =>
        {
            var gate = new object();
            var runs = new Result<EndOfDayResult>[partitions];
            Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, k =>
            {
                var service = new EndOfDayService(database, settings, clock) { Timings = timings };
                var part = partitions == 1 ? request : request with { Partition = new EodPartition(k + 1, partitions) };
                runs[k] = service.Run(part, p =>
                {
                    lock (gate)
                    {
                        (done[k], total[k], loans[k]) = (p.BorrowersDone, p.BorrowersTotal, p.LoansDone);
                        report(done.Sum(), total.Sum(), $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}{(partitions > 1 ? $" in {partitions} partitions" : $" chunk {p.Chunk}/{p.Chunks}")}, {loans.Sum():N0} loans");
                    }
                });
            });
            if (runs.Any(r => !r.Succeeded)) return runs.First(r => !r.Succeeded);
            var values = runs.Select(r => r.Value!).ToList();
            return Result<EndOfDayResult>.Ok(values[0] with
            {
                LoansProcessed = values.Sum(v => v.LoansProcessed),
                Changes = values.Sum(v => v.Changes),
                Elapsed = values.Max(v => v.Elapsed),
            });
        });
        if (!result.Succeeded) throw new InvalidOperationException($"{title}: {result.Failure!.Message}");
        console.Line($"{char.ToUpperInvariant(title[0])}{title[1..]} {result.Value!.From:yyyy-MM-dd}..{result.Value.To:yyyy-MM-dd}{(partitions > 1 ? $" in {partitions} partitions" : "")}: " +
            $"{result.Value.LoansProcessed:N0} loans, {result.Value.Changes:N0} changes, {result.Value.Elapsed.TotalSeconds:0.00} s.");
        return result.Value;
    }

    /// <summary>
    /// What the full run cannot go below on this store: the same candidate query and chunk reads,
    /// and a write of one state per loan read, through the same prepared statements, each chunk in
    /// a transaction that is rolled back (so the book is unchanged, and the commit's WAL append is
    /// not counted). Building the stand-in states is not timed.
    /// </summary>
    private FloorFigures MeasureFloor(DateOnly date, int chunkSize, int partitions, Action<long, long, string> report)
    {
        if (partitions == 1) return MeasureFloor(date, chunkSize, EodPartition.Whole, report);
        var started = Stopwatch.GetTimestamp();
        var done = new long[partitions];
        var total = new long[partitions];
        var gate = new object();
        var parts = new FloorFigures[partitions];
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, k =>
            parts[k] = MeasureFloor(date, chunkSize, new EodPartition(k + 1, partitions), (d, t, _) =>
            {
                lock (gate)
                {
                    (done[k], total[k]) = (d, t);
                    report(done.Sum(), total.Sum(), $"in {partitions} partitions");
                }
            }));
        return new FloorFigures(TimeSpan.FromTicks(parts.Sum(p => p.Read.Ticks)), TimeSpan.FromTicks(parts.Sum(p => p.Write.Ticks)),
            parts.Sum(p => p.Loans), Stopwatch.GetElapsedTime(started));
    }

    private FloorFigures MeasureFloor(DateOnly date, int chunkSize, EodPartition partition, Action<long, long, string> report)
    {
        using var store = new EndOfDayStore(database);
        long read = 0, write = 0;
        var mark = Stopwatch.GetTimestamp();
        var borrowers = store.CandidateBorrowers(date, full: true, afterBorrowerId: 0, partition);
        read += Stopwatch.GetTimestamp() - mark;
        var output = new ServicingOutput();
        var loans = 0;
        for (var start = 0; start < borrowers.Count; start += chunkSize)
        {
            var ids = borrowers.GetRange(start, Math.Min(chunkSize, borrowers.Count - start));
            mark = Stopwatch.GetTimestamp();
            var input = store.LoadChunk(ids, date);
            read += Stopwatch.GetTimestamp() - mark;

            output.Clear();
            var loanIds = new List<long>(input.Loans.Count);
            foreach (var row in input.Loans)
            {
                if (row.Method == RepaymentMethod.Custom && !input.CustomSchedules.ContainsKey(row.LoanId)) continue;
                output.States.Add(StandIn(row, date));
                loanIds.Add(row.LoanId);
            }
            mark = Stopwatch.GetTimestamp();
            store.WriteChunkRolledBack(input, output, loanIds);
            write += Stopwatch.GetTimestamp() - mark;
            loans += loanIds.Count;
            report(start + ids.Count, borrowers.Count, $"{loans:N0} loans read and written");
        }
        return new FloorFigures(Seconds(read), Seconds(write), loans);
    }

    /// <summary>A performing loan's state of the usual width, standing in for the replay's result.</summary>
    private static LoanState StandIn(LoanRow row, DateOnly date) => new()
    {
        LoanId = row.LoanId,
        AsOf = date,
        Status = LoanStatus.Active,
        StatusSince = row.DisbursedOn,
        OutstandingPrincipal = row.Principal,
        Bucket = Bucket.C,
        NextDueDate = date.AddMonths(1),
        NextDueAmount = Math.Round(row.Principal / Math.Max(row.TermMonths, 1), 2),
        RiskClass = RiskClass.Normal,
        ClassRule = "dpd",
        ClassReason = "DPD 0",
        Stage = Ifrs9Stage.Stage1,
        StageReason = "performing",
        Provision = Math.Round(row.Principal * 0.01m, 2),
        NextReviewOn = date.AddMonths(1),
    };

    private static TimeSpan Time<T>(Func<T> work, out T result)
    {
        var started = Stopwatch.GetTimestamp();
        result = work();
        return Stopwatch.GetElapsedTime(started);
    }

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);

    private static double PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024);
    }

    private static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // not Linux, or not allowed: the peak then includes building the book
        }
    }

    /// <summary>Reports on the calling thread, in order.</summary>
    private sealed class InlineProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
