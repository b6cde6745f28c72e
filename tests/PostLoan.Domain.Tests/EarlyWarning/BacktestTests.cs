using PostLoan.Domain.EarlyWarning.Backtesting;
using Shouldly;

namespace PostLoan.Domain.Tests.EarlyWarning;

public class BacktestTests
{
    private static readonly DateOnly January = new(2025, 1, 31);
    private static readonly DateOnly KnownThrough = new(2025, 12, 31);

    /// <summary>
    /// 100 loans observed at the end of January; 10 of them go bad within 6 months. The rule fires on 8 loans, 4 of
    /// which go bad: precision 4/8 = 0.5, recall 4/10 = 0.4, base rate 10/100 = 0.1, lift 0.5/0.1 = 5.
    /// </summary>
    private static IEnumerable<BacktestCase> Crafted()
    {
        var bad = January.AddDays(45);
        for (var id = 1; id <= 100; id++)
        {
            var goesBad = id <= 10;
            var fired = id is >= 7 and <= 14; // 7..10 bad and flagged, 11..14 flagged but good
            yield return new BacktestCase(id, fired, goesBad ? bad : null);
        }
    }

    [Fact]
    public void Month_counts_alerts_bad_loans_and_hits_with_their_ratios()
    {
        var month = Backtest.Month(January, Crafted(), KnownThrough);

        month.Population.ShouldBe(100);
        month.Alerts.ShouldBe(8);
        month.Bad.ShouldBe(10);
        month.Hits.ShouldBe(4);
        month.Precision.ShouldBe(0.5m);
        month.Recall.ShouldBe(0.4m);
        month.BaseRate.ShouldBe(0.1m);
        month.Lift.ShouldBe(5m);
        month.OutcomeKnown.ShouldBeTrue();
    }

    [Fact]
    public void Going_bad_counts_only_after_the_month_end_and_within_six_months()
    {
        var cases = new[]
        {
            new BacktestCase(1, true, January),                 // on the month end itself: already known then, not a prediction
            new BacktestCase(2, true, January.AddDays(1)),      // the next day: bad
            new BacktestCase(3, true, new DateOnly(2025, 7, 31)), // the horizon's last day (Jan 31 + 6 months): bad
            new BacktestCase(4, true, new DateOnly(2025, 8, 1)),  // a day too late
        };

        var month = Backtest.Month(January, cases, KnownThrough);

        month.Bad.ShouldBe(2);
        month.Hits.ShouldBe(2);
    }

    [Fact]
    public void A_month_whose_horizon_the_book_has_not_reached_is_marked_and_left_out_of_the_totals()
    {
        var known = Backtest.Month(January, Crafted(), KnownThrough);
        var unknown = Backtest.Month(new DateOnly(2025, 9, 30), Crafted(), KnownThrough);

        unknown.OutcomeKnown.ShouldBeFalse();
        var total = new BacktestResult([known, unknown]).Total;
        total.Population.ShouldBe(100);
        total.Hits.ShouldBe(4);
        total.Lift.ShouldBe(5m);
    }

    [Fact]
    public void Totals_are_ratios_of_sums_not_averages_of_ratios()
    {
        // February: 50 loans, 5 alerts all bad, 5 bad in all. Precision 1.0 that month, 0.5 in January.
        var february = Backtest.Month(new DateOnly(2025, 2, 28),
            Enumerable.Range(1, 50).Select(i => new BacktestCase(i, i <= 5, i <= 5 ? new DateOnly(2025, 4, 1) : null)), KnownThrough);
        var total = new BacktestResult([Backtest.Month(January, Crafted(), KnownThrough), february]).Total;

        total.Alerts.ShouldBe(13);
        total.Hits.ShouldBe(9);
        total.Precision.ShouldBe(9m / 13m);
        total.Recall.ShouldBe(9m / 15m);
        total.BaseRate.ShouldBe(15m / 150m);
    }

    [Fact]
    public void Ratios_with_nothing_to_divide_by_are_missing_not_zero()
    {
        var month = Backtest.Month(January, [new BacktestCase(1, false, null)], KnownThrough);

        month.Precision.ShouldBeNull();
        month.Recall.ShouldBeNull();
        month.BaseRate.ShouldBe(0m);
        month.Lift.ShouldBeNull();
    }
}
