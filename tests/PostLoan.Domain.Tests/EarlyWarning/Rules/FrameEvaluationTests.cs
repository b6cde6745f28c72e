using PostLoan.Domain.EarlyWarning.Rules;
using Shouldly;
using static PostLoan.Domain.Tests.EarlyWarning.Rules.RuleTesting;

namespace PostLoan.Domain.Tests.EarlyWarning.Rules;

public class FrameEvaluationTests
{
    private static readonly string[] Rules =
    [
        "debt_to_asset > 0.7 or change_yoy(debt_to_asset) > 0.10",
        "dpd >= 30 and segment in ['retail']",
        "count_over(dpd > 30, 12) >= 2",
        "growth_yoy(revenue) < -0.2 and not on_watch_list",
        "avg_over(current_ratio, 3) < 1 or max_over(ltv, 6) - min_over(ltv, 6) > 0.3",
        "coalesce(bureau_overdue_elsewhere, false) or is_missing(segment) and dpd / current_ratio > 20",
        "count_over(change(dpd, 1) > 0 and ago(segment, 1) == segment, 6) > 2 or abs(ltv - 1) < 0.05",
        "on_watch_list != bureau_overdue_elsewhere or segment not in ['sme', 'corporate']",
        "count_over(count_over(dpd > 60, 2) >= 2, 3) >= 1 or min(ltv, current_ratio) > 1.1",
    ];

    [Fact]
    public void Required_inputs_are_the_distinct_feature_lags_a_rule_reads()
    {
        var rule = Rule("count_over(dpd > 30, 12) >= 2 and ltv > 0.8 or change_yoy(debt_to_asset) > 0.1 or dpd > 90");

        rule.RequiredInputs.ShouldBe([
            new FeatureInput("debt_to_asset", 0), new FeatureInput("debt_to_asset", 12),
            .. Enumerable.Range(0, 13).Select(lag => new FeatureInput("dpd", lag)),
            new FeatureInput("ltv", 0),
        ]);
        rule.InputTypes.Keys.Order().ShouldBe(["debt_to_asset", "dpd", "ltv"]);
    }

    [Fact]
    public void Constant_rule_reads_no_inputs() =>
        Rule("1 < 2").RequiredInputs.ShouldBeEmpty();

    [Fact]
    public void Column_evaluation_agrees_with_row_evaluation_on_every_row_of_10000()
    {
        var rules = Rules.Select(Rule).ToArray();
        var frame = RandomFrame(10_000, rules, seed: 42);
        var seen = new HashSet<Truth>();

        foreach (var rule in rules)
        {
            var results = new Truth[frame.RowCount];
            rule.CreateEvaluator().Evaluate(frame, results);

            var outcomes = new HashSet<Truth>();
            for (var row = 0; row < frame.RowCount; row++)
            {
                var single = rule.EvaluateRow(frame.Row(row)).Result;
                if (results[row] != single)
                    throw new ShouldAssertException($"'{rule.CanonicalText}' row {row}: columns say {results[row]}, the row says {single}");
                outcomes.Add(single);
            }
            outcomes.Count.ShouldBeGreaterThanOrEqualTo(2, $"'{rule.CanonicalText}' should not be constant over random data");
            seen.UnionWith(outcomes);
        }
        seen.ShouldBe([Truth.False, Truth.Unknown, Truth.True], ignoreOrder: true);
    }

    [Fact]
    public void A_range_of_rows_evaluates_like_the_same_rows_of_the_whole_frame()
    {
        var rule = Rule(Rules[2]);
        var frame = RandomFrame(5_000, [rule], seed: 3);
        var evaluator = rule.CreateEvaluator();
        var whole = new Truth[frame.RowCount];
        evaluator.Evaluate(frame, whole);

        var part = new Truth[2_500];
        evaluator.Evaluate(frame, 1_234, part);

        part.ShouldBe(whole.AsSpan(1_234, 2_500).ToArray());
    }

    [Fact]
    public void An_evaluator_can_be_reused_on_another_frame()
    {
        var rule = Rule("dpd > 30");
        var evaluator = rule.CreateEvaluator();
        var first = new FeatureFrame(2).AddNumbers("dpd", 0, [31m, 30m]);
        var second = new FeatureFrame(3).AddNumbers("dpd", 0, [0m, 45m, 99m], [true, true, false]);
        var a = new Truth[2];
        var b = new Truth[3];

        evaluator.Evaluate(first, a);
        evaluator.Evaluate(second, b);

        a.ShouldBe([Truth.True, Truth.False]);
        b.ShouldBe([Truth.False, Truth.True, Truth.Unknown]);
    }

    [Fact]
    public void A_frame_lacking_a_required_column_is_refused_at_set_up()
    {
        var rule = Rule("change_yoy(debt_to_asset) > 0.1");
        var frame = new FeatureFrame(1).AddNumbers("debt_to_asset", 0, [0.5m]);

        rule.CreateEvaluator().Problems(frame).ShouldBe(["the frame has no column for debt_to_asset[lag 12]"]);
        var error = Should.Throw<ArgumentException>(() => rule.CreateEvaluator().Evaluate(frame, new Truth[1]));
        error.Message.ShouldContain("debt_to_asset[lag 12]");
    }

    [Fact]
    public void A_frame_column_of_the_wrong_type_is_refused_at_set_up()
    {
        var rule = Rule("segment == 'retail'");
        var frame = new FeatureFrame(1).AddBools("segment", 0, [true]);

        Should.Throw<ArgumentException>(() => rule.CreateEvaluator().Evaluate(frame, new Truth[1]))
            .Message.ShouldContain("the frame's column for segment holds Bool values, the feature is Text");
    }

    [Fact]
    public void A_column_must_fit_the_frame() =>
        Should.Throw<ArgumentException>(() => new FeatureFrame(2).AddNumbers("dpd", 0, [1m]));

    [Fact]
    public void Row_evaluation_returns_the_values_that_fired_the_rule()
    {
        var rule = Rule("dpd >= 30 and segment in ['retail'] or on_watch_list");
        var row = new FeatureRow().Set("dpd", 45m).Set("segment", "retail")
            .Set("on_watch_list", 0, FeatureValue.Missing(FeatureType.Bool))
            .Set("ltv", 0.5m);

        var result = rule.EvaluateRow(row);

        result.Fired.ShouldBeTrue();
        result.Readings.Select(r => r.ToString()).ShouldBe(["dpd = 45", "on_watch_list = missing", "segment = 'retail'"]);
    }

    [Fact]
    public void Row_evaluation_refuses_a_row_without_a_required_input()
    {
        var rule = Rule("change_qoq(dpd) > 10");

        Should.Throw<ArgumentException>(() => rule.EvaluateRow(new FeatureRow().Set("dpd", 1m)))
            .Message.ShouldContain("dpd[lag 3] is not in the row");
    }

    /// <summary>Random values for every input the rules read, with about one in seven missing.</summary>
    private static FeatureFrame RandomFrame(int rows, IEnumerable<CheckedRule> rules, int seed)
    {
        var random = new Random(seed);
        var frame = new FeatureFrame(rows);
        var inputs = rules.SelectMany(r => r.RequiredInputs.Select(i => (Input: i, Type: r.InputTypes[i.Feature]))).Distinct();
        foreach (var (input, type) in inputs)
        {
            switch (type)
            {
                case FeatureType.Number:
                {
                    var values = new decimal[rows];
                    var present = new bool[rows];
                    for (var i = 0; i < rows; i++)
                    {
                        present[i] = random.Next(7) != 0;
                        values[i] = input.Feature switch
                        {
                            "dpd" => random.Next(5) == 0 ? random.Next(0, 120) : 0,
                            "revenue" => random.Next(0, 4) * 50m,
                            "current_ratio" => random.Next(0, 30) / 10m,
                            _ => random.Next(0, 120) / 100m,
                        };
                    }
                    frame.AddNumbers(input.Feature, input.Lag, values, present);
                    break;
                }
                case FeatureType.Bool:
                {
                    var values = new bool[rows];
                    var present = new bool[rows];
                    for (var i = 0; i < rows; i++)
                    {
                        present[i] = random.Next(7) != 0;
                        values[i] = random.Next(2) == 0;
                    }
                    frame.AddBools(input.Feature, input.Lag, values, present);
                    break;
                }
                default:
                {
                    string?[] options = ["retail", "sme", "corporate", null];
                    var values = new string?[rows];
                    for (var i = 0; i < rows; i++) values[i] = options[random.Next(options.Length)];
                    frame.AddTexts(input.Feature, input.Lag, values);
                    break;
                }
            }
        }
        return frame;
    }
}
