using System.CommandLine;
using PostLoan.Cli.Output;
using PostLoan.Infrastructure.Audit;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan audit verify | list</c>: checks and shows the hash-chained audit trail (docs/audit-trail.md).</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var verify = new Command("verify", "Recompute every audit entry's hash and check the chain; exit 1 and name the first broken entry if it was tampered with");
        verify.SetAction(parse =>
        {
            var context = CommonOptions.Context(parse);
            var result = new AuditTrail(context.MigratedDatabase(), context.Clock).Verify();
            if (result.Break is { } broken)
            {
                Console.WriteLine($"audit trail broken at entry {broken.EntryId}: {broken.Reason}");
                return 1;
            }
            Console.WriteLine($"audit trail intact: {result.Entries:N0} entries");
            // The last hash, kept outside the database, is what shows entries removed from the end.
            if (result.LastHash is not null) Console.WriteLine($"last entry {result.LastId}: {result.LastHash}");
            return 0;
        });

        var last = new Option<int>("--last") { Description = "how many of the newest entries to show", DefaultValueFactory = _ => 20 };
        var list = new Command("list", "Show the newest audit entries: when, who, what, on which entity, before and after") { last };
        list.SetAction(parse =>
        {
            if (parse.GetValue(last) < 1)
            {
                Console.Error.WriteLine("error: --last must be at least 1");
                return 2;
            }
            var context = CommonOptions.Context(parse);
            var entries = new AuditTrail(context.MigratedDatabase(), context.Clock).Last(parse.GetValue(last));
            if (entries.Count == 0)
            {
                Console.WriteLine("The audit trail is empty.");
                return 0;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("id", "at (UTC)", "actor", "action", "entity", "before", "after", "hash");
            table.Columns[0].RightAligned();
            foreach (var e in entries)
            {
                table.AddRow(
                    e.Id.ToString(Formats.Invariant),
                    e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Formats.Invariant),
                    Markup.Escape(e.Actor),
                    Markup.Escape(e.Action),
                    Markup.Escape($"{e.EntityType} {e.EntityId}"),
                    Markup.Escape(e.Before ?? ""),
                    Markup.Escape(e.After ?? ""),
                    e.Hash[..12]);
            }
            AnsiConsole.Write(table);
            return 0;
        });

        return new Command("audit", "The audit trail of every import and end-of-day run (see docs/audit-trail.md)") { verify, list };
    }
}
