using PostLoan.Domain.EarlyWarning.Rules;
using Shouldly;
using static PostLoan.Domain.Tests.EarlyWarning.Rules.RuleTesting;

namespace PostLoan.Domain.Tests.EarlyWarning.Rules;

public class ParsingTests
{
    [Theory]
    [InlineData("1 + 2 * 3 == 7")]
    [InlineData("(1 + 2) * 3 == 9")]
    [InlineData("10 - 4 - 3 == 3")]
    [InlineData("12 / 2 / 3 == 2")]
    [InlineData("-2 * 3 == -6")]
    [InlineData("- (2 + 3) == -5")]
    [InlineData("2 - -3 == 5")]
    [InlineData("1 + 2 > 2 and 3 > 2")]
    [InlineData("true or true and false")]
    [InlineData("not false and true")]
    [InlineData("not 1 > 2")]
    [InlineData("not not true")]
    [InlineData("not (true and false)")]
    [InlineData("TRUE Or FALSE")]
    [InlineData("5 IN [1, 5] AND 'a' NOT IN ['b']")]
    [InlineData("-1 in [-1, 2]")]
    [InlineData("(true or false) == true")]
    public void Precedence_and_associativity_give_the_expected_truth(string text) =>
        Eval(text).ShouldBe(Truth.True);

    [Theory]
    [InlineData("true and false or false")]
    [InlineData("not true and false")]
    [InlineData("false and false or false")]
    [InlineData("(true or true) and false")]
    [InlineData("12 / (2 / 3) == 2")]
    [InlineData("10 - (4 - 3) == 3")]
    public void Grouping_changes_the_outcome_where_precedence_says_so(string text) =>
        Eval(text).ShouldBe(Truth.False);

    [Theory]
    [InlineData("dpd>=30 AND segment IN [\"retail\"]", "dpd >= 30 and segment in ['retail']")]
    [InlineData("(dpd > 30) Or ((ltv > 0.80))", "dpd > 30 or ltv > 0.8")]
    [InlineData("  count_over( dpd>30 ,12 )>=2  ", "count_over(dpd > 30, 12) >= 2")]
    [InlineData("(dpd > 1 or ltv > 1) and on_watch_list", "(dpd > 1 or ltv > 1) and on_watch_list")]
    [InlineData("dpd - (ltv - 1) > 0", "dpd - (ltv - 1) > 0")]
    [InlineData("(dpd - ltv) - 1 > 0", "dpd - ltv - 1 > 0")]
    [InlineData("not (dpd > 1) and NOT(on_watch_list)", "not dpd > 1 and not on_watch_list")]
    [InlineData("segment == \"o'brien\"", "segment == \"o'brien\"")]
    [InlineData("-(dpd) < 1.50", "-dpd < 1.5")]
    [InlineData("(dpd > 1) == (ltv > 1)", "(dpd > 1) == (ltv > 1)")]
    [InlineData("10.000 in [1.0, 2]", "10 in [1, 2]")]
    public void Canonical_text_normalises_spacing_case_brackets_and_numbers(string text, string canonical)
    {
        var rule = Rule(text);

        rule.CanonicalText.ShouldBe(canonical);
        Rule(rule.CanonicalText).CanonicalText.ShouldBe(canonical);
    }

    [Fact]
    public void Rules_written_differently_but_alike_share_one_canonical_text()
    {
        Rule("dpd >= 30 AND segment IN ['retail']").CanonicalText
            .ShouldBe(Rule("dpd>=30 and (segment in [\"retail\"])").CanonicalText);
    }

    [Fact]
    public void Text_keeps_what_was_written()
    {
        Rule("dpd  >  30").Text.ShouldBe("dpd  >  30");
    }

    [Fact]
    public void Multiline_rules_with_tabs_are_accepted()
    {
        Rule("dpd > 30\n\tand ltv > 0.8\r\n").CanonicalText.ShouldBe("dpd > 30 and ltv > 0.8");
    }

    [Fact]
    public void Every_example_in_the_user_document_checks()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rule-language.md"));
        var section = doc[doc.IndexOf("## Examples from post-loan monitoring", StringComparison.Ordinal)..];
        var block = section.Split("```")[1];
        var rules = block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "text" && !l.StartsWith('#')).ToArray();

        rules.Length.ShouldBeGreaterThanOrEqualTo(12);
        foreach (var rule in rules) Rule(rule);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PostLoan.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
