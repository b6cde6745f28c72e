using System.CommandLine;
using PostLoan.Application.Loans;
using PostLoan.Cli.Output;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan loan show</c>: one loan's terms, schedule, state and history.</summary>
public static class LoanCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("external-id") { Description = "the loan's external id" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var show = new Command("show", "Show a loan: terms, schedule with amounts paid, outstanding, DPD, bucket, class and reason, stage, provision, class history")
        {
            id, json,
        };
        show.SetAction(parse =>
        {
            var context = CommonOptions.Context(parse);
            Application.Common.Result<LoanDetails> result;
            try
            {
                result = new LoanDetailsQuery(context.MigratedDatabase(), context.Servicing).Get(parse.GetValue(id)!);
            }
            catch (Infrastructure.Security.DataKeyMismatchException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"error: {result.Failure!.Message}");
                return 1;
            }
            if (parse.GetValue(json)) Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(result.Value, Formats.Json));
            else Print(result.Value!);
            return 0;
        });
        return new Command("loan", "Look at loans") { show };
    }

    private static void Print(LoanDetails d)
    {
        var e = Markup.Escape;
        AnsiConsole.Write(new Rule($"[bold]Loan {e(d.ExternalId)}[/] · {e(d.BorrowerName)} ({e(d.BorrowerExternalId)})").LeftJustified());
        var terms = new Grid().AddColumn().AddColumn().AddColumn().AddColumn();
        terms.AddRow("product", e($"{d.Product} ({d.Segment})"), "principal", $"{Formats.Amount(d.Principal)} {d.Currency}");
        terms.AddRow("rate", $"{d.AnnualRatePercent:0.####} % a year", "method", $"{d.Method}, {d.TermMonths} months");
        terms.AddRow("disbursed", Formats.Date(d.DisbursedOn), "first due / maturity", $"{Formats.Date(d.FirstDueOn)} / {Formats.Date(d.Maturity)}");
        terms.AddRow("grace days", d.GraceDays.ToString(Formats.Invariant), "penalty uplift", $"{d.PenaltyUpliftPercent:0.##} %");
        terms.AddRow("id number", e(d.BorrowerIdNumberMasked ?? ""), "phone", e(d.BorrowerPhoneMasked ?? ""));
        terms.AddRow("purpose", e(d.Purpose ?? ""), "flags", string.Join(", ", new[] { d.EntrustedPayment ? "entrusted payment" : null, d.Restructured ? $"restructured {Formats.Date(d.RestructuredOn)}" : null, d.Extended ? "extended" : null }.Where(x => x is not null)));
        AnsiConsole.Write(terms);

        if (d.State is { } s)
        {
            AnsiConsole.Write(new Rule($"State on {Formats.Date(s.AsOf)} (business date {Formats.Date(d.BusinessDate)})").LeftJustified());
            var state = new Grid().AddColumn().AddColumn().AddColumn().AddColumn();
            state.AddRow("status", s.Status + (s.StatusSince is null ? "" : $" since {Formats.Date(s.StatusSince)}"), "outstanding principal", Formats.Amount(s.OutstandingPrincipal));
            state.AddRow("overdue principal", Formats.Amount(s.OverduePrincipal), "overdue interest", Formats.Amount(s.OverdueInterest));
            state.AddRow("overdue fees", Formats.Amount(s.OverdueFees), "penalty / compound", $"{Formats.Amount(s.PenaltyInterest)} / {Formats.Amount(s.CompoundInterest)}");
            state.AddRow("DPD / bucket", $"{s.Dpd} / {s.Bucket}", "class", e($"{s.Class} {s.ClassChinese} — {s.ClassReason} [{s.ClassRule}]"));
            state.AddRow("IFRS 9 stage", e($"{s.Stage} — {s.StageReason}"), "provision", Formats.Amount(s.Provision));
            state.AddRow("next due", $"{Formats.Date(s.NextDueDate)} {(s.NextDueDate is null ? "" : Formats.Amount(s.NextDueAmount))}", "unapplied credit", Formats.Amount(s.UnappliedCredit));
            if (s.InRestructureObservation || s.ObservationEnds is not null)
                state.AddRow("restructure observation", s.InRestructureObservation ? "running" : "ended", "ends / ended", Formats.Date(s.ObservationEnds));
            if (s.RecoveredAfterWriteOff > 0) state.AddRow("recovered after write-off", Formats.Amount(s.RecoveredAfterWriteOff), "", "");
            AnsiConsole.Write(state);
        }
        else AnsiConsole.MarkupLine("[yellow]No servicing state yet: run end-of-day.[/]");

        var withFees = d.Schedule.Any(i => i.Fees > 0);
        var schedule = new Table().Border(TableBorder.Simple).Title("Schedule");
        schedule.AddColumns("#", "due", "principal", "interest");
        if (withFees) schedule.AddColumn("fees");
        schedule.AddColumns("paid", "penalty", "status");
        foreach (var c in schedule.Columns.Skip(2).Take(withFees ? 5 : 4)) c.RightAligned();
        foreach (var i in d.Schedule)
        {
            var cells = new List<string> { i.Number.ToString(Formats.Invariant), Formats.Date(i.DueDate), Formats.Amount(i.Principal), Formats.Amount(i.Interest) };
            if (withFees) cells.Add(Formats.Amount(i.Fees));
            cells.Add(Formats.Amount(i.PrincipalPaid + i.InterestPaid + i.FeesPaid));
            cells.Add(i.PenaltyCharged == 0 ? "" : $"{Formats.Amount(i.PenaltyCharged)}{(i.PenaltyPaid == i.PenaltyCharged ? "" : $" ({Formats.Amount(i.PenaltyCharged - i.PenaltyPaid)} due)")}");
            cells.Add(i.Status + (i.SettledOn is { } on && i.Status == "paid late" ? $" {on:MM-dd}" : ""));
            schedule.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(schedule);
        AnsiConsole.MarkupLine("[grey]paid = principal + interest + fees paid; the full breakdown is in --json.[/]");

        if (d.Transactions.Count > 0)
        {
            var txns = new Table().Border(TableBorder.Simple).Title("Transactions").AddColumns("id", "kind", "date", "amount", "note");
            txns.Columns[3].RightAligned();
            foreach (var t in d.Transactions)
                txns.AddRow(e(t.ExternalId), e(t.Kind + (t.Component is null ? "" : $" ({t.Component})") + (t.Reverses is null ? "" : $" of {t.Reverses}") + (t.Reversed ? " — reversed" : "")),
                    Formats.Date(t.Date), Formats.Amount(t.Amount), e(t.Note ?? ""));
            AnsiConsole.Write(txns);
        }

        var history = new Table().Border(TableBorder.Simple).Title("History of bucket, class, stage and status").AddColumns("date", "what", "from", "to", "reason", "by");
        foreach (var h in d.History)
            history.AddRow(Formats.Date(h.Date), h.Kind, e(h.From ?? ""), e(h.To), e(h.Reason + (h.Rule is null ? "" : $" [{h.Rule}]")), e(h.Actor));
        AnsiConsole.Write(history);
    }
}
