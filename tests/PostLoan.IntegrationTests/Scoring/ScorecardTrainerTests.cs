using System.Text.Json;
using PostLoan.Application.Scoring;
using PostLoan.Domain.Scoring;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Scoring;

/// <summary>The scorecard trainer on real data (examples/scoring/credit_data.csv) and on bad input.</summary>
public sealed class ScorecardTrainerTests
{
    private static string CreditData => Examples.File("scoring/credit_data.csv");

    private static TrainingTable Credit()
    {
        var read = TrainingCsv.Read(new TrainingCsvRequest(CreditData, "Status", "bad"));
        read.Succeeded.ShouldBeTrue(read.Failure?.Message);
        return read.Value!;
    }

    [Fact]
    public void Credit_data_reads_with_its_types_and_missing_cells()
    {
        var table = Credit();
        table.Data.Rows.ShouldBe(4454);
        table.Data.BadCount.ShouldBe(1254);
        table.Data.Columns.Count.ShouldBe(13);
        table.Data.Columns.OfType<CategoricalColumn>().Select(c => c.Name).ShouldBe(["Home", "Marital", "Records", "Job"], ignoreOrder: true);
        table.Data.Columns.OfType<NumericColumn>().Single(c => c.Name == "Income").Values.Count(v => v is null).ShouldBe(381);
        table.Data.Columns.OfType<CategoricalColumn>().Single(c => c.Name == "Home").Values.Count(v => v is null).ShouldBe(6);
    }

    [Fact]
    public void The_scorecard_reaches_a_five_fold_auc_of_at_least_0_83_on_credit_data_and_a_seed_repeats_the_run()
    {
        var options = new TrainingOptions(Folds: 5, Seed: 42);
        var first = ModelTrainer.Train(Credit(), options);

        first.ScorecardFigures.Auc.ShouldBeGreaterThanOrEqualTo(0.83);
        first.ScorecardFigures.Gini.ShouldBe(2 * first.ScorecardFigures.Auc - 1, 1e-12);
        first.ScorecardFigures.Ks.ShouldBeInRange(0.4, 0.7);
        first.ChallengerFigures.Auc.ShouldBeGreaterThan(0.8);
        first.Folds.Count.ShouldBe(5);
        first.Folds.Sum(f => f.Rows).ShouldBe(4454);
        first.Folds.Sum(f => f.Bad).ShouldBe(1254);
        first.Scorecard.Scorecard.Variables.Count.ShouldBeGreaterThanOrEqualTo(5);
        first.Scorecard.Scorecard.Variables.ShouldAllBe(v => v.Coefficient < 0); // a better WoE always earns points
        // The strongest variables on this data are kept.
        first.Scorecard.Scorecard.Variables.Select(v => v.Name).ShouldContain("Seniority");
        first.Scorecard.Scorecard.Variables.Select(v => v.Name).ShouldContain("Income");

        var again = ModelTrainer.Train(Credit(), options);
        again.Folds.ShouldBe(first.Folds);
        JsonSerializer.Serialize(again.Scorecard.Scorecard, ModelFiles.Json).ShouldBe(JsonSerializer.Serialize(first.Scorecard.Scorecard, ModelFiles.Json));
        var otherSeed = ModelTrainer.Train(Credit(), options with { Seed = 7 });
        otherSeed.Folds.Select(f => f.Scorecard.Auc).ShouldNotBe(first.Folds.Select(f => f.Scorecard.Auc));
    }

    [Fact]
    public void The_files_written_load_back_and_score_the_same()
    {
        var folder = Directory.CreateTempSubdirectory("postloan-model-").FullName;
        try
        {
            var models = ModelTrainer.Train(Credit(), new TrainingOptions(Folds: 3, Seed: 1));
            ModelFiles.Write(models, folder);
            foreach (var name in new[] { "scorecard.json", "scorecard.csv", "variables.csv", "folds.csv", "challenger.zip", "challenger.json", "report.md", "report.html" })
                File.Exists(Path.Combine(folder, name)).ShouldBeTrue(name);

            var file = ModelFiles.ReadScorecard(folder);
            (file.Target, file.BadValue, file.Rows, file.Bad, file.Folds, file.Seed).ShouldBe(("Status", "bad", 4454, 1254, 3, 1));
            file.CrossValidated.Auc.ShouldBe(Math.Round(models.ScorecardFigures.Auc, 4));
            file.Scorecard.Score(models.Table.Data).ShouldBe(models.Scorecard.Scorecard.Score(models.Table.Data));
            ModelFiles.ReadChallenger(folder)!.Pd(models.Table.Data).ShouldBe(models.Challenger.Pd(models.Table.Data));

            var csv = File.ReadAllLines(Path.Combine(folder, "scorecard.csv"));
            csv[0].ShouldBe("variable,bin,rows,goods,bads,bad_rate,woe,iv,points");
            var card = models.Scorecard.Scorecard;
            csv.Length.ShouldBe(1 + card.Variables.Sum(v => v.Binning.Bins.Count + 1));
            var report = File.ReadAllText(Path.Combine(folder, "report.md"));
            report.ShouldContain("# Scorecard for Status = bad");
            report.ShouldContain("4,454 rows, 1,254 bad");
            foreach (var v in card.Variables) report.ShouldContain($"**{v.Name}**");
            File.ReadAllText(Path.Combine(folder, "report.html")).ShouldContain("<h2>Points table</h2>");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Failure(string csv, string target = "Status", string bad = "bad", string[]? exclude = null)
    {
        var read = TrainingCsv.Read(new StringReader(csv), new TrainingCsvRequest("test.csv", target, bad, exclude));
        read.Succeeded.ShouldBeFalse();
        return read.Failure!.Message;
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_error()
    {
        const string good = "Status,Age,Home\nbad,30,rent\ngood,40,owner\ngood,NA,\n";
        Failure(good, target: "Outcome").ShouldBe("no column Outcome; the columns are Status, Age, Home");
        Failure(good, bad: "default").ShouldContain("no row has Status = default");
        Failure(good, bad: "default").ShouldContain("good (2)");
        Failure("Status,Age\nbad,30\nbad,31\n").ShouldContain("every row has Status = bad");
        Failure(good, exclude: ["Income"]).ShouldContain("unknown column Income");
        Failure("").ShouldContain("the file is empty");
        Failure("Status,Age\n").ShouldContain("no data rows");
        Failure("Status,Age\nbad,30\ngood\n").ShouldBe("line 3: 1 fields, the header has 2");
        Failure("Status,Age\nbad,30\n,31\n").ShouldContain("line 3: Status is empty");
        Failure("Status,Age,Age\nbad,1,2\n").ShouldContain("names column Age twice");

        var rows = string.Concat(Enumerable.Range(0, 30).Select(i => $"{(i % 3 == 0 ? "bad" : "good")},{20 + i}\n"));
        Failure("Status,Age\n" + rows + "good,forty\n").ShouldContain("column Age holds numbers but 1 value(s) are not numbers (line 32: 'forty')");

        // A column of words is categorical, not garbage.
        var words = TrainingCsv.Read(new StringReader("Status,Home\nbad,rent\ngood,owner\ngood,1\n"), new TrainingCsvRequest("t.csv", "Status", "bad"));
        words.Value!.Data.Columns.Single().ShouldBeOfType<CategoricalColumn>();

        Should.Throw<ScoringDataException>(() => ModelTrainer.Train(TrainingCsv.Read(new StringReader(good), new TrainingCsvRequest("t.csv", "Status", "bad")).Value!, new TrainingOptions()))
            .Message.ShouldContain("5 folds need at least 5 bad and 5 good rows");
    }

    [Fact]
    public void Data_with_no_informative_column_is_refused()
    {
        var rows = string.Concat(Enumerable.Range(0, 200).Select(i => $"{(i % 2 == 0 ? "bad" : "good")},{i / 2}\n")); // each value once bad, once good
        var table = TrainingCsv.Read(new StringReader("Status,Noise\n" + rows), new TrainingCsvRequest("t.csv", "Status", "bad")).Value!;
        Should.Throw<ScoringDataException>(() => ModelTrainer.Train(table, new TrainingOptions())).Message.ShouldContain("no column carries enough information");
    }
}
