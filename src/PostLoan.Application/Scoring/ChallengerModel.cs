using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using PostLoan.Domain.Scoring;

namespace PostLoan.Application.Scoring;

/// <summary>How a row becomes the challenger's feature vector: a number as it is (missing as NaN, which LightGBM routes on its own), a category as one slot per category seen in training.</summary>
public sealed record ChallengerEncoding(IReadOnlyList<EncodedColumn> Columns)
{
    public int Width => Columns.Sum(c => c.Numeric ? 1 : c.Categories.Count);

    public static ChallengerEncoding Of(TrainingData data) => new([.. data.Columns.Select(c => c switch
    {
        CategoricalColumn k => new EncodedColumn(k.Name, false, [.. k.Values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]),
        _ => new EncodedColumn(c.Name, true, []),
    })]);

    public float[][] Encode(TrainingData data)
    {
        var columns = Columns.Select(e => data.Columns.FirstOrDefault(c => c.Name == e.Name)
            ?? throw new ArgumentException($"the data has no column {e.Name}, which the challenger reads", nameof(data))).ToArray();
        var result = new float[data.Rows][];
        for (var r = 0; r < data.Rows; r++)
        {
            var vector = result[r] = new float[Width];
            var at = 0;
            for (var k = 0; k < Columns.Count; k++)
            {
                var e = Columns[k];
                if (e.Numeric)
                {
                    vector[at++] = columns[k] is NumericColumn n && n.Values[r] is { } v ? (float)v : float.NaN;
                    continue;
                }
                var value = columns[k] switch
                {
                    CategoricalColumn c => c.Values[r],
                    NumericColumn n => n.Values[r]?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => null,
                };
                var slot = value is null ? -1 : IndexOf(e.Categories, value);
                if (slot >= 0) vector[at + slot] = 1;
                at += e.Categories.Count;
            }
        }
        return result;
    }

    private static int IndexOf(IReadOnlyList<string> categories, string value)
    {
        for (var i = 0; i < categories.Count; i++)
            if (categories[i] == value) return i;
        return -1;
    }
}

public sealed record EncodedColumn(string Name, bool Numeric, IReadOnlyList<string> Categories);

/// <summary>
/// The gradient-boosted challenger (SPEC §6): ML.NET's LightGBM on the raw columns, one thread and a fixed seed so that a
/// run can be repeated. It runs beside the scorecard to show how much a less readable model would gain.
/// </summary>
public sealed class ChallengerModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;

    private ChallengerModel(MLContext ml, ITransformer model, ChallengerEncoding encoding)
    {
        _ml = ml;
        _model = model;
        Encoding = encoding;
    }

    public ChallengerEncoding Encoding { get; }

    public static ChallengerModel Fit(TrainingData data, int seed)
    {
        var ml = new MLContext(seed);
        var encoding = ChallengerEncoding.Of(data);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfLeaves = 15,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            NumberOfIterations = 200,
            Seed = seed,
            NumberOfThreads = 1,
            Verbose = false,
            Silent = true,
        });
        return new ChallengerModel(ml, trainer.Fit(View(ml, encoding, data)), encoding);
    }

    /// <summary>The probability of bad of each row.</summary>
    public double[] Pd(TrainingData data) =>
        [.. _ml.Data.CreateEnumerable<Prediction>(_model.Transform(View(_ml, Encoding, data)), reuseRowObject: false).Select(p => (double)p.Probability)];

    public void Save(string zipPath)
    {
        using var file = File.Create(zipPath);
        _ml.Model.Save(_model, View(_ml, Encoding, new TrainingData([], [])).Schema, file);
    }

    public static ChallengerModel Load(string zipPath, ChallengerEncoding encoding)
    {
        var ml = new MLContext(0);
        using var file = File.OpenRead(zipPath);
        return new ChallengerModel(ml, ml.Model.Load(file, out _), encoding);
    }

    private static IDataView View(MLContext ml, ChallengerEncoding encoding, TrainingData data)
    {
        var vectors = data.Rows == 0 ? [] : encoding.Encode(data);
        return ml.Data.LoadFromEnumerable(vectors.Select((v, r) => new VectorRow { Label = data.Bad[r], Features = v }), VectorRow.Schema(encoding.Width));
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }
}
