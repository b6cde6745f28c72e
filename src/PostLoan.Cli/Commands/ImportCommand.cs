using System.CommandLine;
using PostLoan.Application.Import;
using PostLoan.Infrastructure.Import;
using PostLoan.Cli.Output;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan import &lt;kind&gt; &lt;file&gt;</c>: all-or-nothing CSV import (docs/import-formats.md).</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = string.Join(" | ", ImportKinds.Names) };
        kind.AcceptOnlyFromAmong([.. ImportKinds.Names]);
        var file = new Argument<FileInfo>("file") { Description = "CSV file (UTF-8 with or without BOM, or GB18030)" };
        var encoding = new Option<string>("--encoding") { Description = "auto | utf-8 | gb18030", DefaultValueFactory = _ => "auto" };
        encoding.AcceptOnlyFromAmong("auto", "utf-8", "gb18030");
        var command = new Command("import", "Import a CSV file: upsert by external id; a file with any bad row imports nothing") { kind, file, encoding };
        command.SetAction(parse =>
        {
            var context = CommonOptions.Context(parse);
            var service = new ImportService(context.MigratedDatabase(), context.Clock);
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                Console.Error.WriteLine($"error: file not found: {f.FullName}");
                return 1;
            }
            return Run(service, ImportKinds.Parse(parse.GetValue(kind)!), f.FullName, parse.GetValue(encoding) switch
            {
                "utf-8" => ImportEncoding.Utf8,
                "gb18030" => ImportEncoding.Gb18030,
                _ => ImportEncoding.Auto,
            }, CommonOptions.ActorOf(parse));
        });
        return command;
    }

    /// <param name="actor">Who imports, for the audit trail.</param>
    public static int Run(ImportService service, ImportKind kind, string path, ImportEncoding encoding = ImportEncoding.Auto, string? actor = null)
    {
        var name = kind.Name();
        var result = ConsoleProgress.Run($"import {name}", report => service.Import(kind, path, encoding, new SyncProgress<int>(rows => report(rows, rows, $"{rows:N0} rows read")), actor));
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"error: {Path.GetFileName(path)}: {result.Problems.Count} problem(s); nothing was imported.");
            var table = new Table().Border(TableBorder.Simple).AddColumns("row", "column", "value", "cause");
            foreach (var p in result.Problems)
                table.AddRow(p.Row.ToString(Formats.Invariant), Markup.Escape(p.Column), Markup.Escape(p.Value), Markup.Escape(p.Cause));
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            if (Console.IsErrorRedirected) console.Profile.Width = 160;
            console.Write(table);
            return 1;
        }
        Console.WriteLine($"Imported {name} from {Path.GetFileName(path)}: {result.Rows:N0} rows, {result.Inserted:N0} new, {result.Updated:N0} updated, {result.Unchanged:N0} unchanged.");
        return 0;
    }
}
