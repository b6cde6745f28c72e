using PostLoan.Domain.EarlyWarning.Rules;
using Shouldly;
using static PostLoan.Domain.Tests.EarlyWarning.Rules.RuleTesting;

namespace PostLoan.Domain.Tests.EarlyWarning.Rules;

public class HistoryTests
{
    // Lags 0..12: a ratio deteriorating over the year.
    private static readonly FeatureRow Ratio = History("debt_to_asset",
        0.80m, 0.78m, 0.75m, 0.70m, 0.65m, 0.65m, 0.65m, 0.65m, 0.65m, 0.65m, 0.65m, 0.65m, 0.60m);

    [Theory]
    [InlineData("ago(debt_to_asset, 3) == 0.70")]
    [InlineData("ago(debt_to_asset, 12) == 0.6")]
    [InlineData("ago(ago(debt_to_asset, 1), 2) == 0.70")]
    [InlineData("change(debt_to_asset, 1) == 0.02")]
    [InlineData("change_qoq(debt_to_asset) == 0.10")]
    [InlineData("change_yoy(debt_to_asset) == 0.20")]
    [InlineData("change(debt_to_asset * 100, 2) == 5")]
    [InlineData("debt_to_asset > 0.7 and change_yoy(debt_to_asset) > 0.10")]
    public void Lag_functions_read_the_month_ends_before(string text) =>
        Eval(text, Ratio).ShouldBe(Truth.True);

    [Theory]
    [InlineData(120, 100, "growth_yoy(revenue) == 0.2", Truth.True)]
    [InlineData(90, 100, "growth_yoy(revenue) == -0.1", Truth.True)]
    [InlineData(100, 0, "is_missing(growth_yoy(revenue))", Truth.True)]
    [InlineData(0, 100, "growth_yoy(revenue) == -1", Truth.True)]
    [InlineData(100, null, "is_missing(growth_yoy(revenue))", Truth.True)]
    [InlineData(null, 100, "growth_yoy(revenue) < 0", Truth.Unknown)]
    public void Growth_is_relative_to_a_year_ago_and_missing_without_a_base(int? now, int? yearAgo, string text, Truth expected)
    {
        var history = new decimal?[13];
        history[0] = now;
        history[12] = yearAgo;

        Eval(text, History("revenue", history)).ShouldBe(expected);
    }

    [Fact]
    public void Change_with_a_missing_old_value_is_missing() =>
        Eval("is_missing(change_qoq(dpd))", History("dpd", 10m, 5m, 5m, null)).ShouldBe(Truth.True);

    [Theory]
    [InlineData("max_over(dpd, 3) == 50")]
    [InlineData("min_over(dpd, 3) == 10")]
    [InlineData("avg_over(dpd, 3) == 30")]
    [InlineData("max_over(dpd, 4) == 99")]
    [InlineData("avg_over(dpd, 1) == 10")]
    [InlineData("max_over(dpd - 5, 3) == 45")]
    [InlineData("max_over(change(dpd, 1), 2) == 20")]
    public void Windows_cover_lags_0_to_n_and_skip_missing_points(string text) =>
        // Lag 1 is missing; lag 4 only counts in windows of 4 months or more.
        Eval(text, History("dpd", 10m, null, 50m, 30m, 99m)).ShouldBe(Truth.True);

    [Theory]
    [InlineData("is_missing(max_over(dpd, 2))")]
    [InlineData("is_missing(min_over(dpd, 2))")]
    [InlineData("is_missing(avg_over(dpd, 2))")]
    [InlineData("count_over(dpd > 30, 2) == 0")]
    public void Windows_over_only_missing_points_are_missing_but_a_count_is_zero(string text) =>
        Eval(text, History("dpd", null, null, null, 100m)).ShouldBe(Truth.True);

    [Fact]
    public void Average_whose_sum_overflows_is_missing()
    {
        const decimal big = 50_000_000_000_000_000_000_000_000_000m;

        Eval("is_missing(avg_over(revenue, 2))", History("revenue", big, big, 1m)).ShouldBe(Truth.True);
        Eval("max_over(revenue, 2) == 50000000000000000000000000000", History("revenue", big, big, 1m)).ShouldBe(Truth.True);
    }

    [Fact]
    public void Count_over_counts_the_months_where_the_condition_is_true()
    {
        // 31 and 60 count; 30 is not above 30; lag 4 is missing (unknown, not counted); lag 13 is outside.
        var row = History("dpd", 45m, 0m, 31m, 30m, null, 60m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 100m);

        Rule("count_over(dpd > 30, 12) >= 2").EvaluateRow(row).Fired.ShouldBeTrue();
        Eval("count_over(dpd > 30, 12) == 3", row).ShouldBe(Truth.True);
        Eval("count_over(dpd > 30, 13) == 4", row).ShouldBe(Truth.True);
        Eval("count_over(not dpd > 30, 5) == 2", row).ShouldBe(Truth.True);
    }

    [Fact]
    public void Lags_inside_count_over_add_to_the_months_it_steps_through()
    {
        var row = History("dpd", 45m, 0m, 0m, 0m, 31m, 0m);

        // ago(dpd, 1) at lags 0..3 reads dpd at 1..4: only lag 4 (31) counts.
        Eval("count_over(ago(dpd, 1) > 30, 3) == 1", row).ShouldBe(Truth.True);
        Rule("count_over(ago(dpd, 1) > 30, 3) == 1").RequiredInputs.Select(i => i.Lag).ShouldBe([1, 2, 3, 4]);
        // change(dpd, 1) > 0 at lags 0, 1, 2: 45 − 0, 0 − 0, 0 − 0.
        Eval("count_over(change(dpd, 1) > 0, 2) == 1", row).ShouldBe(Truth.True);
        // The inner window at lag k covers k..k+1: true at 0 (45) and at 3 (31), not at 1 or 2.
        Eval("count_over(count_over(dpd > 30, 1) >= 1, 3) == 2", row).ShouldBe(Truth.True);
        Rule("count_over(count_over(dpd > 30, 1) >= 1, 3) == 2").RequiredInputs.Select(i => i.Lag).ShouldBe([0, 1, 2, 3, 4]);
    }

    [Fact]
    public void Ago_works_on_texts_and_bools()
    {
        var row = new FeatureRow()
            .Set("segment", 0, FeatureValue.Of("sme"))
            .Set("segment", 12, FeatureValue.Of("retail"))
            .Set("on_watch_list", 0, FeatureValue.Of(false))
            .Set("on_watch_list", 1, FeatureValue.Of(true));

        Eval("ago(segment, 12) != segment", row).ShouldBe(Truth.True);
        Eval("ago(on_watch_list, 1) and not on_watch_list", row).ShouldBe(Truth.True);
    }
}
