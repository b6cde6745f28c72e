using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PostLoan.Application.Benchmarks;
using PostLoan.Cli.Output;
using PostLoan.Infrastructure.Identity;
using PostLoan.Infrastructure.Persistence;
using PostLoan.Web;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary>
/// <c>postloan bench api</c>: the loan list and loan detail under load (issue #4). It serves the real
/// web host on loopback over a serviced book and drives it with closed-loop clients, printing the
/// latency percentiles; it fails on errors, never on a speed.
/// </summary>
public static class BenchApiCommand
{
    /// <summary>Loan ids read for the detail requests: enough that the detail reads are spread over the book.</summary>
    private const int DetailSample = 20_000;

    private const int FirstPages = 5;
    private const int WalkPages = 200;

    public static Command Create()
    {
        var clients = new Option<int>("--clients") { Description = "concurrent clients, each sending its next request when the last one answers", DefaultValueFactory = _ => 16 };
        var seconds = new Option<int>("--seconds") { Description = "how long to measure", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup-seconds") { Description = "load before measuring, whose requests are not counted", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "also print the figures as one JSON object on the last line" };
        var api = new Command("api", "Serve the web API on loopback over an existing serviced book (--db, e.g. data/bench/eod-1000000.db made by `bench eod`) " +
            "and time the loan list (filtered, paged) and loan detail under concurrent clients: p50/p95/p99")
        {
            clients, seconds, warmup, json,
        };
        api.SetAction(parse =>
        {
            var options = new Options(parse.GetValue(clients), parse.GetValue(seconds), parse.GetValue(warmup));
            if (options.Clients < 1 || options.Seconds < 1 || options.WarmupSeconds < 0)
            {
                Console.Error.WriteLine("error: --clients and --seconds must be at least 1, --warmup-seconds at least 0");
                return 2;
            }
            return Run(CommonOptions.Context(parse), options, CommonOptions.ActorOf(parse), parse.GetValue(json)).GetAwaiter().GetResult();
        });
        return api;
    }

    private sealed record Options(int Clients, int Seconds, int WarmupSeconds);

    /// <summary>One rotating loan-list query: its filters and sort as a query string, its page size, and how many loans it finds.</summary>
    private sealed record ListQuery(string Query, int PageSize)
    {
        public int Total { get; set; }
        public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    /// <summary>What one client measured; each client has its own, so recording takes no lock.</summary>
    private sealed class ClientFigures
    {
        public readonly List<double> List = [];
        public readonly List<double> Detail = [];
        public readonly List<(int Query, double Ms)> ByQuery = [];
        public int ListErrors;
        public int DetailErrors;
        public string? FirstError;
    }

    private static async Task<int> Run(CliContext context, Options options, string actor, bool json)
    {
        var book = ReadBook(context.Database);
        if (book.Error is { } refused)
        {
            Console.Error.WriteLine($"error: {refused}");
            return 2;
        }
        var database = BenchCommand.WithBenchKey(context.MigratedDatabase());
        var loanIds = Sample(database, book.Loans);
        var queries = ListQueries(database);

        BenchCommand.PrintMachine(MachineInfo.Current());
        AnsiConsole.MarkupLine($"[bold]API benchmark[/] on {Markup.Escape(database.Describe())}: {book.Loans:N0} loans, business date {book.BusinessDate}; " +
            $"{options.Clients} client{(options.Clients == 1 ? "" : "s")} in a closed loop for {options.Seconds} s after {options.WarmupSeconds} s of warm-up, server and clients in this process on loopback.");

        // A throwaway client with a bank-wide scope, through the same code as `postloan users apikey add`; the key lives only in this process.
        var clientName = $"bench-api-{context.Clock.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        string? key = null;
        var created = UsersCommand.WithAdmin(context, admin =>
        {
            var result = admin.AddApiClient(clientName, Roles.RiskOfficer, actor).GetAwaiter().GetResult();
            if (!result.Succeeded) Console.Error.WriteLine($"error: could not create the API client: {result.Failure!.Message}");
            key = result.Value;
            return result.Succeeded ? 0 : 1;
        });
        if (created != 0 || key is null) return 1;
        Console.WriteLine($"Created API client '{clientName}' ({Roles.RiskOfficer}, whole bank) for this run. Its key is never printed, and the client is revoked when the run ends.");

        var app = PostLoanWeb.Build(new WebOptions(database, context.Servicing, "http://127.0.0.1:0", context.Clock));
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Urls.First());
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, UseCookies = false })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromMinutes(5), // slow is measured, not an error; only no answer at all is
            };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            Console.WriteLine($"Serving on {address}. Counting the result of {queries.Count} list queries (to page within them)…");
            // The first page of a filter and sort after the book changes orders its whole result, which the web host then remembers.
            var firstPages = new List<(string Query, double Ms)>();
            foreach (var query in queries)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync($"/api/loans?{query.Query}&page=1&pageSize=1");
                firstPages.Add((query.Query, Stopwatch.GetElapsedTime(sent).TotalMilliseconds));
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"error: GET /api/loans?{query.Query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    return 1;
                }
                query.Total = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
            }

            var slowest = firstPages.MaxBy(f => f.Ms);
            Console.WriteLine($"First pages (each orders its whole result once): {firstPages.Sum(f => f.Ms) / 1000:N1} s for all, median {LatencySummary.Of(firstPages.Select(f => f.Ms)).P50Ms:N0} ms, " +
                $"slowest {slowest.Ms:N0} ms ({(slowest.Query.Length == 0 ? "no filter" : slowest.Query)}).");
            Console.WriteLine($"Warming up {options.WarmupSeconds} s, then measuring {options.Seconds} s…");
            var figures = await Load(http, options, queries, loanIds);
            var list = LatencySummary.Of(figures.SelectMany(f => f.List));
            var detail = LatencySummary.Of(figures.SelectMany(f => f.Detail));
            var listErrors = figures.Sum(f => f.ListErrors);
            var detailErrors = figures.Sum(f => f.DetailErrors);

            Console.WriteLine();
            BenchCommand.PrintMachine(MachineInfo.Current());
            Print(list, detail, listErrors, detailErrors, options.Seconds);
            PrintByQuery(queries, figures);
            if (figures.Select(f => f.FirstError).FirstOrDefault(e => e is not null) is { } first)
                Console.WriteLine($"First error: {first}");
            Console.WriteLine($"Target p95 under 50 ms: list {Verdict(list)}, detail {Verdict(detail)}.");
            if (json) Console.WriteLine(Json(options, list, detail, listErrors + detailErrors));
            return listErrors + detailErrors > 0 ? 1 : 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            UsersCommand.WithAdmin(context, admin =>
            {
                var revoked = admin.RevokeApiClient(clientName, actor).GetAwaiter().GetResult();
                if (!revoked.Succeeded) Console.Error.WriteLine($"warning: could not revoke the API client '{clientName}': {revoked.Failure!.Message}");
                return 0;
            });
        }
    }

    /// <summary>
    /// The closed loop: every client sends a request, waits for the whole answer, and sends the next,
    /// half of them list pages and half loan details, until the warm-up and the measured seconds have
    /// passed. A request counts when it started after the warm-up.
    /// </summary>
    private static async Task<ClientFigures[]> Load(HttpClient http, Options options, IReadOnlyList<ListQuery> queries, string[] loanIds)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + options.WarmupSeconds * Stopwatch.Frequency;
        var end = measureFrom + options.Seconds * Stopwatch.Frequency;
        var figures = Enumerable.Range(0, options.Clients).Select(_ => new ClientFigures()).ToArray();

        async Task Client(int index)
        {
            var random = new Random(1000 + index); // the same requests in the same order on every run
            var mine = figures[index];
            (int Query, string? Next, int Pages) walk = (0, null, 0); // Pages 0: no walk under way
            while (Stopwatch.GetTimestamp() is var started && started < end)
            {
                var isList = random.Next(2) == 0;
                var queryIndex = -1;
                var walking = false;
                string url;
                if (isList && random.Next(2) == 0)
                {
                    // Half the list requests open one of the first pages by number, as people do.
                    queryIndex = random.Next(queries.Count);
                    var query = queries[queryIndex];
                    url = $"/api/loans?{query.Query}&page={random.Next(1, Math.Min(query.Pages, FirstPages) + 1)}&pageSize={query.PageSize}";
                }
                else if (isList)
                {
                    // The other half page on through one filter's result by its 'next' cursor, as an export or
                    // someone reading on does, and start another filter after WalkPages pages or at the end.
                    walking = true;
                    if (walk.Pages == 0) walk = (random.Next(queries.Count), null, 0);
                    queryIndex = walk.Query;
                    var query = queries[queryIndex];
                    url = $"/api/loans?{query.Query}&pageSize={query.PageSize}" + (walk.Next is null ? "" : "&after=" + Uri.EscapeDataString(walk.Next));
                }
                else
                {
                    url = "/api/loans/" + Uri.EscapeDataString(loanIds[random.Next(loanIds.Length)]);
                }

                var ok = false;
                string? error = null;
                try
                {
                    using var response = await http.GetAsync(url); // buffers the whole body before it returns
                    ok = response.IsSuccessStatusCode;
                    if (!ok) error = $"GET {url} answered {(int)response.StatusCode}";
                    if (walking)
                    {
                        var next = ok ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString() : null;
                        walk = next is null || walk.Pages + 1 >= WalkPages ? (0, null, 0) : (walk.Query, next, walk.Pages + 1);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    error = $"GET {url} failed: {e.Message}";
                }
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (started < measureFrom) continue;

                if (isList)
                {
                    mine.List.Add(ms);
                    mine.ByQuery.Add((queryIndex, ms));
                    if (!ok) mine.ListErrors++;
                }
                else
                {
                    mine.Detail.Add(ms);
                    if (!ok) mine.DetailErrors++;
                }
                mine.FirstError ??= error;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => Task.Run(() => Client(i))));
        return figures;
    }

    private static void Print(LatencySummary list, LatencySummary detail, int listErrors, int detailErrors, int seconds)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns(new TableColumn("endpoint"), new TableColumn("requests").RightAligned(),
            new TableColumn("requests/s").RightAligned(), new TableColumn("p50 ms").RightAligned(), new TableColumn("p95 ms").RightAligned(),
            new TableColumn("p99 ms").RightAligned(), new TableColumn("max ms").RightAligned(), new TableColumn("errors").RightAligned());
        void Row(string name, LatencySummary s, int errors) => table.AddRow(Markup.Escape(name), s.Count.ToString("N0", Formats.Invariant),
            Math.Round(s.Count / (double)seconds, 1).ToString("N1", Formats.Invariant), Ms(s.P50Ms), Ms(s.P95Ms), Ms(s.P99Ms), Ms(s.MaxMs), errors.ToString("N0", Formats.Invariant));
        Row("list  GET /api/loans?…", list, listErrors);
        Row("detail GET /api/loans/{id}", detail, detailErrors);
        AnsiConsole.Write(table);
        Console.WriteLine($"Errors (answers other than 2xx, or no answer): {listErrors + detailErrors:N0}.");
    }

    /// <summary>The list's latency by query, to show which filters are slow.</summary>
    private static void PrintByQuery(IReadOnlyList<ListQuery> queries, ClientFigures[] figures)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns(new TableColumn("list query"), new TableColumn("loans found").RightAligned(),
            new TableColumn("page size").RightAligned(), new TableColumn("requests").RightAligned(), new TableColumn("p50 ms").RightAligned(), new TableColumn("p95 ms").RightAligned());
        var byQuery = figures.SelectMany(f => f.ByQuery).ToLookup(x => x.Query, x => x.Ms);
        for (var i = 0; i < queries.Count; i++)
        {
            var s = LatencySummary.Of(byQuery[i]);
            table.AddRow(Markup.Escape(queries[i].Query.Length > 0 ? queries[i].Query : "(no filter)"), queries[i].Total.ToString("N0", Formats.Invariant),
                queries[i].PageSize.ToString(Formats.Invariant), s.Count.ToString("N0", Formats.Invariant), Ms(s.P50Ms), Ms(s.P95Ms));
        }
        AnsiConsole.Write(table);
    }

    private static string Ms(double ms) => ms.ToString("0.0", Formats.Invariant);

    private static string Verdict(LatencySummary s) => s.Count == 0 ? "not measured" : s.P95Ms < 50 ? $"met ({Ms(s.P95Ms)} ms)" : $"NOT met ({Ms(s.P95Ms)} ms)";

    /// <summary>The figures issue #4 asks for, as one line.</summary>
    private static string Json(Options options, LatencySummary list, LatencySummary detail, int errors)
    {
        object Kind(LatencySummary s) => new
        {
            requests = s.Count,
            requests_per_second = Math.Round(s.Count / (double)options.Seconds, 1),
            p50_ms = Math.Round(s.P50Ms, 2),
            p95_ms = Math.Round(s.P95Ms, 2),
            p99_ms = Math.Round(s.P99Ms, 2),
            max_ms = Math.Round(s.MaxMs, 2),
        };
        return JsonSerializer.Serialize(new { clients = options.Clients, seconds = options.Seconds, list = Kind(list), detail = Kind(detail), errors });
    }

    private sealed record Book(long Loans, string BusinessDate, string? Error);

    /// <summary>The book to run on, read before anything is created or migrated; an error when there is none or it was never serviced.</summary>
    private static Book ReadBook(DatabaseSettings database)
    {
        const string hint = "make one first, e.g. `./postloan bench eod --loans 1000000`, then give `--db data/bench/eod-1000000.db`";
        if (!DatabaseMarker.Exists(database)) return new Book(0, "", $"no database found ({database.Describe()}); {hint}.");
        try
        {
            using var connection = database.OpenConnection();
            var loans = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM loans"), Formats.Invariant);
            if (loans == 0) return new Book(0, "", $"{database.Describe()} holds no loans; {hint}.");
            var date = Scalar(connection, "SELECT MAX(to_date) FROM end_of_day_runs WHERE completed_at IS NOT NULL");
            if (date is null or DBNull)
                return new Book(loans, "", $"end-of-day has not run on {database.Describe()}, so its loans have no servicing state; run `./postloan eod --through <date>` first.");
            var business = date switch
            {
                DateOnly d => Formats.Date(d),
                DateTime t => Formats.Date(DateOnly.FromDateTime(t)),
                _ => Convert.ToString(date, Formats.Invariant)!, // SQLite keeps dates as ISO text
            };
            return new Book(loans, business, null);
        }
        catch (DbException e)
        {
            return new Book(0, "", $"{database.Describe()} does not hold a PostLoan book ({e.Message}); {hint}.");
        }
    }

    /// <summary>External ids of loans spread evenly over the book, by a plain query.</summary>
    private static string[] Sample(DatabaseSettings database, long loans)
    {
        var step = Math.Max(1, loans / DetailSample);
        var ids = Strings(database, $"SELECT external_id FROM loans WHERE id % {step} = 0 ORDER BY id");
        // Ids with gaps that miss every multiple of the step: the first loans will do.
        return [.. ids.Count > 0 ? ids : Strings(database, $"SELECT external_id FROM loans ORDER BY id LIMIT {DetailSample}")];
    }

    /// <summary>
    /// The rotating list queries: what people filter a post-loan book by (bucket, class, status,
    /// segment, branch, account manager) with the sorts the screens offer, on the book's largest
    /// branches and managers, in page sizes of 20, 50 and 100.
    /// </summary>
    private static List<ListQuery> ListQueries(DatabaseSettings database)
    {
        var branches = Top(database, "branch", 3);
        var managers = Top(database, "account_manager", 3);
        var queries = new List<string>
        {
            "", "sort=-outstanding", "sort=disbursedOn",
            "bucket=M1&sort=-dpd", "bucket=M2", "bucket=M3&sort=-outstanding", "bucket=M7%2B",
            "class=special_mention&sort=-dpd", "class=substandard", "class=doubtful&sort=-outstanding", "class=loss",
            "status=active&sort=-disbursedOn", "status=written_off", "status=closed&sort=-outstanding",
            "segment=corporate&sort=-outstanding", "segment=retail&bucket=M1", "segment=project&status=active",
        };
        foreach (var b in branches)
            queries.AddRange([$"branch={Uri.EscapeDataString(b)}", $"branch={Uri.EscapeDataString(b)}&bucket=M1&sort=-dpd", $"branch={Uri.EscapeDataString(b)}&class=special_mention"]);
        foreach (var m in managers)
            queries.AddRange([$"manager={Uri.EscapeDataString(m)}", $"manager={Uri.EscapeDataString(m)}&status=active&sort=-dpd"]);
        int[] sizes = [20, 50, 100];
        return queries.Select((q, i) => new ListQuery(q, sizes[i % sizes.Length])).ToList();
    }

    /// <summary>The <paramref name="count"/> values of a borrower column with the most borrowers.</summary>
    private static List<string> Top(DatabaseSettings database, string column, int count) =>
        Strings(database, $"SELECT {column} FROM borrowers WHERE {column} IS NOT NULL GROUP BY {column} ORDER BY COUNT(*) DESC, {column} LIMIT {count}");

    private static List<string> Strings(DatabaseSettings database, string sql)
    {
        using var connection = database.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    private static object? Scalar(DbConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
