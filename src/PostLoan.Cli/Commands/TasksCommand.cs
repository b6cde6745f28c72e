using System.CommandLine;
using PostLoan.Application.Common;
using PostLoan.Application.Inspections;
using PostLoan.Cli.Output;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan tasks [--assignee CODE] [--status open|overdue|escalated|done|cancelled|all] [--kind K] [--loan L] [--json]</c>: the inspection and visit tasks.</summary>
public static class TasksCommand
{
    public static Command Create()
    {
        var assignee = new Option<string?>("--assignee") { Description = "an account manager code, a user name, or role:NAME" };
        var status = new Option<string>("--status") { Description = "open (default), overdue, escalated, done, cancelled or all", DefaultValueFactory = _ => "open" };
        var kind = new Option<string?>("--kind") { Description = "a task kind, e.g. periodic_inspection" };
        var loan = new Option<string?>("--loan") { Description = "one loan's tasks, by its external id" };
        var take = new Option<int>("--take") { Description = "how many to show (most urgent first)", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("tasks", "List inspection and visit tasks (贷后检查、回访) by urgency: the earliest due first, then the riskier loan") { assignee, status, kind, loan, take, json };
        command.SetAction(parse =>
        {
            var context = CommonOptions.Context(parse);
            var viewer = TaskViewer.Of(CommonOptions.ActorOf(parse), DataScope.All);
            var result = new TaskBook(context.MigratedDatabase(), context.Clock).Queue(viewer,
                new TaskQueueRequest(Mine: false, parse.GetValue(status), parse.GetValue(kind), Assignee: parse.GetValue(assignee), Loan: parse.GetValue(loan), PageSize: Math.Clamp(parse.GetValue(take), 1, 500)));
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"error: {result.Failure!.Field}: {result.Failure.Message}");
                return 1;
            }
            var page = result.Value!;
            if (parse.GetValue(json))
            {
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(page, Formats.Json));
                return 0;
            }
            AnsiConsole.MarkupLine($"[bold]{page.Total:N0} tasks[/] on business date {Formats.Date(page.BusinessDate)}; the first {page.Tasks.Count:N0}:");
            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in new[] { "id", "kind", "loan", "borrower", "class", "due", "assignee", "status", "origin" }) table.AddColumn(column);
            foreach (var t in page.Tasks)
                table.AddRow(t.Id.ToString(Formats.Invariant), Markup.Escape($"{t.KindName} {t.Kind}"), Markup.Escape(t.LoanExternalId), Markup.Escape(t.BorrowerName),
                    t.RiskClass, (t.Overdue ? "[red]" : "[default]") + Formats.Date(t.DueOn) + "[/]", Markup.Escape(t.Assignee ?? "—"),
                    t.Status + (t.EscalatedOn is null ? "" : " ↑" + Markup.Escape(t.EscalatedTo ?? "")), t.Origin);
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
