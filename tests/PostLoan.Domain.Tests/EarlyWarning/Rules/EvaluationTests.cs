using PostLoan.Domain.EarlyWarning.Rules;
using Shouldly;
using static PostLoan.Domain.Tests.EarlyWarning.Rules.RuleTesting;

namespace PostLoan.Domain.Tests.EarlyWarning.Rules;

public class EvaluationTests
{
    private static FeatureRow Flags(bool? watch, bool? bureau)
    {
        var row = new FeatureRow();
        row.Set("on_watch_list", 0, watch is { } w ? FeatureValue.Of(w) : FeatureValue.Missing(FeatureType.Bool));
        row.Set("bureau_overdue_elsewhere", 0, bureau is { } b ? FeatureValue.Of(b) : FeatureValue.Missing(FeatureType.Bool));
        return row;
    }

    // Kleene's strong three-valued logic, written out rather than derived, with null for missing.
    [Theory]
    [InlineData(true, true, Truth.True, Truth.True)]
    [InlineData(true, false, Truth.False, Truth.True)]
    [InlineData(true, null, Truth.Unknown, Truth.True)]
    [InlineData(false, true, Truth.False, Truth.True)]
    [InlineData(false, false, Truth.False, Truth.False)]
    [InlineData(false, null, Truth.False, Truth.Unknown)]
    [InlineData(null, true, Truth.Unknown, Truth.True)]
    [InlineData(null, false, Truth.False, Truth.Unknown)]
    [InlineData(null, null, Truth.Unknown, Truth.Unknown)]
    public void And_and_or_follow_kleene_truth_tables(bool? a, bool? b, Truth and, Truth or)
    {
        Eval("on_watch_list and bureau_overdue_elsewhere", Flags(a, b)).ShouldBe(and);
        Eval("on_watch_list or bureau_overdue_elsewhere", Flags(a, b)).ShouldBe(or);
    }

    [Theory]
    [InlineData(true, Truth.False)]
    [InlineData(false, Truth.True)]
    [InlineData(null, Truth.Unknown)]
    public void Not_of_missing_is_unknown(bool? a, Truth expected) =>
        Eval("not on_watch_list", Flags(a, false)).ShouldBe(expected);

    [Fact]
    public void Unknown_does_not_fire_the_rule()
    {
        var rule = Rule("dpd > 30");
        var row = new FeatureRow().Set("dpd", 0, FeatureValue.Missing(FeatureType.Number));

        var result = rule.EvaluateRow(row);

        result.Result.ShouldBe(Truth.Unknown);
        result.Fired.ShouldBeFalse();
    }

    [Theory]
    [InlineData("dpd > 30")]
    [InlineData("dpd == dpd")]
    [InlineData("not dpd > 30")]
    [InlineData("dpd in [1, 2]")]
    [InlineData("dpd not in [1, 2]")]
    [InlineData("segment == 'retail'")]
    [InlineData("segment != 'retail'")]
    [InlineData("segment in ['retail']")]
    [InlineData("on_watch_list == true")]
    [InlineData("on_watch_list in [true, false]")]
    [InlineData("dpd + 1 > 0")]
    [InlineData("abs(dpd) >= 0")]
    [InlineData("min(dpd, 5) <= 5")]
    [InlineData("max(5, dpd) >= 5")]
    [InlineData("-dpd < 1")]
    [InlineData("dpd > 30 and true")]
    [InlineData("dpd > 30 or false")]
    public void Comparisons_with_missing_values_are_unknown(string text) =>
        Eval(text).ShouldBe(Truth.Unknown);

    [Theory]
    [InlineData("dpd > 30 or true", Truth.True)]
    [InlineData("dpd > 30 and false", Truth.False)]
    [InlineData("is_missing(dpd)", Truth.True)]
    [InlineData("is_missing(dpd > 30)", Truth.True)]
    [InlineData("is_missing(segment)", Truth.True)]
    [InlineData("is_missing(on_watch_list)", Truth.True)]
    [InlineData("is_missing(dpd + 1)", Truth.True)]
    [InlineData("coalesce(dpd, 0) == 0", Truth.True)]
    [InlineData("coalesce(segment, 'none') == 'none'", Truth.True)]
    [InlineData("coalesce(on_watch_list, false) == false", Truth.True)]
    [InlineData("is_missing(coalesce(dpd, ltv))", Truth.True)]
    public void Missing_values_can_be_tested_and_replaced(string text, Truth expected) =>
        Eval(text).ShouldBe(expected);

    [Theory]
    [InlineData("0.1 + 0.2 == 0.3")]
    [InlineData("0.1 * 3 == 0.3")]
    [InlineData("1 - 0.9 == 0.1")]
    [InlineData("10 / 4 == 2.5")]
    [InlineData("1.10 == 1.1")]
    [InlineData("100000000000000000000.01 - 100000000000000000000 == 0.01")]
    public void Decimal_arithmetic_is_exact(string text) =>
        Eval(text).ShouldBe(Truth.True);

    [Theory]
    [InlineData("dpd / 0 > 1", Truth.Unknown)]
    [InlineData("is_missing(dpd / 0)", Truth.True)]
    [InlineData("is_missing(dpd / (ltv - ltv))", Truth.True)]
    [InlineData("coalesce(dpd / 0, 7) == 7", Truth.True)]
    [InlineData("0 / dpd == 0", Truth.True)]
    public void Division_by_zero_is_missing(string text, Truth expected) =>
        Eval(text, new FeatureRow().Set("dpd", 45m).Set("ltv", 0.8m)).ShouldBe(expected);

    [Fact]
    public void Overflowing_arithmetic_is_missing_not_an_exception()
    {
        var row = new FeatureRow().Set("dpd", 1m);

        Eval("79228162514264337593543950335 + dpd > 0", row).ShouldBe(Truth.Unknown);
        Eval("is_missing(79228162514264337593543950335 * (dpd + 1))", row).ShouldBe(Truth.True);
    }

    [Theory]
    [InlineData("retail", "segment in ['retail', 'sme']", Truth.True)]
    [InlineData("corporate", "segment in ['retail', 'sme']", Truth.False)]
    [InlineData("corporate", "segment not in ['retail', 'sme']", Truth.True)]
    [InlineData("Retail", "segment in ['retail']", Truth.False)]
    [InlineData("retail", "segment == 'Retail'", Truth.False)]
    [InlineData(null, "segment not in ['retail']", Truth.Unknown)]
    public void Text_lists_match_exactly(string? segment, string text, Truth expected)
    {
        var row = new FeatureRow().Set("segment", 0, segment is null ? FeatureValue.Missing(FeatureType.Text) : FeatureValue.Of(segment));

        Eval(text, row).ShouldBe(expected);
    }

    [Theory]
    [InlineData(30, "dpd in [0, 30.00]", Truth.True)]
    [InlineData(31, "dpd in [0, 30]", Truth.False)]
    [InlineData(-1, "dpd in [-1]", Truth.True)]
    [InlineData(5, "dpd not in [1, 2, 3]", Truth.True)]
    [InlineData(2, "dpd not in [1, 2, 3]", Truth.False)]
    public void Number_lists_compare_values_not_spelling(int dpd, string text, Truth expected) =>
        Eval(text, new FeatureRow().Set("dpd", (decimal)dpd)).ShouldBe(expected);

    [Theory]
    [InlineData(true, "on_watch_list in [true]", Truth.True)]
    [InlineData(false, "on_watch_list in [true]", Truth.False)]
    [InlineData(false, "on_watch_list not in [true]", Truth.True)]
    [InlineData(true, "on_watch_list != false", Truth.True)]
    public void Bool_values_compare_and_match_lists(bool watch, string text, Truth expected) =>
        Eval(text, Flags(watch, false)).ShouldBe(expected);

    [Theory]
    [InlineData("abs(0 - dpd) == 45")]
    [InlineData("min(dpd, 30) == 30")]
    [InlineData("max(dpd, 90) == 90")]
    [InlineData("coalesce(dpd, 0) == 45")]
    [InlineData("not is_missing(dpd)")]
    public void Plain_functions_compute_their_definition(string text) =>
        Eval(text, new FeatureRow().Set("dpd", 45m)).ShouldBe(Truth.True);
}
