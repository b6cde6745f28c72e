using System.Text.Json;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Cli;

/// <summary><c>postloan model train</c> and <c>model score</c>, run as real processes.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("postloan-model-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Train_json_prints_one_object_with_both_models_figures_and_score_uses_the_saved_model()
    {
        var data = Examples.File("scoring/credit_data.csv");
        var (exit, output, error) = CliProcess.Run(_folder, "model", "train", "--csv", data, "--target", "Status", "--bad", "bad", "--folds", "5", "--seed", "3", "--out", "card", "--json");
        exit.ShouldBe(0, error);
        var json = JsonDocument.Parse(output.Trim()).RootElement; // the whole output is the one object
        json.GetProperty("rows").GetInt32().ShouldBe(4454);
        json.GetProperty("bad").GetInt32().ShouldBe(1254);
        foreach (var model in new[] { "scorecard", "challenger" })
        {
            var m = json.GetProperty(model);
            var auc = m.GetProperty("auc").GetDouble();
            auc.ShouldBeInRange(0.8, 0.95, model);
            m.GetProperty("gini").GetDouble().ShouldBe(2 * auc - 1, 0.0002, model);
            m.GetProperty("ks").GetDouble().ShouldBeInRange(0.3, 0.8, model);
        }
        json.GetProperty("scorecard").GetProperty("auc").GetDouble().ShouldBeGreaterThanOrEqualTo(0.83);
        error.ShouldContain("fold 1 of 5"); // progress, kept off the JSON

        var scored = Path.Combine(_folder, "scored.csv");
        var score = CliProcess.Run(_folder, "model", "score", "--model", "card", "--csv", data, "--out", scored, "--target", "Status");
        score.ExitCode.ShouldBe(0, score.Error);
        score.Output.ShouldContain("Scored 4,454 rows");
        score.Output.ShouldContain("scorecard AUC 0.8");
        var lines = File.ReadAllLines(scored);
        lines.Length.ShouldBe(4455);
        lines[0].ShouldEndWith(",score,pd,challenger_pd");
        var first = lines[1].Split(',');
        var pd = double.Parse(first[^2], System.Globalization.CultureInfo.InvariantCulture);
        // A score and its PD agree through the scaling: 600 points at odds 50:1, 20 points to double them.
        var points = int.Parse(first[^3], System.Globalization.CultureInfo.InvariantCulture);
        pd.ShouldBe(1 / (1 + 50 * Math.Pow(2, (points - 600) / 20.0)), 1e-6);
    }

    [Fact]
    public void Train_names_the_problem_and_exits_non_zero()
    {
        var data = Examples.File("scoring/credit_data.csv");
        var (exit, _, error) = CliProcess.Run(_folder, "model", "train", "--csv", data, "--target", "Outcome", "--bad", "bad");
        exit.ShouldBe(1);
        error.ShouldContain("error: no column Outcome; the columns are Status, Seniority");
        var missing = CliProcess.Run(_folder, "model", "score", "--model", "nowhere", "--csv", data);
        missing.ExitCode.ShouldBe(1);
        missing.Error.ShouldContain("no scorecard in nowhere");
    }
}
