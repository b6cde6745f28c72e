using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PostLoan.Application.Scoring;
using PostLoan.Cli.Output;
using PostLoan.Domain.Scoring;
using Spectre.Console;

namespace PostLoan.Cli.Commands;

/// <summary>
/// <c>postloan model …</c>: scorecards trained on any CSV file (<c>train</c>, <c>score</c>), and the behaviour model
/// trained on the book (<c>train-behaviour</c>, <c>list</c>, the maker-checker promotion steps, <c>score-book</c>,
/// <c>backfill</c>); see docs/scoring.md.
/// </summary>
public static class ModelCommand
{
    public static Command Create() => new("model", "Scorecards: train one and its challenger on a CSV file and score with them; the book's behaviour model, its versions and promotion (see docs/scoring.md)")
    {
        Train(),
        Score(),
        TrainBehaviour(),
        List(),
        Step("request", "Put a draft version up for promotion", (book, version, actor) => book.RequestPromotion(version, actor)),
        Step("approve", "Approve a version waiting for promotion (a second person: not who trained it or asked); it scores the book from the next end-of-day, and the active version retires", (book, version, actor) => book.Approve(version, actor)),
        Step("reject", "Send a version waiting for promotion back to draft", (book, version, actor) => book.Reject(version, actor)),
        Step("retire", "Switch a version off (with none active, nothing is scored)", (book, version, actor) => book.Retire(version, actor)),
        ScoreBook(),
        Backfill(),
        Show(),
        Monitor(),
        Explain(),
    };

    private static Command Show()
    {
        var version = new Argument<int>("version") { Description = "the version number" };
        var command = new Command("show", "A version's figures and points table") { version };
        command.SetAction(parse =>
        {
            var detail = new ModelBook(CommonOptions.Context(parse).MigratedDatabase(), TimeProvider.System).Detail(parse.GetValue(version));
            if (!detail.Succeeded) return Fail(detail.Failure!.Message);
            var (m, card) = detail.Value;
            Console.WriteLine($"Behaviour model version {m.Version} ({BehaviourModel.Describe(m.Status)}), trained by {m.CreatedBy} on the {m.Rows:N0} loans active on {m.AsOf:yyyy-MM-dd}, {m.Bad:N0} bad.");
            Console.WriteLine($"Cross-validated: AUC {F(m.Auc)}, KS {F(m.Ks)}, Gini {F(m.Gini)}; challenger AUC {F(m.ChallengerAuc)}. Scaling: {card.Scaling.BaseScore:0.##} points at odds {card.Scaling.BaseOdds:0.##}:1, PDO {card.Scaling.Pdo:0.##}.");
            var table = new Table().Border(TableBorder.Simple).AddColumns("variable", "bin", "rows", "bad rate", "WoE", "points");
            foreach (var i in new[] { 2, 3, 4, 5 }) table.Columns[i].RightAligned();
            foreach (var v in card.Variables)
            {
                for (var b = 0; b < v.Binning.Bins.Count; b++)
                {
                    var bin = v.Binning.Bins[b];
                    table.AddRow(b == 0 ? Markup.Escape($"{v.Name} (IV {F(v.Binning.Iv)})") : "", Markup.Escape(bin.Label), bin.Total.ToString("N0", Formats.Invariant),
                        bin.BadRate.ToString("P1", Formats.Invariant), bin.Woe.ToString("0.000", Formats.Invariant), v.Points[b].ToString(Formats.Invariant));
                }
                table.AddRow("", "(neutral)", "", "", "0", v.NeutralPoints.ToString(Formats.Invariant));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Monitor()
    {
        var months = new Option<int>("--months") { Description = "month ends of the score history to compare", DefaultValueFactory = _ => 12 };
        var command = new Command("monitor", "The behaviour score's monitoring: PSI month over month by segment (alert above 0.25), AUC and KS where the outcome is known, calibration") { months };
        command.SetAction(parse =>
        {
            var report = new ModelMonitoring(CommonOptions.Context(parse).MigratedDatabase()).Get(parse.GetValue(months));
            if (report.Psi.Count == 0 && report.Outcomes.Count == 0)
            {
                Console.WriteLine("No score history to compare yet: end-of-day keeps each month end's scores once a model is active (`postloan model backfill` scores past month ends).");
                return 0;
            }
            var psi = new Table().Border(TableBorder.Simple).Title("PSI against the month end before").AddColumns("month end", "segment", "loans", "PSI", "");
            foreach (var r in report.Psi)
                psi.AddRow(r.MonthEnd.ToString("yyyy-MM-dd", Formats.Invariant), r.Segment, r.Loans.ToString("N0", Formats.Invariant), F(r.Psi), r.Alert ? "[red]ALERT: above 0.25[/]" : "");
            AnsiConsole.Write(psi);
            if (report.Outcomes.Count > 0)
            {
                var outcomes = new Table().Border(TableBorder.Simple).Title("Ranking of the loans that went bad within 12 months").AddColumns("month end", "loans", "bad", "AUC", "KS");
                foreach (var o in report.Outcomes)
                    outcomes.AddRow(o.MonthEnd.ToString("yyyy-MM-dd", Formats.Invariant), o.Loans.ToString("N0", Formats.Invariant), o.Bad.ToString("N0", Formats.Invariant), F(o.Auc), F(o.Ks));
                AnsiConsole.Write(outcomes);
                var calibration = new Table().Border(TableBorder.Simple).Title($"Calibration, {report.CalibrationMonth:yyyy-MM-dd}").AddColumns("PD from", "PD to", "loans", "mean PD", "bad rate");
                foreach (var c in report.Calibration)
                    calibration.AddRow(P(c.PdFrom), P(c.PdTo), c.Loans.ToString("N0", Formats.Invariant), P(c.MeanPd), P(c.BadRate));
                AnsiConsole.Write(calibration);
            }
            else Console.WriteLine("No month end of the score history has its 12-month outcome yet: AUC, KS and calibration follow once one has.");
            return 0;
        });
        return command;
    }

    private static Command Explain()
    {
        var loan = new Argument<string>("loan") { Description = "the loan's external id" };
        var command = new Command("explain", "A loan's behaviour score: PD, ECL, history, and the points of each variable with the reason codes") { loan };
        command.SetAction(parse =>
        {
            var result = new LoanScoreQuery(CommonOptions.Context(parse).MigratedDatabase()).Get(parse.GetValue(loan)!);
            if (!result.Succeeded) return Fail(result.Failure!.Message);
            var s = result.Value!;
            Console.WriteLine($"{s.Loan}: score {s.Score} (model version {s.ModelVersion}, {s.ScoredOn:yyyy-MM-dd}), PD {P(s.Pd)}, PD at origination {P(s.OriginationPd)}"
                + (s.PdDoubledOn is { } d ? $", doubled since {d:yyyy-MM-dd}" : "") + $", ECL {s.Ecl.ToString("N2", Formats.Invariant)}.");
            if (s.History.Count > 0) Console.WriteLine("Month ends: " + string.Join(", ", s.History.TakeLast(12).Select(h => $"{h.Date:yyyy-MM} {h.Score}")));
            var table = new Table().Border(TableBorder.Simple).AddColumns("variable", "value", "bin", "points", "best");
            foreach (var p in s.Parts)
                table.AddRow(Markup.Escape(p.Variable), Markup.Escape(Convert.ToString(p.Value, Formats.Invariant) ?? "missing"), Markup.Escape(p.Bin), p.Points.ToString(Formats.Invariant), p.MaxPoints.ToString(Formats.Invariant));
            AnsiConsole.Write(table);
            Console.WriteLine(s.Reasons.Count == 0 ? "Reason codes: none (every variable in its best bin)." : "Reason codes: " + string.Join("; ", s.Reasons));
            return 0;
        });
        return command;
    }

    private static string P(double v) => v.ToString("0.00%", Formats.Invariant);

    private static Command TrainBehaviour()
    {
        var asOf = new Option<DateOnly>("--as-of") { Description = "the observation month end: the features as of it, the outcome (90+ DPD) over the 12 months after", Required = true, CustomParser = CommonOptions.ParseDate };
        var folds = new Option<int>("--folds") { Description = "folds of the stratified cross-validation", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "the seed of the folds and the challenger", DefaultValueFactory = _ => 42 };
        var output = new Option<string?>("--out") { Description = "also write the scorecard's files and report to this folder" };
        var command = new Command("train-behaviour", "Train the behaviour model on the book's history and keep it as a new draft version with its figures") { asOf, folds, seed, output };
        command.SetAction(parse =>
        {
            var context = CommonOptions.Context(parse);
            var training = new BehaviourTraining(context.MigratedDatabase(), context.Clock);
            var request = new BehaviourTrainingRequest(parse.GetValue(asOf), parse.GetValue(folds), parse.GetValue(seed), parse.GetValue(output));
            var result = ConsoleProgress.Run("Training the behaviour model", report => training.Train(request, CommonOptions.ActorOf(parse), (done, total, status) => report(done, total, status + "!")));
            if (!result.Succeeded) return Fail(result.Failure!.Message);
            var (model, trained) = result.Value;
            Console.WriteLine($"Behaviour model version {model.Version} (draft): {model.Rows:N0} loans active on {model.AsOf:yyyy-MM-dd}, {model.Bad:N0} reached 90+ DPD within 12 months.");
            Console.WriteLine($"Cross-validated ({request.Folds} folds): scorecard AUC {F(model.Auc)}, KS {F(model.Ks)}, Gini {F(model.Gini)}; challenger AUC {F(model.ChallengerAuc)}, KS {F(model.ChallengerKs)}.");
            Console.WriteLine("Variables: " + string.Join(", ", trained.Scorecard.Scorecard.Variables.Select(v => $"{v.Name} (IV {F(v.Binning.Iv)})")));
            Console.WriteLine($"Next: `postloan model request {model.Version}`, then a second person approves it with `postloan model approve {model.Version}`.");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "The behaviour model's versions with their figures and status");
        command.SetAction(parse =>
        {
            var models = new ModelBook(CommonOptions.Context(parse).MigratedDatabase(), TimeProvider.System).List();
            if (models.Count == 0)
            {
                Console.WriteLine("No behaviour model yet: `postloan model train-behaviour --as-of YYYY-MM-DD` trains one on the book.");
                return 0;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("v", "as of", "loans", "bad", "AUC", "KS", "Gini", "challenger AUC", "status", "trained by", "approved by", "variables");
            foreach (var m in models)
                table.AddRow(m.Version.ToString(Formats.Invariant), m.AsOf.ToString("yyyy-MM-dd", Formats.Invariant), m.Rows.ToString("N0", Formats.Invariant), m.Bad.ToString("N0", Formats.Invariant),
                    F(m.Auc), F(m.Ks), F(m.Gini), F(m.ChallengerAuc), BehaviourModel.Describe(m.Status), Markup.Escape(m.CreatedBy), Markup.Escape(m.ApprovedBy ?? ""), m.Variables.Count.ToString(Formats.Invariant));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Step(string name, string description, Func<ModelBook, int, string, PostLoan.Application.Common.Result<BehaviourModelView>> step)
    {
        var version = new Argument<int>("version") { Description = "the version number" };
        var command = new Command(name, description) { version };
        command.SetAction(parse =>
        {
            var context = CommonOptions.Context(parse);
            var result = step(new ModelBook(context.MigratedDatabase(), context.Clock), parse.GetValue(version), CommonOptions.ActorOf(parse));
            if (!result.Succeeded) return Fail(result.Failure!.Message);
            Console.WriteLine($"Behaviour model version {result.Value!.Version}: {BehaviourModel.Describe(result.Value.Status)}.");
            return 0;
        });
        return command;
    }

    private static Command ScoreBook()
    {
        var command = new Command("score-book", "Score every active loan now with the active model, as end-of-day does (after a promotion, without waiting for the next run)");
        command.SetAction(parse =>
        {
            var context = CommonOptions.Context(parse);
            var database = context.MigratedDatabase();
            using var connection = database.OpenConnection();
            if (PostLoan.Infrastructure.EndOfDay.EndOfDayStore.BusinessDate(connection) is not { } date) return Fail("there is no business date yet: run end-of-day first");
            var result = PostLoan.Application.EarlyWarning.AlertRaiser.For(database, context.Servicing).Raise(date, PostLoan.Domain.Servicing.EodPartition.Whole, scoreOnly: true);
            if (result.ModelVersion is null) return Fail("no behaviour model is active: promote one first");
            Console.WriteLine($"Scored {result.Scored:N0} active loans on {date:yyyy-MM-dd} with behaviour model version {result.ModelVersion}.");
            return 0;
        });
        return command;
    }

    private static Command Backfill()
    {
        var from = new Option<DateOnly>("--from") { Description = "the first month, YYYY-MM", Required = true, CustomParser = CommonOptions.ParseMonth };
        var command = new Command("backfill", "Score the month ends from a month to the business date with the active model, into the score history") { from };
        command.SetAction(parse =>
        {
            var backfill = new ScoreBackfill(CommonOptions.Context(parse).MigratedDatabase());
            var result = ConsoleProgress.Run("Scoring past month ends", report => backfill.Run(parse.GetValue(from), (done, total, status) => report(done, total, status + "!")));
            if (!result.Succeeded) return Fail(result.Failure!.Message);
            Console.WriteLine($"Scored {result.Value.MonthEnds} month ends, {result.Value.Loans:N0} loan scores in all, into the score history.");
            return 0;
        });
        return command;
    }

    private static Command Train()
    {
        var csv = new Option<string>("--csv") { Description = "the CSV file to train on: a header row, one row per case", Required = true };
        var target = new Option<string>("--target") { Description = "the column holding the outcome", Required = true };
        var bad = new Option<string>("--bad") { Description = "the outcome's value that marks a bad row (every other value is good)", Required = true };
        var folds = new Option<int>("--folds") { Description = "folds of the stratified cross-validation", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "the seed of the folds and the challenger: the same seed gives the same models", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "the folder to write the scorecard, the challenger and the report to", DefaultValueFactory = _ => "scorecard" };
        var exclude = new Option<string[]>("--exclude") { Description = "columns not to use (an id, a date)", AllowMultipleArgumentsPerToken = true };
        var categorical = new Option<string[]>("--categorical") { Description = "columns to treat as categories though they hold numbers (a branch code)", AllowMultipleArgumentsPerToken = true };
        var minIv = new Option<double>("--min-iv") { Description = "the least information value a variable needs to be kept", DefaultValueFactory = _ => 0.02 };
        var maxCorrelation = new Option<double>("--max-correlation") { Description = "of two variables whose WoE correlate beyond this, the weaker is left out", DefaultValueFactory = _ => 0.7 };
        var baseScore = new Option<double>("--base-score") { Description = "points at the base odds", DefaultValueFactory = _ => 600 };
        var pdo = new Option<double>("--pdo") { Description = "points to double the odds", DefaultValueFactory = _ => 20 };
        var baseOdds = new Option<double>("--base-odds") { Description = "the good:bad odds the base score stands for", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "print only the figures, as one JSON object" };
        var command = new Command("train", "Bin every column, choose variables by IV, fit a WoE logistic-regression scorecard and a LightGBM challenger, cross-validate both, and write them with a report")
            { csv, target, bad, folds, seed, output, exclude, categorical, minIv, maxCorrelation, baseScore, pdo, baseOdds, json };
        command.SetAction(parse =>
        {
            var read = TrainingCsv.Read(new TrainingCsvRequest(parse.GetValue(csv)!, parse.GetValue(target)!, parse.GetValue(bad)!,
                parse.GetValue(exclude) ?? [], parse.GetValue(categorical) ?? []));
            if (!read.Succeeded) return Fail(read.Failure!.Message);
            var options = new TrainingOptions(parse.GetValue(folds), parse.GetValue(seed), parse.GetValue(minIv), parse.GetValue(maxCorrelation))
            {
                Scaling = new ScoreScaling(parse.GetValue(baseScore), parse.GetValue(pdo), parse.GetValue(baseOdds)),
            };
            var asJson = parse.GetValue(json);
            var folder = parse.GetValue(output)!;
            TrainedModels models;
            try
            {
                options.Scaling.Validate();
                var title = $"Training on {read.Value!.Data.Rows:N0} rows";
                models = asJson
                    ? ModelTrainer.Train(read.Value!, options, (done, total, status) => Console.Error.WriteLine($"{title}: {status} ({done}/{total})"))
                    : ConsoleProgress.Run(title, report => ModelTrainer.Train(read.Value!, options, (done, total, status) => report(done, total, status + "!")));
                ModelFiles.Write(models, folder);
            }
            catch (Exception e) when (e is ScoringDataException or ArgumentException)
            {
                return Fail(e.Message);
            }
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    scorecard = ModelFigures.Of(models.ScorecardFigures),
                    challenger = ModelFigures.Of(models.ChallengerFigures),
                    rows = models.Table.Data.Rows,
                    bad = models.Table.Data.BadCount,
                }, new JsonSerializerOptions(ModelFiles.Json) { WriteIndented = false }));
                return 0;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns($"{options.Folds}-fold cross-validation", "AUC", "KS", "Gini");
            foreach (var i in Enumerable.Range(1, 3)) table.Columns[i].RightAligned();
            void Row(string name, Discrimination d) => table.AddRow(name, F(d.Auc), F(d.Ks), F(d.Gini));
            Row("scorecard (WoE logistic regression)", models.ScorecardFigures);
            Row("challenger (LightGBM)", models.ChallengerFigures);
            AnsiConsole.Write(table);
            var card = models.Scorecard.Scorecard;
            Console.WriteLine($"{models.Table.Data.Rows:N0} rows, {models.Table.Data.BadCount:N0} bad; {card.Variables.Count} of {models.Table.Data.Columns.Count} columns in the scorecard: "
                + string.Join(", ", card.Variables.Select(v => $"{v.Name} (IV {F(v.Binning.Iv)})")));
            Console.WriteLine($"Written to {Path.GetFullPath(folder)}: scorecard.json, scorecard.csv, variables.csv, folds.csv, challenger.zip, report.md, report.html");
            return 0;
        });
        return command;
    }

    private static Command Score()
    {
        var model = new Option<string>("--model") { Description = "the folder `model train` wrote", Required = true };
        var csv = new Option<string>("--csv") { Description = "the CSV file to score, with the columns the scorecard reads", Required = true };
        var output = new Option<string>("--out") { Description = "where to write the rows with their score and PD (default: next to the input, .scored.csv)" };
        var target = new Option<string?>("--target") { Description = "the outcome column, when the file has one: AUC and KS are then printed" };
        var bad = new Option<string?>("--bad") { Description = "the outcome's bad value, with --target" };
        var command = new Command("score", "Score a CSV file with a trained scorecard (and its challenger): writes each row with score, pd and challenger_pd") { model, csv, output, target, bad };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(model)!;
            ScorecardFile file;
            ChallengerModel? challenger;
            try
            {
                file = ModelFiles.ReadScorecard(folder);
                challenger = ModelFiles.ReadChallenger(folder);
            }
            catch (Exception e) when (e is ScoringDataException or JsonException)
            {
                return Fail(e.Message);
            }
            var columns = file.Scorecard.Variables.ToDictionary(v => v.Name, v => v.Binning.Numeric);
            foreach (var c in challenger?.Encoding.Columns ?? []) columns.TryAdd(c.Name, c.Numeric);
            var path = parse.GetValue(csv)!;
            var read = TrainingCsv.ReadToScore(path, columns);
            if (!read.Succeeded) return Fail(read.Failure!.Message);
            var (data, header, rows) = read.Value;
            var scores = file.Scorecard.Score(data);
            var challengerPd = challenger?.Pd(data);
            var outPath = parse.GetValue(output) ?? Path.ChangeExtension(path, ".scored.csv");
            ModelFiles.WriteCsv(outPath, [.. header, "score", "pd", .. challengerPd is null ? Array.Empty<string>() : ["challenger_pd"]],
                rows.Select((r, i) => (object[])[.. r, scores[i], Math.Round(file.Scorecard.PdOf(scores[i]), 6),
                    .. challengerPd is null ? Array.Empty<object>() : [Math.Round(challengerPd[i], 6)]]));
            var sorted = scores.Order().ToArray();
            Console.WriteLine($"Scored {scores.Length:N0} rows into {outPath}: scores {sorted[0]}–{sorted[^1]}, median {sorted[sorted.Length / 2]}.");
            if (parse.GetValue(target) is { } t)
            {
                var outcome = header.IndexOf(t);
                if (outcome < 0) return Fail($"no column {t}; the columns are {string.Join(", ", header)}");
                var badValue = parse.GetValue(bad) ?? file.BadValue;
                var isBad = rows.Select(r => r[outcome].Trim() == badValue).ToArray();
                if (isBad.All(b => b) || !isBad.Any(b => b)) return Fail($"{t} needs both {badValue} and other rows to measure AUC and KS");
                var d = Discrimination.Of([.. scores.Select(s => -(double)s)], isBad);
                Console.WriteLine($"On this file: scorecard AUC {F(d.Auc)}, KS {F(d.Ks)}, Gini {F(d.Gini)}"
                    + (challengerPd is null ? "" : $"; challenger AUC {F(Discrimination.Of(challengerPd, isBad).Auc)}"));
            }
            return 0;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
