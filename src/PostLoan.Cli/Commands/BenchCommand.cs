using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using PostLoan.Application.Benchmarks;
using PostLoan.Cli.Output;
using PostLoan.Infrastructure.Persistence;
using PostLoan.Infrastructure.Security;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary>
/// <c>postloan bench eod</c>: the end-of-day benchmark (issue #4) on SQLite. It prints figures for
/// people and, with <c>--json</c>, one JSON object as its last line for scripts; it never fails on a speed.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var loans = new Option<int>("--loans") { Description = "loans in the book", Required = true };
        var seed = new Option<int>("--seed") { Description = "random seed of the generated book", DefaultValueFactory = _ => 20260101 };
        var json = new Option<bool>("--json") { Description = "also print the figures as one JSON object on the last line" };
        var partitions = new Option<int>("--partitions") { Description = "run end-of-day as N partitions side by side (eod --partition K/N), one connection and thread each", DefaultValueFactory = _ => 1 };
        var eod = new Command("eod", "Time a full end-of-day recompute, a daily run after it and the read/write floor on a generated book. " +
            "--db sqlite (the default: data/bench/eod-<loans>.db), --db postgres (database postloan_bench_<loans> on the server in " + PostgresServerVariable + "), " +
            "or any path, postgres:// URL or connection string; a book the bench made there before is reused")
        {
            loans, seed, json, partitions,
        };
        eod.SetAction(parse =>
        {
            if (parse.GetValue(loans) < 1 || parse.GetValue(partitions) is < 1 or > 64)
            {
                Console.Error.WriteLine("error: --loans must be at least 1 and --partitions between 1 and 64");
                return 2;
            }
            var options = new EndOfDayBenchmarkOptions(parse.GetValue(loans), parse.GetValue(seed), EndOfDayBenchmarkOptions.DefaultAsOf, Partitions: parse.GetValue(partitions));
            if (OpenBook(parse, options, "eod", $"[bold]End-of-day benchmark[/] on {{0}}: {options.Loans:N0} loans, {EndOfDayBenchmarkOptions.HistoryMonths} months of history, seed {options.Seed}" +
                    (options.Partitions > 1 ? $", end-of-day in {options.Partitions} partitions side by side." : ".")) is not var (context, database, book))
                return 1;
            var benchmark = new EndOfDayBenchmark(database, context.Servicing, context.Clock, new TerminalConsole());
            var result = benchmark.Run(options, book);
            Print(result);
            if (parse.GetValue(json)) Console.WriteLine(Json(result));
            return 0;
        });
        return new Command("bench", "Benchmarks that print figures (see bench/RESULTS.md)") { eod, Rules(), Score(), BenchApiCommand.Create() };
    }

    /// <summary><c>postloan bench rules</c>: what 50 active early-warning rules add to a daily end-of-day (issue #5).</summary>
    private static Command Rules()
    {
        var loans = new Option<int>("--loans") { Description = "loans in the book", Required = true };
        var seed = new Option<int>("--seed") { Description = "random seed of the generated book", DefaultValueFactory = _ => 20260101 };
        var json = new Option<bool>("--json") { Description = "also print the figures as one JSON object on the last line" };
        var command = new Command("rules", $"Time what {RuleBenchmark.Count} active early-warning rules add to a daily end-of-day, on a generated book with its monitoring data. " +
            "--db sqlite (the default: data/bench/rules-<loans>.db), --db postgres (database postloan_bench_rules_<loans> on the server in " + PostgresServerVariable + "), " +
            "or any path, postgres:// URL or connection string; a book the bench made there before is reused")
        {
            loans, seed, json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(loans) < 1)
            {
                Console.Error.WriteLine("error: --loans must be at least 1");
                return 2;
            }
            var options = new EndOfDayBenchmarkOptions(parse.GetValue(loans), parse.GetValue(seed), EndOfDayBenchmarkOptions.DefaultAsOf, Monitoring: true);
            if (OpenBook(parse, options, "rules", $"[bold]Early-warning benchmark[/] on {{0}}: {options.Loans:N0} loans with monitoring data, seed {options.Seed}, {RuleBenchmark.Count} rules.")
                is not var (context, database, book))
                return 1;
            var r = new RuleBenchmark(database, context.Servicing, context.Clock, new TerminalConsole()).Run(options, book);
            Console.WriteLine();
            PrintMachine(r.Machine);
            Console.WriteLine($"Book: {r.Book.Loans:N0} loans, {r.ActiveLoans:N0} active; {r.Rules} active rules reading {r.Features.Count} features: {string.Join(", ", r.Features)}.");
            var table = new Table().Border(TableBorder.Simple).AddColumns(new TableColumn("daily run"), new TableColumn("date"), new TableColumn("loans serviced").RightAligned(),
                new TableColumn("run seconds").RightAligned(), new TableColumn("alert phase seconds").RightAligned(), new TableColumn("alerts raised").RightAligned());
            foreach (var (label, f) in new[] { ("first, with the rules", r.First), ("next day", r.Second) })
                table.AddRow(label, Formats.Date(f.Date), f.LoansServiced.ToString("N0", Formats.Invariant), f.Wall.TotalSeconds.ToString("0.000", Formats.Invariant),
                    f.AlertPhase.TotalSeconds.ToString("0.000", Formats.Invariant), f.AlertsRaised.ToString("N0", Formats.Invariant));
            AnsiConsole.Write(table);
            Console.WriteLine($"The alert phase is what the rules add to end-of-day: features for {r.ActiveLoans:N0} loans, {r.Rules} rules evaluated over them, alerts written.");
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    loans = r.Book.Loans, active_loans = r.ActiveLoans, rules = r.Rules, features = r.Features.Count,
                    alert_phase_seconds = Math.Round(r.First.AlertPhase.TotalSeconds, 3), alerts_raised = r.First.AlertsRaised,
                    next_alert_phase_seconds = Math.Round(r.Second.AlertPhase.TotalSeconds, 3), next_alerts_raised = r.Second.AlertsRaised,
                }));
            return 0;
        });
        return command;
    }

    /// <summary><c>postloan bench score</c>: what scoring the book with the behaviour model adds to end-of-day (issue #6).</summary>
    private static Command Score()
    {
        var loans = new Option<int>("--loans") { Description = "loans in the book", Required = true };
        var seed = new Option<int>("--seed") { Description = "random seed of the generated book", DefaultValueFactory = _ => 20260101 };
        var json = new Option<bool>("--json") { Description = "also print the figures as one JSON object on the last line" };
        var command = new Command("score", "Time what scoring every active loan with the behaviour model adds to end-of-day, on the early-warning benchmark's book " +
            "(data/bench/rules-<loans>.db, made or reused as `bench rules` does; a model is trained and promoted there unless one is active)") { loans, seed, json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(loans) < 1)
            {
                Console.Error.WriteLine("error: --loans must be at least 1");
                return 2;
            }
            var options = new EndOfDayBenchmarkOptions(parse.GetValue(loans), parse.GetValue(seed), EndOfDayBenchmarkOptions.DefaultAsOf, Monitoring: true);
            if (OpenBook(parse, options, "rules", $"[bold]Scoring benchmark[/] on {{0}}: {options.Loans:N0} loans with monitoring data, seed {options.Seed}.")
                is not var (context, database, book))
                return 1;
            var r = new ScoreBenchmark(database, context.Servicing, context.Clock, new TerminalConsole()).Run(options, book);
            Console.WriteLine();
            PrintMachine(r.Machine);
            Console.WriteLine($"Book: {r.Book.Loans:N0} loans; behaviour model version {r.ModelVersion} reading {r.Variables} features"
                + (r.Training is { } t ? $", trained and promoted here in {t.TotalSeconds:0.0} s." : " (already active)."));
            var table = new Table().Border(TableBorder.Simple).AddColumns(new TableColumn("run"), new TableColumn("date"), new TableColumn("loans scored").RightAligned(),
                new TableColumn("phase s").RightAligned(), new TableColumn("features s").RightAligned(), new TableColumn("scoring s").RightAligned(), new TableColumn("rules s").RightAligned());
            string S(TimeSpan x) => x.TotalSeconds.ToString("0.000", Formats.Invariant);
            foreach (var f in r.Runs)
                table.AddRow(f.What, Formats.Date(f.Date), f.Scored == 0 ? "" : f.Scored.ToString("N0", Formats.Invariant), S(f.Phase), S(f.Features), S(f.Scoring), S(f.Rules));
            AnsiConsole.Write(table);
            Console.WriteLine("Scoring is the scores computed from the features, read against the stored ones and the changes written; features are the loans, their states and the features the model (and, in the daily run, the rules) read.");
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    loans = r.Book.Loans, model_version = r.ModelVersion,
                    runs = r.Runs.Select(f => new { what = f.What, scored = f.Scored, phase_seconds = Math.Round(f.Phase.TotalSeconds, 3),
                        features_seconds = Math.Round(f.Features.TotalSeconds, 3), scoring_seconds = Math.Round(f.Scoring.TotalSeconds, 3), rules_seconds = Math.Round(f.Rules.TotalSeconds, 3) }),
                }));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The bench's book: its own database by default (never the book in data/postloan.db or POSTLOAN_DB, since the
    /// bench replaces what it finds), migrated, with the book an earlier run made there or a new one.
    /// <paramref name="title"/> is printed with the database's description in place of <c>{0}</c>. Null when the
    /// database cannot be used; the reason is printed.
    /// </summary>
    private static (CliContext Context, DatabaseSettings Database, BenchmarkBook Book)? OpenBook(ParseResult parse, EndOfDayBenchmarkOptions options, string bench, string title)
    {
        var target = BenchDatabase(parse.GetValue(CommonOptions.Database), options.Loans, bench);
        if (target is null) return null;
        var context = new CliContext(target);
        var database = WithBenchKey(context.Database);
        var reuse = Prepare(database, options);
        if (reuse is null) return null;

        PrintMachine(MachineInfo.Current());
        database.Migrate();
        AnsiConsole.MarkupLine(string.Format(Formats.Invariant, title, Markup.Escape(database.Describe())));
        if (reuse.Value)
        {
            var reused = Book(database, options);
            Console.WriteLine($"Reusing the book of {reused.Loans:N0} loans made by an earlier bench run.");
            return (context, database, reused);
        }
        var book = new EndOfDayBenchmark(database, context.Servicing, context.Clock, new TerminalConsole())
            .CreateBook(options, Path.Combine(DatabaseMarker.FilesFolder(database), bench == "eod" ? $"bench-csv-{options.Loans}" : $"bench-csv-{bench}-{options.Loans}"));
        DatabaseMarker.Write(database, MarkerKind, Marker(options));
        return (context, database, book);
    }

    /// <summary>The figures issue #4 asks for, as one line.</summary>
    public static string Json(EndOfDayBenchmarkResult r) => JsonSerializer.Serialize(new
    {
        loans = r.Book.Loans,
        loans_per_second = Math.Round(r.LoansPerSecond, 1),
        wall_seconds = Math.Round(r.Full.TotalSeconds, 3),
        floor_seconds = Math.Round(r.Floor.Total.TotalSeconds, 3),
        daily_seconds = Math.Round(r.Daily.TotalSeconds, 3),
        peak_memory_mb = Math.Round(r.PeakMemoryMb, 1),
    });

    internal static void PrintMachine(MachineInfo m) =>
        Console.WriteLine($"Machine: {m.Cores} cores{(m.Cpu.Length > 0 ? $" ({m.Cpu})" : "")}, {m.MemoryGib:0.0} GiB memory, {m.Os}, {m.Runtime}.");

    private static void Print(EndOfDayBenchmarkResult r)
    {
        Console.WriteLine();
        PrintMachine(r.Machine);
        var table = new Table().Border(TableBorder.Simple).AddColumns(new TableColumn("phase"), new TableColumn("date(s)"), new TableColumn("loans").RightAligned(),
            new TableColumn("seconds").RightAligned(), new TableColumn("loans/s").RightAligned(), new TableColumn("note"));
        void Row(string phase, string dates, long? count, TimeSpan? time, string note = "") =>
            table.AddRow(phase, dates, count?.ToString("N0", Formats.Invariant) ?? "", time is { } t ? t.TotalSeconds.ToString("0.000", Formats.Invariant) : "",
                time is { } s && count is > 0 ? (count.Value / Math.Max(s.TotalSeconds, 1e-9)).ToString("N0", Formats.Invariant) : "", Markup.Escape(note));
        var b = r.Book;
        Row("generation", "", b.Loans, b.Generation, b.Reused ? "reused" : $"CSV {b.Generate!.Value.TotalSeconds:0.0} s + import {b.Import!.Value.TotalSeconds:0.0} s; {b.Borrowers:N0} borrowers, {b.Transactions:N0} transactions; peak {b.GenerationPeakMemoryMb:N0} MB");
        Row("history catch-up", r.HistoryThrough is { } h ? $"..{h:yyyy-MM-dd}" : "", null, r.HistoryCatchUp, r.HistoryCatchUp is null ? "reused book: skipped"
            : $"builds the history from the first disbursement; peak {r.HistoryCatchUpPeakMemoryMb:N0} MB");
        Row("full run", Formats.Date(r.FullDate), r.FullLoans, r.Full, $"{r.FullChanges:N0} changes" + (r.Partitions > 1 ? $"; {r.Partitions} partitions, the phases below add up their times" : ""));
        var f = r.FullBreakdown;
        Row("  candidates", "", null, f.Candidates);
        Row("  load chunks", "", null, f.Load, "EndOfDayStore.LoadChunk, on a thread ahead of the servicing");
        Row("  wait for reads", "", null, f.WaitForRead, "the part of the reads the servicing thread waited for");
        Row("  prepare facts", "", null, f.Prepare, "rows to LoanFacts, grouping");
        Row("  replay", "", null, f.Replay, "BorrowerServicing.Service");
        Row("  write chunks", "", null, f.Write, $"{f.StatesWritten:N0} states, {f.ChangesWritten:N0} changes, {f.SnapshotsWritten:N0} snapshots, on a thread behind the servicing");
        Row("  wait for writes", "", null, f.WaitForWrite, "the part of the writes the servicing thread waited for");
        Row("  snapshots", "", null, f.Snapshots, "month-end snapshots of untouched loans");
        if (r.Partitions == 1)
            Row("  other", "", null, r.Full - f.Candidates - f.WaitForRead - f.Prepare - f.Replay - f.WaitForWrite - f.Snapshots, "run bookkeeping, completion, audit");
        Row("daily run", Formats.Date(r.DailyDate), r.DailyLoans, r.Daily);
        Row("floor", Formats.Date(r.FullDate), r.Floor.Loans, r.Floor.Total, $"read {r.Floor.Read.TotalSeconds:0.000} s + write {r.Floor.Write.TotalSeconds:0.000} s (rolled back){(r.Floor.Wall is null ? "" : $"; {r.Partitions} partitions side by side, their times added")}");
        AnsiConsole.Write(table);
        Console.WriteLine($"Full run: {r.LoansPerSecond:N0} loans/s, {r.Full.TotalSeconds / Math.Max(r.Floor.Total.TotalSeconds, 1e-9):0.0}× the floor; " +
            $"allocated {r.FullAllocatedBytes / (1024.0 * 1024):N0} MB, {r.FullGen2Collections} gen2 collections.");
        Console.WriteLine($"Peak memory: {r.PeakMemoryMb:N0} MB (peak working set{(r.PeakMemoryIsEndOfDayOnly ? " of the full and daily runs and the floor, reset before them: not generation, import or the catch-up" : " of the whole process")}).");
    }

    private const string MarkerKind = "bench";

    /// <summary>
    /// The bench's books are made up: on a server with no data key set, they use a fixed key of their own
    /// (the same for <c>bench eod</c>, which writes them, and <c>bench api</c>, which reads them).
    /// </summary>
    internal static DatabaseSettings WithBenchKey(DatabaseSettings database) =>
        database.Encryption.IsMissing ? database with { Encryption = FieldEncryption.FromKey(SHA256.HashData("postloan bench book"u8)) } : database;

    /// <summary>The PostgreSQL server <c>--db postgres</c> uses (a connection string or postgres:// URL; the bench makes its own database there).</summary>
    public const string PostgresServerVariable = "POSTLOAN_BENCH_POSTGRES";

    /// <summary>Resolves <c>--db</c>: the words sqlite and postgres, or a path, URL or connection string taken as it is.</summary>
    private static string? BenchDatabase(string? option, int loans, string bench = "eod")
    {
        switch (option?.Trim().ToLowerInvariant())
        {
            case null or "" or "sqlite":
                return $"data/bench/{bench}-{loans}.db";
            case "postgres" or "postgresql":
                var server = Environment.GetEnvironmentVariable(PostgresServerVariable);
                if (string.IsNullOrWhiteSpace(server))
                {
                    Console.Error.WriteLine($"error: --db postgres needs a PostgreSQL server in {PostgresServerVariable} (a connection string or postgres:// URL); " +
                        "scripts/postgres-throwaway.sh start prints one for a throwaway server on this machine");
                    return null;
                }
                var settings = DatabaseSettings.From(server);
                return new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = bench == "eod" ? $"postloan_bench_{loans}" : $"postloan_bench_{bench}_{loans}" }.ToString();
            default:
                return option;
        }
    }

    /// <summary>
    /// True to reuse the bench's book already in the database, false to build a fresh one (removing
    /// what the bench made before), null when the database holds a book the bench did not make.
    /// </summary>
    private static bool? Prepare(DatabaseSettings database, EndOfDayBenchmarkOptions options)
    {
        if (DatabaseMarker.Exists(database))
        {
            var marker = DatabaseMarker.Read(database, MarkerKind);
            if (marker == Marker(options) && Count(database, "SELECT COUNT(*) FROM loans") == options.Loans
                && Count(database, "SELECT COUNT(*) FROM end_of_day_runs WHERE completed_at IS NULL") == 0)
                return true;
            if (marker is null && Count(database, "SELECT COUNT(*) FROM borrowers") > 0)
            {
                Console.Error.WriteLine($"error: {database.Describe()} holds a loan book the bench did not make; give the bench another --db.");
                return null;
            }
        }
        DatabaseMarker.Drop(database, MarkerKind);
        return false;
    }

    private static string Marker(EndOfDayBenchmarkOptions o) =>
        $"Made by `postloan bench eod`; replaced by the next bench run on another size or seed.\nloans={o.Loans} seed={o.Seed} as_of={Formats.Date(o.AsOf)} months={EndOfDayBenchmarkOptions.HistoryMonths}{(o.Monitoring ? " monitoring" : "")}\n";

    private static BenchmarkBook Book(DatabaseSettings database, EndOfDayBenchmarkOptions options) => new(
        options.Loans, (int)Count(database, "SELECT COUNT(*) FROM borrowers"), Count(database, "SELECT COUNT(*) FROM transactions"), Reused: true, null, null, 0);

    private static long Count(DatabaseSettings database, string sql) => DatabaseMarker.CountOrZero(database, sql);

    /// <summary>The benchmark's phases on the terminal, with the command line's progress display.</summary>
    private sealed class TerminalConsole : IBenchmarkConsole
    {
        public T Phase<T>(string title, Func<Action<long, long, string>, T> work) => ConsoleProgress.Run(title, work);

        public void Line(string text) => Console.WriteLine(text);
    }
}
