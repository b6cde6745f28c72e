using PostLoan.Application.Common;
using PostLoan.Application.EarlyWarning;
using PostLoan.IntegrationTests.Support;
using Shouldly;
using static PostLoan.IntegrationTests.Support.Book;

namespace PostLoan.IntegrationTests.EarlyWarning;

/// <summary>
/// Back-testing a rule on a crafted history with a known answer. Seven consumer loans disbursed 2024-01-15, due on the
/// 15th: A1–A4 pay on time; B1 and B2 pay February and March, then nothing (DPD 91, bucket M4, on 2024-07-15); C1 misses
/// April and pays it on 10 May, then pays on time. End-of-day runs to 2024-12-31.
/// </summary>
public sealed class RuleBacktestTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public RuleBacktestTests()
    {
        ConsumerBook.Import(_db, "A1", "A2", "A3", "A4", "B1", "B2", "C1");
        Eod(_db, through: new DateOnly(2024, 12, 31));
    }

    public void Dispose() => _db.Dispose();

    private Result<BacktestReport> Run(string rule, int fromMonth = 3, int toMonth = 5) =>
        new RuleBacktest(_db.Settings).Run(new BacktestRequest(rule, new DateOnly(2024, fromMonth, 1), new DateOnly(2024, toMonth, 1)));

    [Fact]
    public void Each_month_counts_alerts_bad_loans_and_hits_with_the_known_answer()
    {
        var report = Run("dpd >= 1");

        report.Succeeded.ShouldBeTrue(report.Failure?.Message);
        var months = report.Value!.Result.Months;
        months.Select(m => m.MonthEnd).ShouldBe([new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 30), new DateOnly(2024, 5, 31)]);
        // March: nobody is overdue yet; B1 and B2 go bad within six months.
        (months[0].Population, months[0].Alerts, months[0].Bad, months[0].Hits).ShouldBe((7, 0, 2, 0));
        // April: B1, B2 and C1 are 15 days late; only B1 and B2 go bad.
        (months[1].Population, months[1].Alerts, months[1].Bad, months[1].Hits).ShouldBe((7, 3, 2, 2));
        months[1].Precision.ShouldBe(2m / 3m);
        months[1].Recall.ShouldBe(1m);
        months[1].Lift.ShouldBe(2m / 3m / (2m / 7m));
        // May: C1 has caught up; B1 and B2 are 46 days late.
        (months[2].Alerts, months[2].Hits).ShouldBe((2, 2));
        report.Value.Result.Total.Alerts.ShouldBe(5);
        report.Value.Result.Total.Hits.ShouldBe(4);
        report.Value.KnownThrough.ShouldBe(new DateOnly(2024, 12, 31));
    }

    [Fact]
    public void History_functions_read_earlier_month_ends()
    {
        // In May, B1 and B2 have been overdue at two month ends running; C1 only at one.
        var months = Run("count_over(dpd > 0, 1) >= 2", 5, 5).Value!.Result.Months;

        (months[0].Alerts, months[0].Hits).ShouldBe((2, 2));
    }

    [Fact]
    public void A_month_whose_horizon_is_not_yet_seen_is_marked_incomplete()
    {
        var months = Run("dpd >= 1", 6, 9).Value!.Result.Months;

        months.Single(m => m.MonthEnd == new DateOnly(2024, 6, 30)).OutcomeKnown.ShouldBeTrue();
        months.Single(m => m.MonthEnd == new DateOnly(2024, 9, 30)).OutcomeKnown.ShouldBeFalse();
    }

    [Fact]
    public void Features_beyond_the_snapshot_are_computed_as_of_each_month_end()
    {
        // At the May month end C1 is current again after peaking at 24 DPD on 9 May; B1 and B2 are still overdue.
        var months = Run("dpd == 0 and max_dpd_3m >= 20", 4, 5).Value!.Result.Months;

        (months[0].Alerts, months[1].Alerts, months[1].Hits).ShouldBe((0, 1, 0));
        Run("times_30_plus_12m >= 1", 5, 5).Value!.Result.Months.Single().Alerts.ShouldBe(2); // B1 and B2 reached 30 DPD on 15 May
        Run("dpd >").Failure!.Message.ShouldContain("column");
    }

    [Fact]
    public void A_stored_rule_is_back_tested_by_its_code()
    {
        new RuleBook(_db.Settings, TimeProvider.System).Save(new RuleDraft("DQ01", "First missed payment", "yellow", ["retail"], "dpd >= 1 and dpd < 30"), "user:li")
            .Succeeded.ShouldBeTrue();

        var report = Run("DQ01", 4, 4).Value!;

        report.Condition.ShouldBe("dpd >= 1 and dpd < 30");
        report.Segments.ShouldBe(["retail"]);
        report.Result.Months.Single().Alerts.ShouldBe(3);
    }
}
