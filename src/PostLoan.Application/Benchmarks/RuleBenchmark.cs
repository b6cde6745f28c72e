using System.Diagnostics;
using PostLoan.Application.Configuration;
using PostLoan.Application.EarlyWarning;
using PostLoan.Application.EndOfDay;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Benchmarks;

/// <summary>One daily run with the rules active: its wall time and the part the early-warning phase took.</summary>
public sealed record RuleRunFigures(DateOnly Date, int LoansServiced, TimeSpan Wall, TimeSpan AlertPhase, int AlertsRaised);

/// <summary>The rules benchmark's figures: the book, how many rules were active and what they read, and two daily runs.</summary>
public sealed record RuleBenchmarkResult(MachineInfo Machine, BenchmarkBook Book, int ActiveLoans, int Rules, IReadOnlyList<string> Features, RuleRunFigures First, RuleRunFigures Second);

/// <summary>
/// The early-warning benchmark (issue #5): on the demo book with its monitoring data, brought to a business date
/// without rules, it switches on <see cref="Count"/> rules (the default library's, less the behaviour score's, and
/// variants of them over the same features) and times two daily runs. The first raises the alerts the book has been
/// building up; the second, the next day, is the steady state, where most conditions already have an open alert.
/// The alert phase's time is what the rules add to end-of-day. It prints figures; nothing here asserts a speed.
/// </summary>
public sealed class RuleBenchmark(DatabaseSettings database, ServicingSettings settings, TimeProvider clock, IBenchmarkConsole console)
{
    public const int Count = 50;

    /// <summary>Variants of the default rules over the same features, with other thresholds and history functions, to make up <see cref="Count"/>.</summary>
    public static readonly IReadOnlyList<(string Code, string Severity, string Condition)> Variants =
    [
        ("BX01", "yellow", "dpd >= 5 and dpd < 15"),
        ("BX02", "orange", "max_dpd_6m >= 60 and dpd < 30"),
        ("BX03", "red", "max_dpd_12m >= 90 and dpd == 0"),
        ("BX04", "yellow", "count_over(dpd > 0, 6) >= 3"),
        ("BX05", "orange", "max_over(dpd, 6) >= 45 and outstanding_ratio > 0.5"),
        ("BX06", "yellow", "bureau_overdue90_share > 0.10"),
        ("BX07", "orange", "bureau_inquiries_3m >= 10"),
        ("BX08", "yellow", "ltv > 0.80"),
        ("BX09", "orange", "debt_to_asset > 0.80"),
        ("BX10", "yellow", "change_yoy(current_ratio) < -0.30"),
        ("BX11", "orange", "interest_coverage < 1.0 and net_profit < 0"),
        ("BX12", "yellow", "statement_days_late > 60"),
        ("BX13", "orange", "adverse_news_3m >= 2 or litigation_12m >= 2"),
        ("BX14", "yellow", "days_since_last_payment > 45 and dpd > 0"),
        ("BX15", "orange", "partial_payments_6m >= 1 and times_30_plus_12m >= 1"),
    ];

    /// <summary>Switches the rules on as a bank would (a draft, a request, another person's approval), unless an earlier run did.</summary>
    public IReadOnlyList<string> ActivateRules()
    {
        var book = new RuleBook(database, clock);
        using (var db = database.CreateContext())
            if (db.RuleVersions.Count(v => v.Status == RuleVersionStatus.Active) >= Count)
                return ActiveFeatures();
        book.AddDefaults(EndOfDayBenchmark.Actor);
        foreach (var (code, severity, condition) in Variants)
            book.Save(new RuleDraft(code, $"Benchmark variant {code}", severity, [], condition), EndOfDayBenchmark.Actor);
        var codes = DefaultRuleLibrary.All.Where(r => RuleBook.EndOfDayEvaluates(r.Condition)).Select(r => r.Code).Concat(Variants.Select(v => v.Code)).Take(Count);
        foreach (var code in codes)
        {
            book.RequestActivation(code, 1, EndOfDayBenchmark.Actor);
            book.Approve(code, 1, "user:bench-checker");
        }
        return ActiveFeatures();
    }

    private IReadOnlyList<string> ActiveFeatures()
    {
        using var db = database.CreateContext();
        return [.. db.RuleVersions.Where(v => v.Status == RuleVersionStatus.Active).AsEnumerable()
            .SelectMany(v => RuleBook.Check(v.Condition).Rule!.RequiredInputs.Select(i => i.Feature)).Distinct().Order()];
    }

    /// <summary>Brings a new bench book to its business date without rules, unless an earlier run did; returns the end-of-day service.</summary>
    internal static EndOfDayService CatchUp(DatabaseSettings database, ServicingSettings settings, TimeProvider clock, IBenchmarkConsole console, EndOfDayBenchmarkOptions options)
    {
        var eod = new EndOfDayService(database, settings, clock);
        if (eod.BusinessDate() is not null) return eod;
        console.Phase("history catch-up", report =>
        {
            var result = eod.Run(new EndOfDayRequest(Through: options.AsOf), p => report(p.BorrowersDone, p.BorrowersTotal, $"{p.LoansDone:N0} loans"));
            return result.Succeeded ? 0 : throw new InvalidOperationException(result.Failure!.Message);
        });
        return eod;
    }

    public RuleBenchmarkResult Run(EndOfDayBenchmarkOptions options, BenchmarkBook book)
    {
        var eod = CatchUp(database, settings, clock, console, options);
        var features = console.Phase("switch the rules on", _ => ActivateRules());
        console.Phase("settle", _ => { database.SettleAfterBulkLoad(); return 0; });
        int active;
        using (var db = database.CreateContext())
            active = db.LoanStates.Count(s => s.Status == Domain.Loans.LoanStatus.Active);
        var rules = 0;
        using (var db = database.CreateContext())
            rules = db.RuleVersions.Count(v => v.Status == RuleVersionStatus.Active);
        var first = Daily(eod, "daily run with the rules");
        var second = Daily(eod, "next daily run");
        return new RuleBenchmarkResult(MachineInfo.Current(), book, active, rules, features, first, second);
    }

    private RuleRunFigures Daily(EndOfDayService eod, string title)
    {
        var date = eod.BusinessDate()!.Value.AddDays(1);
        var timings = new EndOfDayTimings();
        var timed = new EndOfDayService(database, settings, clock) { Timings = timings };
        var started = Stopwatch.GetTimestamp();
        var result = console.Phase(title, report =>
            timed.Run(new EndOfDayRequest(Date: date), p => report(p.BorrowersDone, p.BorrowersTotal, $"{p.LoansDone:N0} loans")));
        var wall = Stopwatch.GetElapsedTime(started);
        if (!result.Succeeded) throw new InvalidOperationException(result.Failure!.Message);
        return new RuleRunFigures(date, result.Value!.LoansProcessed, wall, timings.Alerts, result.Value.AlertsRaised);
    }
}
