using PostLoan.Domain.EarlyWarning.Rules;
using Shouldly;
using static PostLoan.Domain.Tests.EarlyWarning.Rules.RuleTesting;

namespace PostLoan.Domain.Tests.EarlyWarning.Rules;

public class SafetyTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Empty_or_blank_rule_is_refused(string text) =>
        Error(text).ShouldBe("column 1: the rule is empty");

    [Fact]
    public void Text_longer_than_2000_characters_is_refused_at_the_first_character_too_many()
    {
        var text = "dpd > 1" + new string(' ', 2_993);

        text.Length.ShouldBe(3_000);
        var error = RuleLanguage.Check(text, Catalog).Errors.Single();
        error.ShouldBe(new RuleError(2_001, 1_000, "the rule is 3,000 characters long; at most 2,000 are allowed"));
    }

    [Fact]
    public void Text_of_exactly_2000_characters_is_accepted() =>
        Rule("dpd > 1" + new string(' ', 1_993)).CanonicalText.ShouldBe("dpd > 1");

    [Fact]
    public void A_hundred_thousand_open_brackets_are_refused_without_exhausting_the_stack() =>
        Error(new string('(', 100_000)).ShouldStartWith("column 2001: the rule is 100,000 characters long");

    [Fact]
    public void A_hundred_thousand_open_brackets_stop_at_the_depth_limit_when_length_and_tokens_allow_them()
    {
        var limits = RuleLimits.Default with { MaxLength = 1_000_000, MaxTokens = 100_000 };

        Error(new string('(', 100_000), limits).ShouldBe("column 41: the condition is nested more than 40 levels deep");
        Error(new string('-', 99_990) + "dpd > 1", limits).ShouldBe("column 41: the condition is nested more than 40 levels deep");
        Error(string.Concat(Enumerable.Repeat("not ", 20_000)) + "true", limits).ShouldBe("column 161: the condition is nested more than 40 levels deep");
    }

    [Fact]
    public void Nesting_of_40_is_accepted_and_41_refused_at_the_opening_bracket()
    {
        Rule(new string('(', 40) + "dpd > 1" + new string(')', 40)).CanonicalText.ShouldBe("dpd > 1");

        Error(new string('(', 41) + "dpd > 1" + new string(')', 41)).ShouldBe("column 41: the condition is nested more than 40 levels deep");
    }

    [Fact]
    public void Function_calls_and_lists_count_towards_nesting()
    {
        var forty = string.Concat(Enumerable.Repeat("is_missing(", 39)) + "dpd in [1]" + new string(')', 39);
        Rule(forty);

        var fortyOne = string.Concat(Enumerable.Repeat("is_missing(", 40)) + "dpd in [1]" + new string(')', 40);
        Error(fortyOne).ShouldBe("column 448: the condition is nested more than 40 levels deep");
    }

    [Fact]
    public void More_than_400_tokens_are_refused_at_the_401st()
    {
        // 200 values joined by 199 'or's, plus one 'not': 400 tokens.
        var ok = "not " + string.Join(" or ", Enumerable.Repeat("true", 200));
        Rule(ok);

        var tooMany = ok + " or true";
        Error(tooMany).ShouldBe($"column {ok.Length + 2}: the rule has more than 400 names, numbers, operators and brackets");
    }

    [Fact]
    public void A_long_chain_of_operators_within_the_limits_is_fine()
    {
        var limits = RuleLimits.Default with { MaxLength = 1_000_000, MaxTokens = 100_000 };
        var text = string.Join(" + ", Enumerable.Repeat("1", 900)) + " == 900";

        RuleLanguage.Check(text, Catalog, limits).IsValid.ShouldBeTrue();
        Error(string.Join(" + ", Enumerable.Repeat("1", 5_000)) + " == 5000", limits).ShouldContain("too long a chain of operators");
    }

    [Fact]
    public void Rule_with_too_much_work_per_loan_is_refused()
    {
        Error("count_over(count_over(count_over(dpd > 1, 36) > 1, 36) > 1, 36) > 1").ShouldBe(
            "column 1: the rule needs too much work per loan (156,180 steps, at most 5,000): nested ..._over and count_over multiply their months");
    }

    [Fact]
    public void Deeply_nested_windows_saturate_the_work_count_instead_of_overflowing()
    {
        var text = string.Concat(Enumerable.Repeat("max_over(", 15)) + "dpd" + string.Concat(Enumerable.Repeat(", 36)", 15)) + " > 1";

        Error(text).ShouldStartWith("column 1: the rule needs too much work per loan (over a trillion steps");
    }

    [Theory]
    [InlineData("System.IO.File.Delete(\"x\")", "column 7: unexpected character '.': a number needs digits before its decimal point, and names have no dots")]
    [InlineData("__import__('os')", "column 1: unknown function '__import__'")]
    [InlineData("dpd; drop table loans", "column 4: unexpected character ';': a rule is a single condition")]
    [InlineData("dpd > 1 -- comment", "column 12: unknown feature 'comment'")]
    [InlineData("segment == 'retail", "column 12: the text starting here is never closed: ' expected")]
    [InlineData("segment == \"retail", "column 12: the text starting here is never closed: \" expected")]
    [InlineData("dpd＞30", "column 4: unexpected character '＞' (U+FF1E)")]
    [InlineData("（dpd > 30）", "column 1: unexpected character '（' (U+FF08)")]
    [InlineData("dpd\u3000> 30", "column 4: unexpected character '\u3000' (U+3000)")]
    [InlineData("dpd > 30 {", "column 10: unexpected character '{'")]
    [InlineData("dpd > 30 \0", "column 10: unexpected character U+0000")]
    [InlineData("dpd > 1 and évite", "column 13: unexpected character 'é' (U+00E9)")]
    [InlineData("typeof(dpd) > 1", "column 1: unknown function 'typeof'")]
    [InlineData("${dpd}", "column 1: unexpected character '$'")]
    public void Malicious_and_malformed_input_is_refused_with_a_position(string text, string error) =>
        Error(text).ShouldBe(error);

    [Fact]
    public void Full_width_text_inside_quotes_is_an_ordinary_value()
    {
        var row = new FeatureRow().Set("segment", "小微企业");

        Eval("segment == '小微企业'", row).ShouldBe(Truth.True);
    }

    [Fact]
    public void Random_input_never_throws()
    {
        var random = new Random(20240601);
        const string alphabet = "dptlv_ansorix()[]<>=!+-*/,.'\" 0123456789（é\n";
        for (var n = 0; n < 5_000; n++)
        {
            var chars = new char[random.Next(0, 60)];
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);

            var check = RuleLanguage.Check(text, Catalog);

            (check.Rule is null).ShouldBe(check.Errors.Count > 0, text);
            foreach (var e in check.Errors)
            {
                e.Column.ShouldBeInRange(1, text.Length + 1, text);
                (e.Column - 1 + e.Length).ShouldBeLessThanOrEqualTo(text.Length, text);
            }
        }
    }

    [Fact]
    public void Random_valid_rules_round_trip_through_their_canonical_text()
    {
        var random = new Random(7);
        var made = 0;
        for (var n = 0; n < 3_000 && made < 300; n++)
        {
            var text = RandomCondition(random, 3);
            var check = RuleLanguage.Check(text, Catalog);
            if (!check.IsValid) continue;
            made++;
            var again = RuleLanguage.Check(check.Rule!.CanonicalText, Catalog);
            again.IsValid.ShouldBeTrue(check.Rule.CanonicalText);
            again.Rule!.CanonicalText.ShouldBe(check.Rule.CanonicalText, text);
            again.Rule.RequiredInputs.ShouldBe(check.Rule.RequiredInputs);
        }
        made.ShouldBeGreaterThan(100);
    }

    private static string RandomCondition(Random r, int depth) => r.Next(depth <= 0 ? 2 : 6) switch
    {
        0 => $"{RandomNumber(r, depth - 1)} {Pick(r, "<", "<=", ">", ">=", "==", "!=")} {RandomNumber(r, depth - 1)}",
        1 => Pick(r, "on_watch_list", "true", "segment in ['a', 'b']", "dpd not in [1, -2]", "is_missing(ltv)"),
        2 => $"{RandomCondition(r, depth - 1)} {Pick(r, "and", "or", "AND", "Or")} {RandomCondition(r, depth - 1)}",
        3 => $"not {RandomCondition(r, depth - 1)}",
        4 => $"({RandomCondition(r, depth - 1)})",
        _ => $"count_over({RandomCondition(r, depth - 1)}, {r.Next(1, 4)}) > 0",
    };

    private static string RandomNumber(Random r, int depth) => r.Next(depth <= 0 ? 3 : 8) switch
    {
        0 => Pick(r, "dpd", "ltv", "0.70", "-1", "30"),
        1 => "debt_to_asset",
        2 => "1.5",
        3 => $"{RandomNumber(r, depth - 1)} {Pick(r, "+", "-", "*", "/")} {RandomNumber(r, depth - 1)}",
        4 => $"-({RandomNumber(r, depth - 1)})",
        5 => $"({RandomNumber(r, depth - 1)})",
        6 => $"{Pick(r, "ago", "change", "max_over", "avg_over")}({RandomNumber(r, depth - 1)}, {r.Next(1, 13)})",
        _ => $"{Pick(r, "abs", "change_yoy", "growth_yoy")}({RandomNumber(r, depth - 1)})",
    };

    private static string Pick(Random r, params string[] options) => options[r.Next(options.Length)];
}
