using System.Buffers;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Scoring;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.EarlyWarning;
using PostLoan.Infrastructure.EarlyWarning.FeatureStore;
using PostLoan.Infrastructure.Persistence;
using PostLoan.Infrastructure.Scoring;

namespace PostLoan.Application.EarlyWarning;

/// <summary>What end-of-day's early-warning phase did: the loans the behaviour model scored, the rules it evaluated and the alerts they raised.</summary>
public sealed record AlertPhaseResult(int RulesEvaluated, int Raised, int? ModelVersion = null, int Scored = 0)
{
    /// <summary>Where the phase's time went: reading the loans and computing the features, scoring (with its writes), the rules (with the alerts' writes).</summary>
    public (TimeSpan Features, TimeSpan Scoring, TimeSpan Rules) Timings { get; init; }

    /// <summary>How the kept inputs of the features were come by (<see cref="FeatureInputStore"/>): empty without the store.</summary>
    public IReadOnlyList<StorePartReport> InputParts { get; init; } = [];

    /// <summary>The loans and today's states the phase read, for the task phase after it; null when it read none (nothing active).</summary>
    public (Dictionary<long, FeatureLoan> Loans, Dictionary<long, FeatureState> States)? Read { get; init; }
}

/// <summary>
/// End-of-day's early-warning phase (SPEC §6): every active rule is evaluated, column by column, over the active loans
/// of the run's partition on its business date, and an alert is raised where the condition holds, unless the rule
/// already has an open alert on that loan. Each alert keeps the rule's version and the feature values it read. A rule
/// whose alert on a loan was resolved or dismissed in the last <see cref="SuppressDaysAfterClosing"/> days does not
/// raise another there.
/// <para>The features the active rules and the active behaviour model read are computed once for all of them
/// (<see cref="FeatureBuilder"/>): today's from the loan's state and the data known today, earlier months' as of those
/// month ends. The model scores first (<see cref="BehaviourScoring"/>), so that rules can read the score. A rule of some
/// segments raises alerts on loans of those segments only. Running the phase again for the same date raises nothing new.</para>
/// </summary>
/// <param name="store">Where the features' slowly changing inputs are kept between runs; without one, they are read whole.</param>
public sealed class AlertRaiser(DatabaseSettings database, ClassificationPolicy? policy = null, FeatureInputStore? store = null)
{
    /// <summary>The raiser end-of-day uses, with the feature-input store unless the settings turn it off.</summary>
    public static AlertRaiser For(DatabaseSettings database, Configuration.ServicingSettings settings) =>
        new(database, settings.Classification, settings.FeatureStore ? FeatureInputStore.For(database) : null);

    /// <summary>
    /// Days after an alert is resolved or dismissed during which its rule raises no new alert on the loan. Without it,
    /// a condition that still holds (a loan still 40 days overdue) would raise the alert again the next morning.
    /// </summary>
    public const int SuppressDaysAfterClosing = 30;

    /// <summary>What a run of the phase evaluates: the active rules, the active model, and the features they read.</summary>
    private sealed record Plan(List<(RuleVersion Version, CheckedRule Rule)> Rules, (int Version, Domain.Scoring.Scorecard Scorecard)? Model,
        List<FeatureInput> Inputs, List<FeatureInput> ScoreInputs)
    {
        public string[] Codes => [.. Rules.Select(r => r.Version.Code)];
    }

    private static Plan PlanOf(PostLoanDbContext db, bool scoreOnly)
    {
        var active = scoreOnly ? [] : db.RuleVersions.Where(v => v.Status == RuleVersionStatus.Active).OrderBy(v => v.Code).ToList();
        var model = ModelBook.Active(db);
        var rules = active.Select(v => (Version: v, Rule: RuleBook.Check(v.Condition).Rule
            ?? throw new InvalidOperationException($"active rule {v.Code} v{v.Version} no longer checks: {v.Condition}"))).ToList();
        var ruleInputs = rules.SelectMany(r => r.Rule.RequiredInputs).Distinct().ToList();
        // With a model, the score features come from its scores; without one, the builder leaves them missing.
        var scoreInputs = model is null ? [] : ruleInputs.Where(i => FeatureBuilder.ScoreFeatures.Contains(i.Feature)).ToList();
        var inputs = ruleInputs.Except(scoreInputs).Union(model is { } m ? BehaviourScoring.Inputs(m.Scorecard) : []).ToList();
        return new Plan(rules, model, inputs, scoreInputs);
    }

    private (string[] Codes, Task<long[][]> Held)? _heldBackAhead;

    /// <summary>Today's states and delinquency events, put together from a read ahead and what servicing wrote.</summary>
    private ServicedToday? _servicedToday;

    /// <summary>The features of the monitoring data alone, computed during servicing.</summary>
    private Task<FeatureBuilder.Ahead>? _computedAhead;

    /// <summary>
    /// Starts reading, on connections and threads of their own at the lowest priority, what the phase on
    /// <paramref name="businessDate"/> reads: the kept inputs of the features (the loans, the monitoring data, the DPD
    /// of the month ends before <paramref name="servicedFrom"/>), the loans each rule is held back on, and today's states
    /// and delinquency events as servicing finds them (it hands over those it writes: <see cref="Serviced"/>); and
    /// computing the features of the monitoring data alone. End-of-day calls it as servicing starts, whose stages leave
    /// the machine's cores partly idle; <see cref="Raise"/> then takes these instead of starting its own. Rules or a
    /// model switched on meanwhile are read for in <see cref="Raise"/>.
    /// </summary>
    /// <param name="scoreOnly">The run will score with the model and leave the rules alone (<see cref="Raise"/>).</param>
    public void ReadAhead(DateOnly businessDate, DateOnly servicedFrom, EodPartition partition, bool scoreOnly = false)
    {
        using var db = database.CreateContext();
        var plan = PlanOf(db, scoreOnly);
        if (plan.Rules.Count == 0 && plan.Model is null) return;
        // Today's states and delinquency events: those servicing finds, and those it writes (handed over by Serviced).
        _servicedToday = new ServicedToday(partition, ReadAlongside.StartWhenIdle(database.OpenConnection, other => FeatureReads.Current(other, partition)),
            FeatureBuilder.ReadEvents(database.OpenConnection, plan.Inputs, businessDate, whenIdle: true));
        if (store is not null)
        {
            var (groups, monthEnds) = FeatureBuilder.Reads(plan.Inputs, businessDate);
            // A month end the run services is snapshotted by it: its DPD is read once it is written.
            store.Prefetch(database.OpenConnection, groups, [.. monthEnds.Where(d => d < servicedFrom)], whenIdle: true);
            // The features of the monitoring data alone are computed from it meanwhile, on one core.
            _computedAhead = ReadAlongside.StartWhenIdle(database.OpenConnection,
                other => new FeatureBuilder(other, store.Loans(other), businessDate, store: store).ComputeAhead(plan.Inputs, businessDate));
        }
        if (plan.Rules.Count > 0) _heldBackAhead = (plan.Codes, HeldBack(plan.Codes, businessDate, whenIdle: true));
    }

    /// <summary>
    /// Takes what servicing has just written of a chunk, after <see cref="ReadAhead"/>: the phase then has today's
    /// states and delinquency events without reading them again.
    /// </summary>
    public void Serviced(ServicingOutput output) => _servicedToday?.Add(output);

    private Task<long[][]> HeldBack(string[] codes, DateOnly businessDate, bool whenIdle = false)
    {
        Func<DbConnection, long[][]> read = other => AlertRows.HeldBack(other, businessDate.AddDays(-SuppressDaysAfterClosing), codes);
        return whenIdle ? ReadAlongside.StartWhenIdle(database.OpenConnection, read) : ReadAlongside.Start(database.OpenConnection, read);
    }

    /// <param name="scoreOnly">Score the book with the active model and leave the rules alone (a model just promoted).</param>
    public AlertPhaseResult Raise(DateOnly businessDate, EodPartition partition, bool scoreOnly = false)
    {
        using var db = database.CreateContext();
        var plan = PlanOf(db, scoreOnly);
        var (rules, model, inputs, scoreInputs) = plan;
        if (rules.Count == 0 && model is null) return new AlertPhaseResult(0, 0);

        var started = Stopwatch.GetTimestamp();
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        // The kept loans, monitoring data and month-end DPD are read on other connections while today's states are read
        // on this one, unless a read ahead started them already (the store then gives what it read).
        if (store is not null && !store.Prefetched)
        {
            var (groups, monthEnds) = FeatureBuilder.Reads(inputs, businessDate);
            store.Prefetch(database.OpenConnection, groups, monthEnds);
        }
        // So are today's delinquency events and the stored scores, which scoring compares its own with.
        var (servicedToday, computedAhead) = (_servicedToday is { } serviced && serviced.Partition == partition ? serviced : null, _computedAhead);
        (_servicedToday, _computedAhead) = (null, null);
        var events = servicedToday?.Events() ?? FeatureBuilder.ReadEvents(database.OpenConnection, inputs, businessDate);
        var storedScores = model is null ? null : ReadAlongside.Start(database.OpenConnection, LoanScoreRows.All);
        // And the loans each rule is held back on: an open alert, or one closed in the last SuppressDaysAfterClosing days.
        var heldBack = rules.Count == 0 ? null
            : _heldBackAhead is { } ahead && ahead.Codes.SequenceEqual(plan.Codes) ? ahead.Held : HeldBack(plan.Codes, businessDate);
        var today = servicedToday?.States() ?? FeatureReads.Current(connection, partition);
        var loans = store?.Loans(connection) ?? FeatureReads.Loans(connection);
        var ids = today.Where(s => s.Value.Status == LoanStatus.Active && loans.ContainsKey(s.Key)).Select(s => s.Key).Order().ToArray();
        var frame = new FeatureFrame(ids.Length);
        new FeatureBuilder(connection, loans, businessDate, openConnection: database.OpenConnection, store: store, eventsRead: events,
            computedAhead: computedAhead).Fill(frame, ids, inputs, businessDate,
            date => date == businessDate ? today : FeatureReads.Snapshot(connection, date),
            date => store?.SnapshotDpd(connection, date) ?? FeatureReads.SnapshotDpd(connection, date));
        var featured = Stopwatch.GetTimestamp();
        ScoredBook? scored = null;
        if (model is { } scoring)
        {
            scored = BehaviourScoring.ScoreAndWrite(connection, scoring.Version, scoring.Scorecard, frame, ids, loans, today, businessDate, policy ?? ClassificationPolicy.Default,
                storedScores!);
            // A loan whose PD crossed twice its origination PD changes stage: the next end-of-day services it to apply it.
            Recompute.Loans(db, [.. scored.PdDoubledChanged]);
            BehaviourScoring.AddScoreFeatures(connection, frame, scoreInputs, scored, ids, businessDate);
        }
        var scoredAt = Stopwatch.GetTimestamp();
        var timings = (Stopwatch.GetElapsedTime(started, featured), Stopwatch.GetElapsedTime(featured, scoredAt), TimeSpan.Zero);
        if (rules.Count == 0)
        {
            // The store's files are written in the background while the phase goes on: they are complete before it ends.
            store?.Flush();
            return new AlertPhaseResult(0, 0, scored?.ModelVersion, ids.Length) { Timings = timings, Read = (loans, today), InputParts = store?.Reports ?? [] };
        }

        var held = heldBack!.GetAwaiter().GetResult();

        // The rules are evaluated side by side over the same frame, each raising its alerts where it holds, is not
        // held back and applies to the loan's segment, with the values it read. The alerts are written meanwhile, rule
        // after rule in code order, as each rule is done.
        var raisedBy = rules.Select(_ => new TaskCompletionSource<List<Alert>>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var writing = Task.Factory.StartNew(() => AlertRows.Insert(connection, raisedBy.SelectMany(r => r.Task.GetAwaiter().GetResult())),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            Parallel.For(0, rules.Count, () => new Truth[ids.Length], (k, _, results) =>
            {
                var (version, rule) = rules[k];
                var definition = version.Definition;
                var read = rule.RequiredInputs.Select(i => (i, FactName(i))).ToList();
                rule.CreateEvaluator().Evaluate(frame, results);
                var mine = new List<Alert>();
                for (var i = 0; i < results.Length; i++)
                {
                    if (results[i] != Truth.True || AlertRows.IsHeld(held[k], ids[i]) || !definition.AppliesTo(loans[ids[i]].Segment)) continue;
                    mine.Add(Alert.Raise(version.Code, version.Version, ids[i], version.Severity, businessDate, Facts(frame.Row(i), read)));
                }
                raisedBy[k].SetResult(mine);
                return results;
            }, _ => { });
        }
        finally
        {
            // A rule that failed leaves the writer waiting: it gives up, and its transaction is rolled back.
            foreach (var r in raisedBy) r.TrySetCanceled();
            ((IAsyncResult)writing).AsyncWaitHandle.WaitOne();
        }
        writing.GetAwaiter().GetResult();
        List<Alert> raised = [.. raisedBy.SelectMany(r => r.Task.Result)];
        // A red alert makes its loan special mention (SPEC §5): the next end-of-day services the loan to apply it.
        Recompute.Loans(db, raised.Where(a => a.Severity == Severity.Red).Select(a => a.LoanId).Distinct().ToArray());
        store?.Flush();
        return new AlertPhaseResult(rules.Count, raised.Count, scored?.ModelVersion, scored is null ? 0 : ids.Length)
        {
            Timings = timings with { Item3 = Stopwatch.GetElapsedTime(scoredAt) },
            Read = (loans, today),
            InputParts = store?.Reports ?? [],
        };
    }
    /// <summary>How the facts name an input: <c>dpd</c>, or <c>dpd@-3m</c> for three month ends back.</summary>
    private static string FactName(FeatureInput input) => input.Lag == 0 ? input.Feature : $"{input.Feature}@-{input.Lag}m";

    /// <summary>
    /// The values the rule read on a row, as JSON by <see cref="FactName"/>; null when missing. Written straight from the
    /// frame's columns: a first day with new rules writes tens of thousands.
    /// </summary>
    private static string Facts(IFeatureRow row, IReadOnlyList<(FeatureInput Input, string Name)> read)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (input, name) in read)
            {
                json.WritePropertyName(name);
                if (!row.TryGet(input, out var value)) throw new InvalidOperationException($"the frame has no column for {input}");
                if (value.IsMissing) json.WriteNullValue();
                else if (value.Type == FeatureType.Number) json.WriteNumberValue(value.Number);
                else if (value.Type == FeatureType.Bool) json.WriteBooleanValue(value.Bool);
                else json.WriteStringValue(value.Text);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
