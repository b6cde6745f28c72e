using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PostLoan.Application.Common;
using PostLoan.Application.EarlyWarning;
using PostLoan.Domain.Audit;
using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Scoring;
using PostLoan.Infrastructure.Audit;
using PostLoan.Infrastructure.EarlyWarning;
using PostLoan.Infrastructure.EndOfDay;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Scoring;

/// <summary>What <c>postloan model train-behaviour</c> is asked for.</summary>
/// <param name="AsOf">The observation month end: features as of it, the outcome over the 12 months after.</param>
/// <param name="ReportFolder">Where to write the scorecard's files and report as well, if anywhere.</param>
public sealed record BehaviourTrainingRequest(DateOnly AsOf, int Folds = 5, int Seed = 42, string? ReportFolder = null);

/// <summary>
/// Trains the behaviour model on the book's own history (SPEC §6): the loans active and under 90 DPD at a month end,
/// their features as end-of-day would have computed them that day, and whether each reached 90+ DPD (or was written
/// off) within the next 12 months. The scorecard and its challenger are cross-validated as <c>model train</c> does,
/// and the scorecard is kept as a new draft version with its figures; promoting it takes a second person (<see cref="ModelBook"/>).
/// </summary>
public sealed class BehaviourTraining(DatabaseSettings database, TimeProvider clock)
{
    /// <summary>The outcome window: reached 90+ DPD within this many months of the observation date.</summary>
    public const int OutcomeMonths = 12;

    public Result<(BehaviourModelView Model, TrainedModels Trained)> Train(BehaviourTrainingRequest request, string actor, Action<int, int, string>? progress = null)
    {
        TrainingTable table;
        using (var connection = database.OpenConnection())
        {
            var dataset = Dataset(connection, request.AsOf, progress);
            if (!dataset.Succeeded) return Fail(dataset.Failure!);
            table = dataset.Value!;
        }
        TrainedModels trained;
        try
        {
            trained = ModelTrainer.Train(table, new TrainingOptions(request.Folds, request.Seed), progress);
        }
        catch (ScoringDataException e)
        {
            return Result<(BehaviourModelView, TrainedModels)>.Invalid("data", e.Message);
        }
        if (request.ReportFolder is { } folder) ModelFiles.Write(trained, folder);

        using var db = database.CreateContext();
        var version = (db.BehaviourModels.Max(m => (int?)m.Version) ?? 0) + 1;
        var model = BehaviourModel.Draft(version, request.AsOf, table.Data.Rows, table.Data.BadCount, trained.ScorecardFigures, trained.ChallengerFigures,
            request.Folds, request.Seed, JsonSerializer.Serialize(trained.Scorecard.Scorecard, ModelFiles.Json), actor, clock.GetUtcNow());
        db.BehaviourModels.Add(model);
        using var tx = db.Database.BeginTransaction();
        db.SaveChanges();
        ModelBook.Audit(database, clock, tx, actor, "model.train", model, null);
        tx.Commit();
        return Result<(BehaviourModelView, TrainedModels)>.Ok((ModelBook.View(model), trained));

        static Result<(BehaviourModelView, TrainedModels)> Fail(Failure f) => f.Kind == FailureKind.Conflict
            ? Result<(BehaviourModelView, TrainedModels)>.Conflict(f.Message)
            : Result<(BehaviourModelView, TrainedModels)>.Invalid(f.Field ?? "as_of", f.Message);
    }

    /// <summary>The last month end whose outcome window ends on or before <paramref name="knownThrough"/>.</summary>
    public static DateOnly LatestAsOf(DateOnly knownThrough)
    {
        var candidate = BusinessCalendar.MonthEnd(knownThrough.AddMonths(-OutcomeMonths));
        return candidate.AddMonths(OutcomeMonths) <= knownThrough ? candidate : BusinessCalendar.MonthEnd(candidate.AddDays(-candidate.Day));
    }

    /// <summary>The training table of the loans active and under 90 DPD at <paramref name="asOf"/> (a month end whose outcome window the book has seen).</summary>
    public static Result<TrainingTable> Dataset(DbConnection connection, DateOnly asOf, Action<int, int, string>? progress = null)
    {
        if (EndOfDayStore.BusinessDate(connection) is not { } knownThrough) return Result<TrainingTable>.Conflict("there is no business date yet: run end-of-day first");
        if (!BusinessCalendar.IsMonthEnd(asOf))
            return Result<TrainingTable>.Invalid("as_of", $"the observation date must be a month end, when end-of-day keeps a snapshot of every loan: {BusinessCalendar.MonthEnd(asOf):yyyy-MM-dd}, for instance");
        if (asOf.AddMonths(OutcomeMonths) > knownThrough)
            return Result<TrainingTable>.Invalid("as_of", $"the {OutcomeMonths} months after {asOf:yyyy-MM-dd} are not all known: the book runs through {knownThrough:yyyy-MM-dd}, "
                + $"so the latest observation date is {LatestAsOf(knownThrough):yyyy-MM-dd}");
        progress?.Invoke(0, 1, $"the features of {asOf:yyyy-MM-dd}");
        var snapshot = FeatureReads.Snapshot(connection, asOf);
        var loans = FeatureReads.Loans(connection);
        var ids = snapshot.Where(s => s.Value.Status == LoanStatus.Active && s.Value.Dpd < 90 && loans.ContainsKey(s.Key)).Select(s => s.Key).Order().ToArray();
        if (ids.Length == 0) return Result<TrainingTable>.Invalid("as_of", $"no loan was active at {asOf:yyyy-MM-dd}: the book's history starts later");
        var snapshots = new Dictionary<DateOnly, Dictionary<long, FeatureState>> { [asOf] = snapshot };
        Dictionary<long, FeatureState> At(DateOnly d) => snapshots.TryGetValue(d, out var s) ? s : snapshots[d] = FeatureReads.Snapshot(connection, d);
        var frame = new FeatureFrame(ids.Length);
        var features = BehaviourFeatures.Default;
        new FeatureBuilder(connection, loans, knownThrough).Fill(frame, ids, features.Select(f => new FeatureInput(f, 0)), asOf, At);
        var badDates = FeatureReads.BadDates(connection);
        var horizon = asOf.AddMonths(OutcomeMonths);
        var bad = ids.Select(id => FeatureReads.FirstAfter(badDates, id, asOf) is { } d && d <= horizon).ToArray();
        return Result<TrainingTable>.Ok(new TrainingTable(BehaviourFeatures.FromFrame(frame, features, bad), $"90+ DPD within {OutcomeMonths} months of {asOf:yyyy-MM-dd}", "yes", features));
    }
}
