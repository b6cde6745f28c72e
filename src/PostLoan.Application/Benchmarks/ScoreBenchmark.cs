using System.Diagnostics;
using PostLoan.Application.Configuration;
using PostLoan.Application.EarlyWarning;
using PostLoan.Application.EndOfDay;
using PostLoan.Application.Scoring;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Benchmarks;

/// <summary>One timed scoring of the book: the early-warning phase's parts.</summary>
public sealed record ScoreRunFigures(string What, DateOnly Date, int Scored, TimeSpan Phase, TimeSpan Features, TimeSpan Scoring, TimeSpan Rules);

public sealed record ScoreBenchmarkResult(MachineInfo Machine, BenchmarkBook Book, int ModelVersion, int Variables, TimeSpan? Training, IReadOnlyList<ScoreRunFigures> Runs);

/// <summary>
/// The scoring benchmark (issue #6, item 3): on the early-warning benchmark's book (the demo book with its monitoring
/// data), it trains and promotes a behaviour model unless one is active, then times the book's scoring three ways: on
/// its own on the business date when every loan's score is first written; on its own again, when only changes are
/// written; inside the next daily end-of-day with the rules left alone, which is what scoring adds to end-of-day; and
/// in the daily end-of-day after that, beside the active rules, where the features are shared. It prints figures;
/// nothing here asserts a speed.
/// </summary>
public sealed class ScoreBenchmark(DatabaseSettings database, ServicingSettings settings, TimeProvider clock, IBenchmarkConsole console)
{
    public ScoreBenchmarkResult Run(EndOfDayBenchmarkOptions options, BenchmarkBook book)
    {
        var eod = RuleBenchmark.CatchUp(database, settings, clock, console, options);
        // The rules benchmark's 50 rules, as on a book where early warning runs: the daily run shares their features.
        console.Phase("switch the rules on", _ => new RuleBenchmark(database, settings, clock, console).ActivateRules());
        console.Phase("settle", _ => { database.SettleAfterBulkLoad(); return 0; });
        var date = eod.BusinessDate()!.Value;
        TimeSpan? training = null;
        using (var db = database.CreateContext())
        {
            if (ModelBook.Active(db) is null)
            {
                var started = Stopwatch.GetTimestamp();
                var trained = console.Phase("train the behaviour model", report => new BehaviourTraining(database, clock)
                    .Train(new BehaviourTrainingRequest(BehaviourTraining.LatestAsOf(date), Folds: 3), EndOfDayBenchmark.Actor, (d, t, s) => report(d, t, s)));
                if (!trained.Succeeded) throw new InvalidOperationException(trained.Failure!.Message);
                training = Stopwatch.GetElapsedTime(started);
                var models = new ModelBook(database, clock);
                models.RequestPromotion(trained.Value.Model.Version, EndOfDayBenchmark.Actor);
                models.Approve(trained.Value.Model.Version, "user:bench-checker");
            }
        }
        var (version, variables) = Active();
        var runs = new List<ScoreRunFigures>
        {
            ScoreOnly("scoring alone, every score written", date),
            ScoreOnly("scoring alone again, nothing changed", date),
        };
        runs.Add(Daily("daily end-of-day, the model alone", date.AddDays(1), rulesOff: true));
        runs.Add(Daily("daily end-of-day, beside the rules", date.AddDays(2), rulesOff: false));
        return new ScoreBenchmarkResult(MachineInfo.Current(), book, version, variables, training, runs);
    }

    /// <summary>
    /// A daily end-of-day with the model active: with the rules left alone, its early-warning phase is what scoring adds
    /// to the run, its features read ahead as in any run; beside the rules, it shares their features.
    /// </summary>
    private ScoreRunFigures Daily(string what, DateOnly date, bool rulesOff)
    {
        var timings = new EndOfDayTimings();
        var run = console.Phase(what, report => new EndOfDayService(database, settings, clock) { Timings = timings, RulesOff = rulesOff }
            .Run(new EndOfDayRequest(Date: date), p => report(p.BorrowersDone, p.BorrowersTotal, $"{p.LoansDone:N0} loans")));
        if (!run.Succeeded) throw new InvalidOperationException(run.Failure!.Message);
        var parts = timings.AlertParts;
        return new ScoreRunFigures(what, date, run.Value!.LoansScored, timings.Alerts, parts.Features, parts.Scoring, parts.Rules);
    }

    private (int Version, int Variables) Active()
    {
        using var db = database.CreateContext();
        var active = ModelBook.Active(db)!.Value;
        return (active.Version, active.Scorecard.Variables.Count);
    }

    private ScoreRunFigures ScoreOnly(string what, DateOnly date)
    {
        var started = Stopwatch.GetTimestamp();
        var result = console.Phase(what, _ => AlertRaiser.For(database, settings).Raise(date, EodPartition.Whole, scoreOnly: true));
        return new ScoreRunFigures(what, date, result.Scored, Stopwatch.GetElapsedTime(started), result.Timings.Features, result.Timings.Scoring, result.Timings.Rules);
    }
}
