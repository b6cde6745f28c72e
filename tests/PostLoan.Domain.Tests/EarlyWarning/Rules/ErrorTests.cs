using PostLoan.Domain.EarlyWarning.Rules;
using Shouldly;
using static PostLoan.Domain.Tests.EarlyWarning.Rules.RuleTesting;

namespace PostLoan.Domain.Tests.EarlyWarning.Rules;

public class ErrorTests
{
    [Fact]
    public void Unknown_feature_is_refused_with_its_position_and_the_nearest_name()
    {
        var check = RuleLanguage.Check("dpd > 30 and debt_to_asets > 0.7", Catalog);

        check.Rule.ShouldBeNull();
        check.Errors.Single().ShouldBe(new RuleError(14, 13, "unknown feature 'debt_to_asets' (did you mean 'debt_to_asset'?)"));
        check.Errors.Single().ToString().ShouldBe("column 14: unknown feature 'debt_to_asets' (did you mean 'debt_to_asset'?)");
    }

    [Fact]
    public void Unknown_feature_far_from_any_name_gets_no_suggestion() =>
        Error("zzzzzzzz > 1").ShouldBe("column 1: unknown feature 'zzzzzzzz'");

    [Fact]
    public void Uppercase_feature_name_is_refused_and_pointed_to_the_lowercase_one() =>
        Error("DPD > 1").ShouldBe("column 1: unknown feature 'DPD' (did you mean 'dpd'?)");

    [Fact]
    public void And_over_a_number_names_the_side() =>
        Error("dpd and on_watch_list").ShouldBe("column 5: 'and' needs a true/false value on its left, got a number");

    [Fact]
    public void Or_over_a_text_on_the_right_names_the_side() =>
        Error("on_watch_list or segment").ShouldBe("column 15: 'or' needs a true/false value on its right, got a text");

    [Fact]
    public void Missing_closing_bracket_is_reported_where_it_was_expected() =>
        Error("(dpd > 30 and ltv > 1").ShouldBe("column 22: ')' expected");

    [Fact]
    public void Missing_closing_bracket_before_another_token_points_at_that_token() =>
        Error("(dpd > 30 and ltv > 1 ltv").ShouldBe("column 23: ')' expected");

    [Fact]
    public void Unmatched_closing_bracket_is_refused() =>
        Error("dpd > 30)").ShouldBe("column 9: ')' has no matching '('");

    [Fact]
    public void A_number_condition_is_refused() =>
        Error("dpd + 1").ShouldBe("column 1: the condition is a number; a rule needs a true/false condition");

    [Fact]
    public void A_text_condition_is_refused_at_its_start() =>
        Error("  segment").ShouldBe("column 3: the condition is a text; a rule needs a true/false condition");

    [Fact]
    public void Chained_comparison_is_refused_at_the_second_operator() =>
        Error("1 < 2 < 3").ShouldBe("column 7: comparisons cannot be chained: write 'a < b and b < c'");

    [Fact]
    public void Chained_in_is_refused() =>
        Error("dpd > 1 in [true]").ShouldBe("column 9: comparisons cannot be chained: write 'a < b and b < c'");

    [Fact]
    public void Rule_ending_after_an_operator_is_refused_at_the_end() =>
        Error("dpd >").ShouldBe("column 6: a value expected, found the end of the rule");

    [Fact]
    public void Keyword_where_a_value_belongs_is_refused() =>
        Error("dpd > and").ShouldBe("column 7: a value expected, found 'and'");

    [Fact]
    public void Trailing_words_are_refused() =>
        Error("dpd > 30 drop").ShouldBe("column 10: 'drop' is unexpected here; join conditions with 'and' or 'or'");

    [Fact]
    public void Unknown_function_is_refused_with_a_suggestion() =>
        Error("dpd > 1 and abss(ltv) > 1").ShouldBe("column 13: unknown function 'abss' (did you mean 'abs'?)");

    [Fact]
    public void Feature_called_as_a_function_is_refused() =>
        Error("dpd(1) > 1").ShouldBe("column 1: 'dpd' is a feature, not a function");

    [Fact]
    public void Function_used_as_a_feature_is_refused() =>
        Error("abs > 1").ShouldBe("column 1: 'abs' is a function: write abs(number)");

    [Theory]
    [InlineData("ago(dpd) > 1", "column 1: 'ago' takes 2 arguments, ago(value, months); got 1")]
    [InlineData("abs(dpd, 1) > 1", "column 1: 'abs' takes 1 argument, abs(number); got 2")]
    [InlineData("dpd > 1 or is_missing()", "column 12: 'is_missing' takes 1 argument, is_missing(value); got 0")]
    [InlineData("change_yoy(dpd, 12) > 1", "column 1: 'change_yoy' takes 1 argument, change_yoy(number); got 2")]
    public void Wrong_number_of_arguments_is_refused_with_the_signature(string text, string error) =>
        Error(text).ShouldBe(error);

    [Theory]
    [InlineData("ago(dpd, 0) > 1", "column 10: the months must be a whole number of months from 1 to 36, got 0")]
    [InlineData("ago(dpd, 37) > 1", "column 10: the months must be a whole number of months from 1 to 36, got 37")]
    [InlineData("ago(dpd, 1.5) > 1", "column 10: the months must be a whole number of months from 1 to 36, got 1.5")]
    [InlineData("ago(dpd, -3) > 1", "column 10: the months must be a whole number of months from 1 to 36, got -3")]
    [InlineData("max_over(dpd, dpd) > 1", "column 15: the months must be a whole number of months from 1 to 36 written as a number, not a calculation or feature")]
    [InlineData("count_over(dpd > 1, 6 + 6) > 1", "column 21: the months must be a whole number of months from 1 to 36 written as a number, not a calculation or feature")]
    public void Month_counts_must_be_whole_literals_from_1_to_36(string text, string error) =>
        Error(text).ShouldBe(error);

    [Fact]
    public void Month_count_of_36_and_12_point_0_are_accepted()
    {
        Rule("ago(dpd, 36) > 1").RequiredInputs.ShouldBe([new FeatureInput("dpd", 36)]);
        Rule("ago(dpd, 12.0) > 1").RequiredInputs.ShouldBe([new FeatureInput("dpd", 12)]);
    }

    [Fact]
    public void Several_type_errors_are_all_reported()
    {
        var errors = Errors("segment > 1 or abs(on_watch_list) > 1 or ago(dpd, 40) > 1");

        errors.ShouldBe([
            "column 9: '>' compares numbers only; it needs a number on its left, got a text",
            "column 20: 'abs' needs a number as its argument, got a true/false value",
            "column 51: the months must be a whole number of months from 1 to 36, got 40",
        ]);
    }

    [Theory]
    [InlineData("not dpd", "column 1: 'not' needs a true/false value, got a number")]
    [InlineData("-segment == 'a'", "column 1: '-' needs a number, got a text")]
    [InlineData("segment + 1 > 2", "column 9: '+' needs a number on its left, got a text")]
    [InlineData("dpd * on_watch_list > 2", "column 5: '*' needs a number on its right, got a true/false value")]
    [InlineData("dpd == 'x'", "column 5: '==' needs the same type on both sides, got a number and a text")]
    [InlineData("on_watch_list != 1", "column 15: '!=' needs the same type on both sides, got a true/false value and a number")]
    [InlineData("segment in ['retail', 1]", "column 23: the 'in' list must hold texts like its left side, got a number")]
    [InlineData("dpd not in ['30']", "column 13: the 'not in' list must hold numbers like its left side, got a text")]
    [InlineData("count_over(dpd, 3) > 1", "column 12: 'count_over' needs a true/false condition as its first argument, got a number")]
    [InlineData("change(segment, 3) > 1", "column 8: 'change' needs a number as its first argument, got a text")]
    [InlineData("growth_yoy(on_watch_list) > 1", "column 12: 'growth_yoy' needs a number as its argument, got a true/false value")]
    [InlineData("max(dpd, segment) > 1", "column 10: 'max' needs a number as its second argument, got a text")]
    [InlineData("coalesce(dpd, 'none') == 1", "column 1: 'coalesce' needs two values of the same type, got a number and a text")]
    public void Type_errors_name_the_operator_and_types(string text, string error) =>
        Error(text).ShouldBe(error);

    [Theory]
    [InlineData("dpd in []", "column 9: a list needs at least one value")]
    [InlineData("dpd in [ltv]", "column 9: a list holds only written values (numbers, texts in quotes, true, false), found 'ltv'")]
    [InlineData("dpd in [1 2]", "column 11: ',' or ']' expected")]
    [InlineData("dpd in 1", "column 8: a list such as ['retail', 'sme'] expected after 'in'")]
    [InlineData("[1] == dpd", "column 1: a list [...] may only follow 'in' or 'not in'")]
    [InlineData("max(dpd 1) > 1", "column 9: ',' or ')' expected")]
    public void Malformed_lists_and_arguments_are_refused(string text, string error) =>
        Error(text).ShouldBe(error);

    [Theory]
    [InlineData("dpd = 30", "column 5: unexpected character '=': write '==' to compare")]
    [InlineData("!on_watch_list", "column 1: unexpected character '!': write 'not' to negate, '!=' for 'differs from'")]
    [InlineData("dpd > 1 && ltv > 1", "column 9: unexpected character '&': write 'and'")]
    [InlineData("dpd > .5", "column 7: unexpected character '.': a number needs digits before its decimal point, and names have no dots")]
    [InlineData("dpd > 1e5", "column 7: '1e5' is not a number: write digits with an optional decimal point and digits after it, no exponent")]
    [InlineData("dpd > 30days", "column 7: '30days' is not a number: write digits with an optional decimal point and digits after it, no exponent")]
    [InlineData("dpd > 1.", "column 7: '1.' is not a number: write digits with an optional decimal point and digits after it, no exponent")]
    [InlineData("dpd > 1.2.3", "column 7: '1.2.3' is not a number: write digits with an optional decimal point and digits after it, no exponent")]
    public void Characters_outside_the_grammar_are_refused_with_their_position(string text, string error) =>
        Error(text).ShouldBe(error);

    [Fact]
    public void Number_too_large_for_decimal_is_refused() =>
        Error("dpd > 79228162514264337593543950336").ShouldBe(
            "column 7: the number 79228162514264337593543950336 is too large; the largest is 79228162514264337593543950335");

    [Fact]
    public void Largest_decimal_is_accepted() =>
        Eval("79228162514264337593543950335 > 0").ShouldBe(Truth.True);

    [Fact]
    public void Number_with_more_digits_than_decimal_holds_is_refused_rather_than_rounded() =>
        Error("ltv > 0.12345678901234567890123456789").ShouldBe(
            "column 7: the number 0.12345678901234567890123456789 has more digits than can be held exactly (at most 28 after the point, 29 in all)");

    [Fact]
    public void Leading_and_trailing_zeros_do_not_count_as_lost_digits() =>
        Eval("0007.2500 == 7.25").ShouldBe(Truth.True);

    [Fact]
    public void Error_never_throws_for_null_text() =>
        RuleLanguage.Check(null, Catalog).Errors.Single().ToString().ShouldBe("column 1: the rule is empty");
}
