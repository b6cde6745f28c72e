using PostLoan.Domain.EarlyWarning.Rules;
using Shouldly;

namespace PostLoan.Domain.Tests.EarlyWarning.Rules;

/// <summary>A small catalog and helpers shared by the rule language tests.</summary>
internal static class RuleTesting
{
    public static readonly FeatureCatalog Catalog = new(
        new FeatureInfo("dpd", FeatureType.Number, "days", "Days past due on the business date"),
        new FeatureInfo("debt_to_asset", FeatureType.Number, "ratio", "Total debt over total assets, last statement"),
        new FeatureInfo("current_ratio", FeatureType.Number, "ratio", "Current assets over current liabilities"),
        new FeatureInfo("ltv", FeatureType.Number, "ratio", "Loan to collateral value"),
        new FeatureInfo("revenue", FeatureType.Number, "CNY", "Revenue over the last twelve months"),
        new FeatureInfo("segment", FeatureType.Text, "", "Customer segment code"),
        new FeatureInfo("on_watch_list", FeatureType.Bool, "", "The borrower is on the watch list"),
        new FeatureInfo("bureau_overdue_elsewhere", FeatureType.Bool, "", "The bureau reports an overdue loan at another bank"));

    public static CheckedRule Rule(string text)
    {
        var check = RuleLanguage.Check(text, Catalog);
        check.Errors.ShouldBeEmpty($"'{text}' should be valid");
        return check.Rule.ShouldNotBeNull();
    }

    /// <summary>The errors, as "column N: message", of a rule that must be refused.</summary>
    public static string[] Errors(string text, RuleLimits? limits = null)
    {
        var check = RuleLanguage.Check(text, Catalog, limits);
        check.IsValid.ShouldBeFalse($"'{text}' should be refused");
        check.Errors.ShouldNotBeEmpty();
        return check.Errors.Select(e => e.ToString()).ToArray();
    }

    public static string Error(string text, RuleLimits? limits = null) => Errors(text, limits)[0];

    /// <summary>Evaluates on one row; any input the row does not set is missing.</summary>
    public static Truth Eval(string text, FeatureRow? row = null)
    {
        var rule = Rule(text);
        row ??= new FeatureRow();
        var full = new FeatureRow(row.Values);
        foreach (var input in rule.RequiredInputs)
            if (!row.TryGet(input, out _))
                full.Set(input.Feature, input.Lag, FeatureValue.Missing(rule.InputTypes[input.Feature]));
        var single = rule.EvaluateRow(full).Result;
        EvalFrame(rule, full).ShouldBe(single, $"the column evaluator disagrees with the row interpreter on '{text}'");
        return single;
    }

    /// <summary>The same row put through the column evaluator as a one-row frame.</summary>
    private static Truth EvalFrame(CheckedRule rule, FeatureRow row)
    {
        var frame = new FeatureFrame(1);
        foreach (var input in rule.RequiredInputs)
        {
            row.TryGet(input, out var v);
            switch (v.Type)
            {
                case FeatureType.Number: frame.AddNumbers(input.Feature, input.Lag, [v.Number], [!v.IsMissing]); break;
                case FeatureType.Bool: frame.AddBools(input.Feature, input.Lag, [v.Bool], [!v.IsMissing]); break;
                default: frame.AddTexts(input.Feature, input.Lag, [v.IsMissing ? null : v.Text]); break;
            }
        }
        var result = new Truth[1];
        rule.CreateEvaluator().Evaluate(frame, result);
        return result[0];
    }

    /// <summary>A row with <paramref name="feature"/> at lags 0, 1, 2... from the values given (null = missing).</summary>
    public static FeatureRow History(string feature, params decimal?[] byLag)
    {
        var row = new FeatureRow();
        for (var lag = 0; lag < byLag.Length; lag++)
            row.Set(feature, lag, byLag[lag] is { } v ? FeatureValue.Of(v) : FeatureValue.Missing(FeatureType.Number));
        return row;
    }
}
