using PostLoan.Domain.Scoring;
using Shouldly;

namespace PostLoan.Domain.Tests.Scoring;

public sealed class ScorecardTests
{
    private static Bin Category(string name, double woe) => new(BinKind.Categories, null, null, [name], false, 10, 10, woe, 0);

    [Fact]
    public void The_default_scaling_puts_600_points_at_odds_of_50_to_1_and_20_more_at_twice_the_odds()
    {
        var s = new ScoreScaling();
        s.Factor.ShouldBe(20 / Math.Log(2), 1e-12);
        s.PdOf(600).ShouldBe(1.0 / 51, 1e-12);
        s.PdOf(620).ShouldBe(1.0 / 101, 1e-12);
        s.PdOf(s.Offset).ShouldBe(0.5, 1e-12);
    }

    [Fact]
    public void Points_are_the_regression_turned_into_whole_points_per_bin()
    {
        // log-odds(bad) = −1 − 0.8·WoE(a) − 0.5·WoE(b)
        var a = new VariableBins("a", false, [Category("x", -1), Category("y", 1)]);
        var b = new VariableBins("b", false, [Category("p", 0.4), Category("q", -0.6)]);
        var s = new ScoreScaling();
        var card = Scorecard.Build(s, -1, [(a, -0.8), (b, -0.5)]);

        // Each bin: round(−factor·β·WoE + (offset − factor·intercept) / 2).
        var share = (s.Offset + s.Factor) / 2;
        card.Variables[0].Points.ShouldBe([(int)Math.Round(-s.Factor * 0.8 + share), (int)Math.Round(s.Factor * 0.8 + share)]);
        card.Variables[1].Points.ShouldBe([(int)Math.Round(s.Factor * 0.5 * 0.4 + share), (int)Math.Round(-s.Factor * 0.5 * 0.6 + share)]);
        card.Variables[0].NeutralPoints.ShouldBe((int)Math.Round(share));
        card.Variables[0].Points.ShouldBe([235, 281]);

        var data = new TrainingData([new CategoricalColumn("a", ["y", "x", "new"]), new CategoricalColumn("b", ["p", "q", null])], [false, false, false]);
        var scores = card.Score(data);
        scores[0].ShouldBe(card.Variables[0].Points[1] + card.Variables[1].Points[0]);
        scores[1].ShouldBe(card.Variables[0].Points[0] + card.Variables[1].Points[1]);
        scores[2].ShouldBe(card.Variables[0].NeutralPoints + card.Variables[1].NeutralPoints);
        // The points reproduce the regression's odds to within the rounding of two bins.
        card.PdOf(scores[0]).ShouldBe(1 / (1 + Math.Exp(-(-1 - 0.8 * 1 - 0.5 * 0.4))), 0.01);
        card.ScoreRange().ShouldBe((card.Variables[0].Points.Min() + card.Variables[1].Points.Min(), card.Variables[0].Points.Max() + card.Variables[1].Points.Max()));
    }

    [Fact]
    public void Scoring_data_without_a_variable_is_refused_by_name()
    {
        var card = Scorecard.Build(new ScoreScaling(), 0, [(new VariableBins("income", true, [Category("x", 0)]), -1)]);
        Should.Throw<ArgumentException>(() => card.Score(new TrainingData([new NumericColumn("age", [1])], [false]))).Message.ShouldContain("no column income");
        Should.Throw<ArgumentException>(() => Scorecard.Build(new ScoreScaling(Pdo: 0), 0, [(new VariableBins("income", true, []), -1)]));
    }

    [Fact]
    public void Selection_drops_weak_variables_and_the_weaker_of_two_that_move_together()
    {
        var strong = new VariableBins("strong", false, [Category("x", 1) with { Iv = 0.3 }]);
        var copy = new VariableBins("copy", false, [Category("x", 1) with { Iv = 0.2 }]);
        var other = new VariableBins("other", false, [Category("x", 1) with { Iv = 0.1 }]);
        var weak = new VariableBins("weak", false, [Category("x", 1) with { Iv = 0.01 }]);
        var woe = new Dictionary<string, double[]>
        {
            ["strong"] = [1, 2, 3, 4, 5],
            ["copy"] = [2, 4, 6, 8, 11],
            ["other"] = [1, -1, 1, -1, 1],
            ["weak"] = [5, 4, 3, 2, 1],
        };
        var choices = VariableSelection.Choose([weak, other, copy, strong], woe);
        choices.Select(c => c.Name).ShouldBe(["strong", "copy", "other", "weak"]);
        choices.Select(c => c.Selected).ShouldBe([true, false, true, false]);
        choices[1].Reason.ShouldContain("correlates with strong");
        choices[3].Reason.ShouldContain("below 0.02");
    }
}
