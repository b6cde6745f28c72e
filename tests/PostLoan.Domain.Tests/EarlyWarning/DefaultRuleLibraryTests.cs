using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.EarlyWarning.Features;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Domain.Loans;
using Shouldly;

namespace PostLoan.Domain.Tests.EarlyWarning;

public class DefaultRuleLibraryTests
{
    private static string Docs(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docs", name))) return File.ReadAllText(Path.Combine(dir.FullName, "docs", name));
        throw new FileNotFoundException(name);
    }

    public static TheoryData<string> Codes() => [.. DefaultRuleLibrary.All.Select(r => r.Code)];

    private static RuleDefinition Rule(string code) => DefaultRuleLibrary.All.Single(r => r.Code == code);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_default_rule_checks_against_the_standard_features(string code)
    {
        var check = RuleLanguage.Check(Rule(code).Condition, StandardFeatures.Catalog);

        check.Errors.ShouldBeEmpty();
        check.Rule!.RequiredInputs.ShouldNotBeEmpty();
    }

    [Fact]
    public void The_library_has_at_least_25_rules_with_distinct_codes_covering_each_segment()
    {
        DefaultRuleLibrary.All.Count.ShouldBeGreaterThanOrEqualTo(25);
        DefaultRuleLibrary.All.Select(r => r.Code).ShouldBeUnique();
        foreach (var segment in Enum.GetValues<Segment>())
            DefaultRuleLibrary.All.Count(r => r.AppliesTo(segment)).ShouldBeGreaterThanOrEqualTo(15, segment.ToString());
        DefaultRuleLibrary.All.Where(r => r.Severity == Severity.Red).ShouldNotBeEmpty();
    }

    [Fact]
    public void Every_default_rule_and_every_feature_is_documented()
    {
        var rules = Docs("early-warning-rules.md");
        foreach (var rule in DefaultRuleLibrary.All)
            rules.ShouldContain($"| {rule.Code} | {rule.Name} |", customMessage: rule.Code);
        var features = Docs("features.md");
        foreach (var feature in StandardFeatures.All)
            features.ShouldContain($"| `{feature.Name}` |", customMessage: feature.Name);
    }

    [Fact]
    public void Feature_names_are_unique_and_valid_rule_names()
    {
        StandardFeatures.All.Select(f => f.Name).ShouldBeUnique();
        StandardFeatures.All.ShouldAllBe(f => System.Text.RegularExpressions.Regex.IsMatch(f.Name, "^[a-z_][a-z0-9_]*$"));
    }

    [Fact]
    public void A_default_rule_fires_on_a_crafted_loan_and_stays_quiet_on_a_healthy_one()
    {
        var leverage = RuleLanguage.Check(Rule("FS01").Condition, StandardFeatures.Catalog).Rule!;
        var evaluator = leverage.CreateEvaluator();
        // Three companies: 74 % leverage; 60 % but up 12 points on the year; 60 % and steady.
        var frame = new FeatureFrame(3);
        frame.AddNumbers("debt_to_asset", 0, [0.74m, 0.60m, 0.60m]);
        frame.AddNumbers("debt_to_asset", 12, [0.70m, 0.48m, 0.59m]);
        var results = new Truth[3];

        evaluator.Evaluate(frame, results);

        results.ShouldBe([Truth.True, Truth.True, Truth.False]);
    }
}
