using System.CommandLine;
using PostLoan.Application.Common;
using PostLoan.Application.EarlyWarning;
using PostLoan.Domain.EarlyWarning.Backtesting;
using PostLoan.Cli.Output;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan rules check | list | add-defaults | request | approve | reject | retire</c>: early-warning rules (docs/early-warning.md).</summary>
public static class RulesCommand
{
    public static Command Create()
    {
        var condition = new Argument<string>("condition") { Description = "a rule condition, e.g. \"debt_to_asset > 0.7 or change_yoy(debt_to_asset) > 0.1\"" };
        var check = new Command("check", "Check a condition against the standard features: print its canonical form and the features it reads, or each error with its column") { condition };
        check.SetAction(parse =>
        {
            var text = parse.GetValue(condition) ?? "";
            var result = RuleBook.Check(text);
            if (!result.IsValid)
            {
                foreach (var error in result.Errors)
                {
                    Console.Error.WriteLine(text);
                    Console.Error.WriteLine(new string(' ', Math.Max(0, error.Column - 1)) + new string('^', Math.Max(1, error.Length)));
                    Console.Error.WriteLine($"error: {error}");
                }
                return 1;
            }
            Console.WriteLine($"valid: {result.Rule!.CanonicalText}");
            Console.WriteLine("reads: " + string.Join(", ", result.Rule.RequiredInputs.Select(i => i.Lag == 0 ? i.Feature : $"{i.Feature} ({i.Lag} months ago)")));
            return 0;
        });

        var active = new Option<bool>("--active") { Description = "only the active versions" };
        var list = new Command("list", "List the rules' versions: code, version, severity, segments, status, condition") { active };
        list.SetAction(parse =>
        {
            var versions = new RuleBook(CommonOptions.Context(parse).MigratedDatabase(), TimeProvider.System).List(parse.GetValue(active));
            if (versions.Count == 0)
            {
                Console.WriteLine("No rules yet: `postloan rules add-defaults` adds the default library as drafts.");
                return 0;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("code", "v", "severity", "segments", "status", "name", "condition");
            foreach (var v in versions)
                table.AddRow(Markup.Escape(v.Code), v.Version.ToString(Formats.Invariant), v.Severity.ToString().ToLowerInvariant(),
                    Markup.Escape(v.Segments.Count == 0 ? "all" : string.Join(",", v.Segments)), v.Status.ToString(), Markup.Escape(v.Name), Markup.Escape(v.Condition));
            AnsiConsole.Write(table);
            return 0;
        });

        var defaults = new Command("add-defaults", "Add every rule of the default library not yet in the book, as a draft (version 1)");
        defaults.SetAction(parse =>
        {
            var added = new RuleBook(CommonOptions.Context(parse).MigratedDatabase(), TimeProvider.System).AddDefaults(CommonOptions.ActorOf(parse));
            Console.WriteLine($"Added {added} default rules as drafts. Back-test them, then `postloan rules request CODE VERSION` and have a second person approve.");
            return 0;
        });

        var subject = new Argument<string>("rule") { Description = "a stored rule's code (its newest version) or a condition" };
        var from = new Option<DateOnly>("--from") { Description = "the first month, YYYY-MM", Required = true, CustomParser = CommonOptions.ParseMonth };
        var to = new Option<DateOnly>("--to") { Description = "the last month, YYYY-MM", Required = true, CustomParser = CommonOptions.ParseMonth };
        var segment = new Option<string[]>("--segment") { Description = "only loans of these segments (retail, corporate, project); a stored rule brings its own", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object on the last line" };
        var backtest = new Command("backtest", "How the rule would have done: alerts per month end, and how many of those loans reached 90+ DPD within 6 months (precision, recall, lift over the base rate)")
            { subject, from, to, segment, json };
        backtest.SetAction(parse =>
        {
            var result = new RuleBacktest(CommonOptions.Context(parse).MigratedDatabase())
                .Run(new BacktestRequest(parse.GetValue(subject)!, parse.GetValue(from), parse.GetValue(to), parse.GetValue(segment) ?? []));
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"error: {result.Failure!.Message}");
                return 1;
            }
            var report = result.Value!;
            Console.WriteLine($"rule: {report.Condition}   segments: {(report.Segments.Count == 0 ? "all" : string.Join(",", report.Segments))}   history through {report.KnownThrough:yyyy-MM-dd}");
            var table = new Table().Border(TableBorder.Simple).AddColumns("month end", "loans", "alerts", "bad in 6m", "hits", "precision", "recall", "base rate", "lift", "");
            foreach (var i in Enumerable.Range(1, 8)) table.Columns[i].RightAligned();
            void Row(string label, BacktestMonth m) => table.AddRow(label, m.Population.ToString("N0", Formats.Invariant),
                m.Alerts.ToString("N0", Formats.Invariant), m.Bad.ToString("N0", Formats.Invariant), m.Hits.ToString("N0", Formats.Invariant),
                Ratio(m.Precision), Ratio(m.Recall), Ratio(m.BaseRate), m.Lift is { } l ? l.ToString("0.00", Formats.Invariant) : "–",
                m.OutcomeKnown ? "" : "horizon not yet seen: left out of the total");
            foreach (var m in report.Result.Months) Row(m.MonthEnd.ToString("yyyy-MM-dd", Formats.Invariant), m);
            Row("total", report.Result.Total);
            AnsiConsole.Write(table);
            if (parse.GetValue(json))
            {
                var t = report.Result.Total;
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    condition = report.Condition,
                    months = report.Result.Months.Select(m => new { month_end = m.MonthEnd.ToString("yyyy-MM-dd", Formats.Invariant), loans = m.Population, alerts = m.Alerts, bad = m.Bad, hits = m.Hits, outcome_known = m.OutcomeKnown }),
                    total = new { loans = t.Population, alerts = t.Alerts, bad = t.Bad, hits = t.Hits, precision = t.Precision, recall = t.Recall, base_rate = t.BaseRate, lift = t.Lift },
                }));
            }
            return 0;
        });

        return new Command("rules", "Early-warning rules: check a condition, list, add the defaults, and the maker-checker activation steps (see docs/early-warning.md)")
        {
            check, list, defaults, backtest,
            Step("request", "Put a draft version up for activation", (book, code, version, actor) => book.RequestActivation(code, version, actor)),
            Step("approve", "Approve a pending version (a second person: not its author or requester); retires the rule's active version", (book, code, version, actor) => book.Approve(code, version, actor)),
            Step("reject", "Send a pending version back to draft", (book, code, version, actor) => book.Reject(code, version, actor)),
            Step("retire", "Switch a version off", (book, code, version, actor) => book.Retire(code, version, actor)),
        };
    }

    private static Command Step(string name, string description, Func<RuleBook, string, int, string, Result<RuleVersionView>> step)
    {
        var code = new Argument<string>("code") { Description = "the rule's code, e.g. FS01" };
        var version = new Argument<int>("version") { Description = "the version number" };
        var command = new Command(name, description) { code, version };
        command.SetAction(parse =>
        {
            var book = new RuleBook(CommonOptions.Context(parse).MigratedDatabase(), TimeProvider.System);
            var result = step(book, parse.GetValue(code)!, parse.GetValue(version), CommonOptions.ActorOf(parse));
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"error: {result.Failure!.Message}");
                return 1;
            }
            Console.WriteLine($"{result.Value!.Code} v{result.Value.Version}: {result.Value.Status}");
            return 0;
        });
        return command;
    }

    private static string Ratio(decimal? value) => value is { } v ? v.ToString("P1", Formats.Invariant) : "–";
}
