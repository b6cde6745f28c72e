using System.CommandLine;
using PostLoan.Application.Common;
using PostLoan.Application.Inspections;
using PostLoan.Application.Inspections.Briefings;
using PostLoan.Cli.Output;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan briefing --period 2025-10 [--scope bank|branch:B|team:T|manager:M] --format md|xlsx|pdf [--out FILE]</c>.</summary>
public static class BriefingCommand
{
    public static Command Create()
    {
        var period = new Option<DateOnly>("--period") { Description = "the month, YYYY-MM", Required = true, CustomParser = CommonOptions.ParseMonth };
        var scope = new Option<string>("--scope") { Description = "bank (default), branch:CODE, team:NAME (PostLoan:Inspections:Teams) or manager:CODE", DefaultValueFactory = _ => "bank" };
        var format = new Option<string>("--format") { Description = "md (printed unless --out is given), xlsx or pdf", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "xlsx", "pdf");
        var output = new Option<string?>("--out") { Description = "the file to write (default for xlsx and pdf: briefing-PERIOD-SCOPE.FORMAT in the current folder)" };
        var command = new Command("briefing", "Write the inspections and visits briefing (贷后/回访工作简报) of a month for a scope") { period, scope, format, output };
        command.SetAction(parse =>
        {
            var context = CommonOptions.Context(parse);
            var month = parse.GetValue(period);
            var result = new BriefingQuery(context.MigratedDatabase(), context.Servicing.Inspections, context.Clock).Build(month, parse.GetValue(scope), DataScope.All);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"error: {result.Failure!.Field}: {result.Failure.Message}");
                return 1;
            }
            var briefing = result.Value!;
            var kind = parse.GetValue(format)!;
            var path = parse.GetValue(output);
            if (kind == "md" && path is null)
            {
                Console.Write(BriefingMarkdown.Write(briefing));
                return 0;
            }
            path ??= $"briefing-{month:yyyy-MM}-{briefing.Scope.Replace(':', '-')}.{kind}";
            var temporary = path + ".part";
            // Written aside and moved into place, so that a failure never leaves half a file under the name asked for.
            using (var file = File.Create(temporary))
            {
                switch (kind)
                {
                    case "xlsx": BriefingWorkbook.Write(briefing, file); break;
                    case "pdf": BriefingPdf.Write(briefing, file); break;
                    default:
                        using (var writer = new StreamWriter(file, new System.Text.UTF8Encoding(false))) writer.Write(BriefingMarkdown.Write(briefing));
                        break;
                }
            }
            File.Move(temporary, path, overwrite: true);
            var c = briefing.Current;
            Console.WriteLine($"Briefing {month:yyyy-MM} ({briefing.ScopeTitle}) written to {path}: {c.Planned:N0} planned, {c.Done:N0} done, on-time rate {Rate(c.OnTimeRate)}, {c.Reports:N0} reports, {c.AlertsRaised:N0} new alerts.");
            return 0;
        });
        return command;
    }

    private static string Rate(double? rate) => rate is { } r ? (r * 100).ToString("0.0", Formats.Invariant) + " %" : "—";
}
