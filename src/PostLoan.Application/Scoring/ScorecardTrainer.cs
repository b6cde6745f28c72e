using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using PostLoan.Domain.Scoring;
using static System.FormattableString;

namespace PostLoan.Application.Scoring;

/// <summary>The settings of a training run (docs/scoring.md).</summary>
/// <param name="MinIv">Variables with a lower information value are left out.</param>
/// <param name="MaxCorrelation">Of two variables whose WoE values correlate beyond this, the one with the lower IV is left out.</param>
public sealed record TrainingOptions(int Folds = 5, int Seed = 42, double MinIv = 0.02, double MaxCorrelation = 0.7)
{
    public BinningOptions Binning { get; init; } = new();
    public ScoreScaling Scaling { get; init; } = new();
}

/// <summary>A scorecard with what went into it: every candidate's bins and whether, and why, it was chosen.</summary>
public sealed record ScorecardFit(Scorecard Scorecard, IReadOnlyList<VariableBins> Candidates, IReadOnlyList<VariableChoice> Choices);

/// <summary>
/// Fits a scorecard: bins every column (<see cref="Binning"/>), chooses variables by IV and correlation, fits a logistic
/// regression of bad on their WoE values (ML.NET's L-BFGS, with a light L2 penalty so that a perfectly separating bin
/// cannot send a coefficient to infinity) and turns it into points. A variable whose coefficient comes out with the
/// wrong sign (more points for a worse WoE, which happens among correlated variables) is dropped and the rest refitted.
/// </summary>
public static class ScorecardTrainer
{
    public static ScorecardFit Fit(TrainingData data, TrainingOptions options)
    {
        var candidates = data.Columns.Select(c => Binning.Of(c, data.Bad, options.Binning)).ToList();
        var woe = candidates.ToDictionary(v => v.Name, v => WoeColumn(v, data));
        var choices = VariableSelection.Choose(candidates, woe, options.MinIv, options.MaxCorrelation).ToList();
        var chosen = choices.Where(c => c.Selected).Select(c => candidates.First(v => v.Name == c.Name)).ToList();
        if (chosen.Count == 0)
            throw new ScoringDataException(Invariant($"no column carries enough information for a scorecard (IV ≥ {options.MinIv}); the best is {choices.MaxBy(c => c.Iv)?.Name} with IV {choices.Max(c => c.Iv):0.000}"));
        while (true)
        {
            var (intercept, coefficients) = Regression(chosen.Select(v => woe[v.Name]).ToList(), data.Bad, options.Seed);
            var wrong = Enumerable.Range(0, chosen.Count).Where(k => coefficients[k] >= 0).OrderByDescending(k => coefficients[k]).FirstOrDefault(-1);
            if (wrong < 0 || chosen.Count == 1)
                return new ScorecardFit(Scorecard.Build(options.Scaling, intercept, [.. chosen.Select((v, k) => (v, coefficients[k]))]), candidates, choices);
            var dropped = chosen[wrong];
            var at = choices.FindIndex(c => c.Name == dropped.Name);
            choices[at] = choices[at] with { Selected = false, Reason = Invariant($"IV {dropped.Iv:0.000}, but its coefficient took the wrong sign beside the other variables") };
            chosen.RemoveAt(wrong);
        }
    }

    /// <summary>Each row's WoE under the variable's bins.</summary>
    public static double[] WoeColumn(VariableBins variable, TrainingData data)
    {
        var column = data.Columns.First(c => c.Name == variable.Name);
        var result = new double[data.Rows];
        for (var r = 0; r < data.Rows; r++) result[r] = variable.WoeOf(variable.BinOf(column, r));
        return result;
    }

    private static (double Intercept, double[] Coefficients) Regression(IReadOnlyList<double[]> x, bool[] bad, int seed)
    {
        var ml = new MLContext(seed);
        var rows = Enumerable.Range(0, bad.Length).Select(r => new VectorRow { Label = bad[r], Features = [.. x.Select(col => (float)col[r])] });
        var view = ml.Data.LoadFromEnumerable(rows, VectorRow.Schema(x.Count));
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = 0.01f,
            OptimizationTolerance = 1e-8f,
            MaximumNumberOfIterations = 1000,
        });
        var linear = trainer.Fit(view).Model.SubModel;
        return (linear.Bias, [.. linear.Weights.Select(w => (double)w)]);
    }
}

/// <summary>A row for ML.NET: the outcome and a vector of features, whose length is set at run time.</summary>
internal sealed class VectorRow
{
    public bool Label { get; set; }
    public float[] Features { get; set; } = [];

    public static SchemaDefinition Schema(int features)
    {
        var schema = SchemaDefinition.Create(typeof(VectorRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }
}

/// <summary>Data a model cannot be trained on; the message says why.</summary>
public sealed class ScoringDataException(string message) : Exception(message);
