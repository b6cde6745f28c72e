using System.Globalization;
using System.Text.Json;
using CsvHelper;
using PostLoan.Domain.Scoring;

namespace PostLoan.Application.Scoring;

/// <summary>The cross-validated figures of a model, as written to its files.</summary>
public sealed record ModelFigures(double Auc, double Ks, double Gini)
{
    public static ModelFigures Of(Discrimination d) => new(Math.Round(d.Auc, 4), Math.Round(d.Ks, 4), Math.Round(d.Gini, 4));
}

/// <summary>What <c>scorecard.json</c> holds: the scorecard to score with, and what it was trained on.</summary>
public sealed record ScorecardFile(string Target, string BadValue, int Rows, int Bad, int Folds, int Seed, ModelFigures CrossValidated, Scorecard Scorecard);

/// <summary>
/// The files a training run writes to its folder (docs/scoring.md): <c>scorecard.json</c> (the model, to load and score
/// with), <c>scorecard.csv</c> (bins, WoE, IV and points), <c>variables.csv</c>, <c>folds.csv</c>, <c>challenger.zip</c>
/// with <c>challenger.json</c> (its ML.NET model and its columns), and the report as <c>report.md</c> and <c>report.html</c>.
/// </summary>
public static class ModelFiles
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Write(TrainedModels models, string folder)
    {
        Directory.CreateDirectory(folder);
        var card = models.Scorecard.Scorecard;
        File.WriteAllText(Path.Combine(folder, "scorecard.json"), JsonSerializer.Serialize(new ScorecardFile(models.Table.Target, models.Table.BadValue,
            models.Table.Data.Rows, models.Table.Data.BadCount, models.Options.Folds, models.Options.Seed, ModelFigures.Of(models.ScorecardFigures), card), Json));
        WriteCsv(Path.Combine(folder, "scorecard.csv"), ["variable", "bin", "rows", "goods", "bads", "bad_rate", "woe", "iv", "points"],
            card.Variables.SelectMany(v => v.Binning.Bins.Select((b, i) => new object[]
                { v.Name, b.Label, b.Total, b.Good, b.Bad, Round(b.BadRate), Round(b.Woe), Round(b.Iv), v.Points[i] })
                .Append([v.Name, "(no bin: neutral)", 0, 0, 0, "", 0, 0, v.NeutralPoints])));
        WriteCsv(Path.Combine(folder, "variables.csv"), ["variable", "type", "iv", "selected", "reason", "coefficient"],
            models.Scorecard.Choices.Select(c => new object[]
            {
                c.Name, models.Scorecard.Candidates.First(v => v.Name == c.Name).Numeric ? "numeric" : "categorical", Round(c.Iv),
                c.Selected ? "yes" : "no", c.Reason, card.Variables.FirstOrDefault(v => v.Name == c.Name) is { } chosen ? Round(chosen.Coefficient) : "",
            }));
        WriteCsv(Path.Combine(folder, "folds.csv"), ["fold", "rows", "bad", "scorecard_auc", "scorecard_ks", "scorecard_gini", "challenger_auc", "challenger_ks", "challenger_gini"],
            models.Folds.Select(f => new object[]
                { f.Fold, f.Rows, f.Bad, Round(f.Scorecard.Auc), Round(f.Scorecard.Ks), Round(f.Scorecard.Gini), Round(f.Challenger.Auc), Round(f.Challenger.Ks), Round(f.Challenger.Gini) }));
        models.Challenger.Save(Path.Combine(folder, "challenger.zip"));
        File.WriteAllText(Path.Combine(folder, "challenger.json"), JsonSerializer.Serialize(models.Challenger.Encoding, Json));
        var report = ModelReport.Of(models);
        File.WriteAllText(Path.Combine(folder, "report.md"), report.Markdown());
        File.WriteAllText(Path.Combine(folder, "report.html"), report.Html());
    }

    /// <summary>The scorecard saved in <paramref name="folder"/>.</summary>
    public static ScorecardFile ReadScorecard(string folder)
    {
        var path = Path.Combine(folder, "scorecard.json");
        if (!File.Exists(path)) throw new ScoringDataException($"no scorecard in {folder}: {path} is missing (train one with `postloan model train`)");
        return JsonSerializer.Deserialize<ScorecardFile>(File.ReadAllText(path), Json) ?? throw new ScoringDataException($"{path} is empty");
    }

    /// <summary>The challenger saved in <paramref name="folder"/>, or null when there is none.</summary>
    public static ChallengerModel? ReadChallenger(string folder)
    {
        var zip = Path.Combine(folder, "challenger.zip");
        var encoding = Path.Combine(folder, "challenger.json");
        if (!File.Exists(zip) || !File.Exists(encoding)) return null;
        return ChallengerModel.Load(zip, JsonSerializer.Deserialize<ChallengerEncoding>(File.ReadAllText(encoding), Json)
            ?? throw new ScoringDataException($"{encoding} is empty"));
    }

    public static void WriteCsv(string path, IReadOnlyList<string> header, IEnumerable<object[]> rows)
    {
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var h in header) csv.WriteField(h);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row) csv.WriteField(field);
            csv.NextRecord();
        }
    }

    private static double Round(double value) => Math.Round(value, 4);
}
