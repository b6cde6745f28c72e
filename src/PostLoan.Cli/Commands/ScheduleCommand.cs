using System.CommandLine;
using System.Globalization;
using PostLoan.Cli.Output;
using PostLoan.Domain.Schedules;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan schedule</c>: prints a generated repayment schedule.</summary>
public static class ScheduleCommand
{
    public static Command Create()
    {
        var principal = new Option<decimal>("--principal") { Description = "amount disbursed, e.g. 1000000", Required = true };
        var rate = new Option<decimal>("--annual-rate") { Description = "nominal annual rate in percent, e.g. 4.9", Required = true };
        var months = new Option<int>("--months") { Description = "number of monthly installments", Required = true };
        var method = new Option<string>("--method")
        {
            Description = "equal-installment | equal-principal | interest-only | bullet",
            Required = true,
        };
        method.AcceptOnlyFromAmong([.. RepaymentMethodNames.All.Where(n => n != "custom")]);
        var firstDue = new Option<DateOnly>("--first-due") { Description = "due date of installment 1 (YYYY-MM-DD)", Required = true, CustomParser = CommonOptions.ParseDate };
        var disbursed = new Option<DateOnly?>("--disbursed") { Description = "disbursement date; when the first period is not a whole month its interest is daily", CustomParser = CommonOptions.ParseOptionalDate };
        var basis = new Option<int>("--day-count") { Description = "days in the year for a broken first period: 360 or 365", DefaultValueFactory = _ => 360 };
        var format = new Option<string>("--format") { Description = "table | csv | json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");

        var command = new Command("schedule", "Print the repayment schedule of a loan's terms")
        {
            principal, rate, months, method, firstDue, disbursed, basis, format,
        };
        command.SetAction(parse =>
        {
            RepaymentMethodNames.TryParse(parse.GetValue(method), out var m);
            var terms = new ScheduleTerms(parse.GetValue(principal), parse.GetValue(rate) / 100m, parse.GetValue(months), m,
                parse.GetValue(firstDue), parse.GetValue(disbursed), parse.GetValue(basis));
            var problem = terms.Problems().FirstOrDefault();
            if (problem is not null)
            {
                Console.Error.WriteLine($"error: {problem}");
                return 1;
            }
            Print(ScheduleGenerator.Generate(terms), parse.GetValue(format)!);
            return 0;
        });
        return command;
    }

    private static void Print(Installment[] schedule, string format)
    {
        var rows = new List<(Installment I, decimal Balance)>();
        var balance = schedule.Sum(i => i.Principal);
        foreach (var i in schedule)
        {
            balance -= i.Principal;
            rows.Add((i, balance));
        }
        switch (format)
        {
            case "csv":
                Console.WriteLine("number,due_date,payment,principal,interest,balance");
                foreach (var (i, b) in rows)
                    Console.WriteLine(string.Join(',', i.Number.ToString(CultureInfo.InvariantCulture), Formats.Date(i.DueDate), Formats.Plain(i.Payment), Formats.Plain(i.Principal), Formats.Plain(i.Interest), Formats.Plain(b)));
                break;
            case "json":
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(
                    rows.Select(r => new { number = r.I.Number, due_date = r.I.DueDate, payment = r.I.Payment, principal = r.I.Principal, interest = r.I.Interest, balance = r.Balance }),
                    Formats.Json));
                break;
            default:
                var table = new Table().Border(TableBorder.Simple)
                    .AddColumns("#", "due date", "payment", "principal", "interest", "balance");
                foreach (var c in table.Columns.Skip(2)) c.RightAligned();
                foreach (var (i, b) in rows)
                    table.AddRow(i.Number.ToString(CultureInfo.InvariantCulture), Formats.Date(i.DueDate), Formats.Amount(i.Payment), Formats.Amount(i.Principal), Formats.Amount(i.Interest), Formats.Amount(b));
                table.AddRow("", "total", Formats.Amount(schedule.Sum(i => i.Payment)), Formats.Amount(schedule.Sum(i => i.Principal)), Formats.Amount(schedule.Sum(i => i.Interest)), "");
                AnsiConsole.Write(table);
                break;
        }
    }
}
