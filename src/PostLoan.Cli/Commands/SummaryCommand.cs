using System.CommandLine;
using PostLoan.Application.Reports;
using PostLoan.Cli.Output;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan summary</c>: the book by bucket and class, with the NPL ratio.</summary>
public static class SummaryCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("summary", "Show the portfolio on the business date: balances by bucket, class and segment, NPL ratio") { json };
        command.SetAction(parse =>
        {
            var context = CommonOptions.Context(parse);
            var summary = new PortfolioSummaryQuery(context.MigratedDatabase()).Get();
            if (parse.GetValue(json)) Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(summary, Formats.Json));
            else Print(summary);
            return 0;
        });
        return command;
    }

    public static void Print(PortfolioSummary s)
    {
        AnsiConsole.MarkupLine($"[bold]Portfolio on business date {Formats.Date(s.BusinessDate)}[/]: {s.ActiveLoans:N0} active loans, balance {Formats.Amount(s.Balance)}; {s.ClosedLoans:N0} closed, {s.WrittenOffLoans:N0} written off.");
        AnsiConsole.Write(Lines("bucket", s.ByBucket, s.Balance));
        AnsiConsole.Write(Lines("class (五级分类)", s.ByClass, s.Balance));
        AnsiConsole.Write(Lines("segment", s.BySegment, s.Balance));
        AnsiConsole.MarkupLine($"NPL ratio (不良率) [bold]{Formats.Percent(s.NplRatio)}[/] (non-performing balance {Formats.Amount(s.NonPerformingBalance)}); 30+ DPD {Formats.Percent(s.Dpd30PlusRatio)}; 90+ DPD {Formats.Percent(s.Dpd90PlusRatio)}; regulatory provision {Formats.Amount(s.Provision)}"
            + (s.Ecl is { } ecl ? $"; IFRS 9 ECL {Formats.Amount(ecl)}." : "."));
        if (s.Visits is { Planned: > 0 } v)
            AnsiConsole.MarkupLine($"Inspections and visits due in {v.Month:yyyy-MM}: {v.Planned:N0} planned, {v.Done:N0} done ({Formats.Percent(v.CompletionRate ?? 0)}), " +
                $"{v.DoneOnTime:N0} on time ({Formats.Percent(v.OnTimeRate ?? 0)}); {v.OverdueOpen:N0} open tasks overdue (postloan briefing).");
        if (s.LoansNeverServiced > 0)
            AnsiConsole.MarkupLine($"[yellow]{s.LoansNeverServiced:N0} loans have no servicing state yet: run end-of-day.[/]");
    }

    private static Table Lines(string title, IReadOnlyList<BalanceLine> lines, decimal total)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn(title).AddColumn("loans").AddColumn("balance").AddColumn("share");
        foreach (var c in table.Columns.Skip(1)) c.RightAligned();
        foreach (var l in lines)
            table.AddRow(Markup.Escape(l.Key), l.Loans.ToString("N0", Formats.Invariant), Formats.Amount(l.Balance), Formats.Percent(total == 0 ? 0 : l.Balance / total));
        return table;
    }
}
