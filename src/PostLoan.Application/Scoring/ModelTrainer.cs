using PostLoan.Domain.Scoring;

namespace PostLoan.Application.Scoring;

/// <summary>One fold of a cross-validation: the scorecard's and the challenger's figures on the rows held out.</summary>
public sealed record FoldResult(int Fold, int Rows, int Bad, Discrimination Scorecard, Discrimination Challenger);

/// <summary>
/// A trained pair: the scorecard and the challenger fitted on every row, and their cross-validated figures (each fold's
/// models fitted on the other folds and measured on it).
/// </summary>
public sealed record TrainedModels(TrainingTable Table, TrainingOptions Options, ScorecardFit Scorecard, ChallengerModel Challenger, IReadOnlyList<FoldResult> Folds)
{
    public Discrimination ScorecardFigures => Discrimination.Mean([.. Folds.Select(f => f.Scorecard)]);
    public Discrimination ChallengerFigures => Discrimination.Mean([.. Folds.Select(f => f.Challenger)]);
}

/// <summary>
/// <c>postloan model train</c>: stratified k-fold cross-validation of the scorecard and the challenger, then both fitted
/// on all the rows (docs/scoring.md). The same data, options and seed give the same models and figures.
/// </summary>
public static class ModelTrainer
{
    /// <param name="progress">Called with (step done, steps, what is being done).</param>
    public static TrainedModels Train(TrainingTable table, TrainingOptions options, Action<int, int, string>? progress = null)
    {
        var data = table.Data;
        var bads = data.BadCount;
        if (options.Folds < 2) throw new ScoringDataException($"--folds must be at least 2, not {options.Folds}");
        if (bads < options.Folds || data.Rows - bads < options.Folds)
            throw new ScoringDataException($"{options.Folds} folds need at least {options.Folds} bad and {options.Folds} good rows; the data has {bads} bad and {data.Rows - bads} good");
        var fold = Folds.Stratified(data.Bad, options.Folds, options.Seed);
        var steps = options.Folds + 1;
        var results = new List<FoldResult>();
        for (var f = 0; f < options.Folds; f++)
        {
            progress?.Invoke(f, steps, $"fold {f + 1} of {options.Folds}");
            var train = data.Subset([.. Enumerable.Range(0, data.Rows).Where(r => fold[r] != f)]);
            var test = data.Subset([.. Enumerable.Range(0, data.Rows).Where(r => fold[r] == f)]);
            var scorecard = ScorecardTrainer.Fit(train, options).Scorecard;
            var challenger = ChallengerModel.Fit(train, options.Seed);
            // A higher score is a better risk: its negation ranks the bads first.
            results.Add(new FoldResult(f + 1, test.Rows, test.BadCount,
                Discrimination.Of([.. scorecard.Score(test).Select(s => -(double)s)], test.Bad),
                Discrimination.Of(challenger.Pd(test), test.Bad)));
        }
        progress?.Invoke(options.Folds, steps, "the final models on every row");
        var final = new TrainedModels(table, options, ScorecardTrainer.Fit(data, options), ChallengerModel.Fit(data, options.Seed), results);
        progress?.Invoke(steps, steps, "done");
        return final;
    }
}
