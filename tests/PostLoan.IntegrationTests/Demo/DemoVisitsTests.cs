using PostLoan.Application.Common;
using PostLoan.Application.Configuration;
using PostLoan.Application.Demo;
using PostLoan.Application.EarlyWarning;
using PostLoan.Application.EndOfDay;
using PostLoan.Application.Inspections;
using PostLoan.Domain.EarlyWarning;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Demo;

/// <summary>The demo's simulated post-loan work: the same for a seed, and enough of it for the last full month's briefing.</summary>
public sealed class DemoVisitsTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private readonly TempDatabase _a = new();
    private readonly TempDatabase _b = new();

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public void The_same_seed_gives_the_same_work_and_the_last_full_month_has_visits_done_and_reported()
    {
        var first = Simulate(_a);
        var second = Simulate(_b);

        second.ShouldBe(first);
        first.Reports.ShouldBeGreaterThan(0);
        first.Approved.ShouldBeGreaterThan(0);
        first.OnTime.ShouldBeGreaterThan(first.Late);
        Work(_b).ShouldBe(Work(_a));

        var briefing = new BriefingQuery(_a.Settings, new InspectionSettings(), TimeProvider.System).Build(new DateOnly(2025, 6, 1), "bank", DataScope.All);
        briefing.Succeeded.ShouldBeTrue(briefing.Failure?.Message);
        var june = briefing.Value!;
        june.Current.Planned.ShouldBeGreaterThan(0);
        june.Current.Done.ShouldBeGreaterThan(0);
        june.Current.Reports.ShouldBeGreaterThan(0);
        june.Previous.Reports.ShouldBeGreaterThan(0);
        june.Methods.Count(m => m.Current > 0).ShouldBeGreaterThanOrEqualTo(2);
        // Completion dates vary with the weekly rounds: not everything lands on the last day.
        _a.Count("SELECT COUNT(DISTINCT completed_on) FROM inspection_tasks WHERE completed_on >= '2025-05-01'").ShouldBeGreaterThan(4);
    }

    /// <summary>The demo's path: the book and its monitoring data, the default rules on, end-of-day to the start of the work, then weekly rounds.</summary>
    private static DemoVisitResult Simulate(TempDatabase db)
    {
        Book.ImportDemo(db, new DemoBookOptions(1000, 12, 11, AsOf, Monitoring: true));
        var rules = new RuleBook(db.Settings, TimeProvider.System);
        rules.AddDefaults("job:demo");
        foreach (var code in DefaultRuleLibrary.All.Where(r => RuleBook.EndOfDayEvaluates(r.Condition)).Select(r => r.Code))
        {
            rules.RequestActivation(code, 1, "job:demo");
            rules.Approve(code, 1, "user:risk");
        }
        DemoVisits.WorkStart(AsOf).ShouldBe(new DateOnly(2025, 5, 1));
        Book.Eod(db, through: DemoVisits.WorkStart(AsOf));
        var eod = new EndOfDayService(db.Settings, new ServicingSettings(), TimeProvider.System);
        var result = new DemoVisits(db.Settings, TimeProvider.System).Advance(eod, AsOf, seed: 7);
        result.Succeeded.ShouldBeTrue(result.Failure?.Message);
        return result.Value!;
    }

    /// <summary>Every task and report as the work left them, without ids: end-of-day may number rows in another order.</summary>
    private static List<string> Work(TempDatabase db)
    {
        using var context = db.Settings.CreateContext();
        var tasks = context.InspectionTasks.ToList()
            .Select(t => $"task {t.LoanId} {t.Kind} {t.Origin} {t.Status} {t.DueOn} {t.CreatedOn} {t.CompletedOn} {t.CompletedBy} {t.EscalatedOn} {t.CancelledOn}");
        var reports = context.VisitReports.ToList()
            .Select(r => $"report {r.LoanId} {r.Method} {r.VisitedOn} {r.Participants} {r.Findings} {r.RiskRating} {r.Status} {r.ReviewedBy} {r.ReviewNote} {r.RiskPoints} {r.Actions.Count}");
        return [.. tasks.Concat(reports).Order(StringComparer.Ordinal)];
    }
}
