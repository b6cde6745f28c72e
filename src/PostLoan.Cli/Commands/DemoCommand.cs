using System.CommandLine;
using Microsoft.Data.Sqlite;
using PostLoan.Application.Demo;
using PostLoan.Application.EndOfDay;
using PostLoan.Application.Import;
using PostLoan.Infrastructure.Import;
using PostLoan.Application.Loans;
using PostLoan.Application.Reports;
using PostLoan.Application.Users;
using PostLoan.Infrastructure.Identity;
using PostLoan.Cli.Output;
using PostLoan.Domain.Classification;
using PostLoan.Infrastructure.Persistence;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary>
/// <c>postloan demo</c>: generates a realistic book, imports it through the same path a real book
/// takes, runs end-of-day over its history and prints what it found.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var loans = new Option<int>("--loans") { Description = "number of loans", DefaultValueFactory = _ => 20_000 };
        var months = new Option<int>("--months") { Description = "months of history (disbursements spread over them)", DefaultValueFactory = _ => 24 };
        var seed = new Option<int>("--seed") { Description = "random seed; the same seed gives the same book", DefaultValueFactory = _ => 20260101 };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "business date the history runs up to (default: yesterday)", CustomParser = CommonOptions.ParseOptionalDate };
        var reset = new Option<bool>("--reset") { Description = "replace the database even if it was not made by the demo" };
        var noServe = new Option<bool>("--no-serve") { Description = "stop after printing the portfolio instead of serving the web application" };
        var command = new Command("demo", "Generate a demo book, import it, run end-of-day over its history and print the portfolio")
        {
            loans, months, seed, asOf, reset, noServe, ServeCommand.Urls,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(loans) < 1 || parse.GetValue(months) is < 2 or > 240)
            {
                Console.Error.WriteLine("error: --loans must be at least 1 and --months between 2 and 240");
                return 2;
            }
            var context = CommonOptions.Context(parse);
            if (!PrepareDatabase(context.Database, parse.GetValue(reset))) return 1;
            var database = context.MigratedDatabase();
            var date = parse.GetValue(asOf) ?? DateOnly.FromDateTime(context.Clock.GetLocalNow().DateTime).AddDays(-1);
            var options = new DemoBookOptions(parse.GetValue(loans), parse.GetValue(months), parse.GetValue(seed), date);

            var folder = Path.Combine(Path.GetDirectoryName(DataSource(database))!, "demo");
            AnsiConsole.MarkupLine($"[bold]PostLoan demo[/]: {options.Loans:N0} loans over {options.Months} months up to business date {date:yyyy-MM-dd}, seed {options.Seed}.");
            var files = ConsoleProgress.Run("generate book", report =>
                new DemoBookGenerator(options).WriteTo(folder, new SyncProgress<int>(n => report(n, options.Loans, $"{n:N0} loans"))));
            Console.WriteLine($"Generated {files.BorrowerCount:N0} borrowers, {files.LoanCount:N0} loans and {files.TransactionCount:N0} transactions as CSV in {Path.GetRelativePath(Directory.GetCurrentDirectory(), folder)}/.");

            var import = new ImportService(database, context.Clock);
            foreach (var (kind, path) in new[] { (ImportKind.Borrowers, files.Borrowers), (ImportKind.Loans, files.Loans), (ImportKind.Schedules, files.Schedules), (ImportKind.Transactions, files.Transactions) })
            {
                if (ImportCommand.Run(import, kind, path, actor: CommonOptions.ActorOf(parse)) != 0) return 1;
            }

            var eod = new EndOfDayService(database, context.Servicing, context.Clock);
            if (EodCommand.Run(eod, new EndOfDayRequest(Through: date)) != 0) return 1;
            Console.WriteLine();
            SummaryCommand.Print(new PortfolioSummaryQuery(database).Get());
            PrintExamples(database);
            if (CreateDemoUsers(context) != 0) return 1;
            return parse.GetValue(noServe) ? 0 : ServeCommand.Run(context, parse.GetValue(ServeCommand.Urls)!);
        });
        return command;
    }

    /// <summary>The demo's password for every demo person; a real installation adds people with <c>postloan users add</c>.</summary>
    public const string DemoPassword = "PostLoan-Demo-2026!";

    /// <summary>One person per role, scoped to borrowers the demo book really has (branch ZJ01, manager ZJ01-AM01).</summary>
    private static int CreateDemoUsers(CliContext context)
    {
        NewUser[] people =
        [
            new("admin", "系统管理员 Administrator", Roles.Administrator, DemoPassword),
            new("risk", "风险管理部 Risk officer", Roles.RiskOfficer, DemoPassword),
            new("am.zj01", "客户经理 Account manager ZJ01-AM01", Roles.AccountManager, DemoPassword, "ZJ01", "ZJ01-AM01"),
            new("bm.zj01", "浙江分行 Branch manager ZJ01", Roles.BranchManager, DemoPassword, "ZJ01"),
            new("collector", "催收 Collector", Roles.Collector, DemoPassword),
            new("legal", "资产保全 Legal officer", Roles.LegalOfficer, DemoPassword),
            new("exec", "行领导 Executive", Roles.Executive, DemoPassword),
            new("auditor", "审计 Auditor", Roles.Auditor, DemoPassword),
        ];
        var code = UsersCommand.WithAdmin(context, admin =>
        {
            foreach (var person in people)
            {
                var result = admin.AddUser(person, "job:demo").GetAwaiter().GetResult();
                if (!result.Succeeded)
                {
                    Console.Error.WriteLine($"error: demo user {person.UserName}: {result.Failure!.Message}");
                    return 1;
                }
            }
            return 0;
        });
        if (code == 0)
            AnsiConsole.MarkupLine($"Demo sign-ins (password [bold]{DemoPassword}[/]): {string.Join(", ", people.Select(p => $"{p.UserName} ({p.Role})"))}.");
        return code;
    }

    /// <summary>
    /// The demo starts from an empty database. It replaces one it made before (marked by a
    /// <c>.demo</c> file beside it) but never a database it did not make, unless told to.
    /// </summary>
    private static bool PrepareDatabase(DatabaseSettings database, bool reset)
    {
        var path = DataSource(database);
        var marker = path + ".demo";
        if (File.Exists(path) && !File.Exists(marker) && !reset && HasData(database))
        {
            Console.Error.WriteLine($"error: {path} holds a loan book the demo did not make; use another --db, or --reset to replace it.");
            return false;
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
        File.WriteAllText(marker, "This database was generated by `postloan demo` and is replaced by the next demo run.\n");
        return true;
    }

    private static bool HasData(DatabaseSettings database)
    {
        try
        {
            using var connection = database.OpenConnection();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM borrowers";
            return Convert.ToInt64(cmd.ExecuteScalar(), Formats.Invariant) > 0;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static string DataSource(DatabaseSettings database) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);

    /// <summary>Points at one loan of each class, so a newcomer has something to look at.</summary>
    private static void PrintExamples(DatabaseSettings database)
    {
        using var connection = database.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT s.risk_class, MIN(l.external_id) FROM loan_states s JOIN loans l ON l.id = s.loan_id
            WHERE s.status = 'Active' GROUP BY s.risk_class
            """;
        using var r = cmd.ExecuteReader();
        var examples = new List<(RiskClass Class, string Loan)>();
        while (r.Read()) examples.Add((Enum.Parse<RiskClass>(r.GetString(0)), r.GetString(1)));
        examples.Sort();
        if (examples.Count == 0) return;
        AnsiConsole.MarkupLine($"Look at a loan of each class with [bold]./postloan loan show <id>[/] — {Markup.Escape(string.Join(", ", examples.Select(e => $"{e.Class.Code()} {e.Loan}")))}.");
    }
}
