using System.Data.Common;
using PostLoan.Domain.Common;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.EarlyWarning.Features;
using PostLoan.Domain.EarlyWarning.Rules;
using PostLoan.Infrastructure.EarlyWarning;
using PostLoan.Infrastructure.EarlyWarning.FeatureStore;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.EarlyWarning;

/// <summary>
/// Computes the features of docs/features.md for a set of loans as of a date, column by column, for the rules that
/// read them: end-of-day's alert phase, the back-test and the loan view. A feature at a lag of N months is the
/// feature as of the month end N months back, computed the same way from the data known then: the servicing state
/// of that month end's snapshot, the monitoring rows and delinquency events dated on or before it.
/// <para>Monitoring data is read whole, once (or taken from the feature-input store, which reads it alongside), and looked up by loan or borrower; the delinquency history comes from
/// the delinquency events end-of-day records as it services the loans (<see cref="DelinquencyEvents"/>).</para>
/// </summary>
/// <param name="businessDate">The book's current business date: figures reported without a date (a project's completion) hold on it only.</param>
/// <param name="borrowerId">When the loans are one borrower's: read only that borrower's monitoring data.</param>
/// <param name="openConnection">Another connection to the same database, on which the monitoring data is read while the
/// servicing state is read on <paramref name="connection"/>; without it, both are read on <paramref name="connection"/>.</param>
/// <param name="store">Where the monitoring data of the whole book is kept between runs (<see cref="FeatureInputStore"/>); without it, it is read whole.</param>
/// <param name="eventsRead">The delinquency events of the date the fill is for, already being read (<see cref="ReadEvents"/>).</param>
/// <param name="computedAhead">The monitoring features of the date the fill is for, being computed ahead (<see cref="ComputeAhead"/>).</param>
internal sealed class FeatureBuilder(DbConnection connection, Dictionary<long, FeatureLoan> loans, DateOnly businessDate, long? borrowerId = null,
    Func<DbConnection>? openConnection = null, FeatureInputStore? store = null, Task<FeatureBuilder.EventsRead?>? eventsRead = null,
    Task<FeatureBuilder.Ahead>? computedAhead = null)
{
    /// <summary>The delinquency events of the whole book in a window ending on a date.</summary>
    internal sealed record EventsRead(DateOnly AsOf, int Months, List<(long Loan, DelinquencyEvent Event)> Events);

    /// <summary>
    /// Starts reading, on a connection of its own, the delinquency events the lag-0 features of <paramref name="inputs"/>
    /// read on <paramref name="date"/> (none when they read none), while the caller reads the servicing state.
    /// </summary>
    /// <param name="whenIdle">Read at the lowest priority, ahead of time (<see cref="ReadAlongside.StartWhenIdle"/>).</param>
    public static Task<EventsRead?> ReadEvents(Func<DbConnection> open, IEnumerable<FeatureInput> inputs, DateOnly date, bool whenIdle = false)
    {
        var months = DelinquencyFeatures.WindowOf(inputs.Where(i => i.Lag == 0).Select(i => i.Feature));
        if (months == 0) return Task.FromResult<EventsRead?>(null);
        Func<DbConnection, EventsRead?> read = other => new EventsRead(date, months, FeatureReads.Events(other, date.AddMonths(-months), date));
        return whenIdle ? ReadAlongside.StartWhenIdle(open, read) : ReadAlongside.Start(open, read);
    }

    /// <summary>The behaviour model's features: missing until a model is active.</summary>
    public static readonly IReadOnlyList<string> ScoreFeatures = ["behaviour_score", "pd", "score_change_3m"];

    private Task<MonitoringData>? _monitoring;
    private List<(long Borrower, DateOnly AddedOn, DateOnly? RemovedOn)>? _watchList;

    private MonitoringGroups _groups = MonitoringGroups.All;

    private MonitoringData Data => (_monitoring ??= Task.FromResult(Monitoring(connection, _groups))).GetAwaiter().GetResult();

    /// <summary>The whole book's monitoring data comes from the store when there is one; it reads it on connections of its own.</summary>
    private bool FromStore => store is not null && borrowerId is null;

    private MonitoringData Monitoring(DbConnection on, MonitoringGroups groups) =>
        FromStore ? store!.Monitoring(on, groups) : FeatureReads.Monitoring(on, borrowerId is { } b ? [b] : null, groups);

    /// <summary>
    /// What a fill of <paramref name="inputs"/> as of <paramref name="date"/> will read from the store: the monitoring
    /// groups, and the month ends whose DPD alone it reads from the snapshots (history functions over <c>dpd</c>).
    /// </summary>
    public static (MonitoringGroups Groups, IReadOnlyList<DateOnly> DpdMonthEnds) Reads(IEnumerable<FeatureInput> inputs, DateOnly date)
    {
        var all = inputs.ToList();
        var monthEnds = all.GroupBy(i => i.Lag).Where(g => g.Key > 0 && NeedsStates(g.Select(i => i.Feature)) && DpdOnly(g.Select(i => i.Feature)))
            .Select(g => BusinessCalendar.MonthEnd(date.AddMonths(-g.Key))).Where(d => d != date).ToList();
        return (GroupsOf(all.Select(i => i.Feature)), monthEnds);
    }

    /// <summary>True when the features read a loan's servicing state of their date.</summary>
    private static bool NeedsStates(IEnumerable<string> features) => features.Any(f => ServicingFeatures.Names.Contains(f)
        || DelinquencyFeatures.Names.Contains(f) || f == "days_since_last_payment" || CollateralFeatures.Names.Contains(f));

    /// <summary>True when the only part of the servicing state the features read is DPD.</summary>
    private static bool DpdOnly(IEnumerable<string> features) => features.All(f => f == "dpd" || DelinquencyFeatures.Names.Contains(f) || !(ServicingFeatures.Names.Contains(f)
        || CollateralFeatures.Names.Contains(f) || f == "days_since_last_payment"));

    /// <summary>The monitoring tables the features need: reading all of them costs seconds on a large book.</summary>
    private static MonitoringGroups GroupsOf(IEnumerable<string> features)
    {
        var groups = MonitoringGroups.None;
        foreach (var f in features)
        {
            if (StatementFeatures.Names.Contains(f)) groups |= MonitoringGroups.Statements;
            else if (BureauFeatures.Names.Contains(f)) groups |= MonitoringGroups.Bureau;
            else if (CollateralFeatures.Names.Contains(f)) groups |= MonitoringGroups.Collateral;
            else if (FundUseFeatures.Names.Contains(f)) groups |= MonitoringGroups.FundUses;
            else if (ProjectFeatures.Names.Contains(f)) groups |= MonitoringGroups.Milestones;
            else if (SignalFeatures.Names.Contains(f)) groups |= MonitoringGroups.Signals;
        }
        return groups;
    }

    /// <summary>
    /// Adds to <paramref name="frame"/> a column for each input, over the loans <paramref name="ids"/> (its rows, in
    /// order). <paramref name="date"/> is the date a lag of 0 reads; <paramref name="statesAt"/> gives the servicing
    /// state of the loans at a date (today's states for the business date, a snapshot for a month end), and
    /// <paramref name="dpdAt"/>, when given, a month end's DPD alone, for the lags whose features read nothing else of it.
    /// </summary>
    public void Fill(FeatureFrame frame, long[] ids, IEnumerable<FeatureInput> inputs, DateOnly date, Func<DateOnly, Dictionary<long, FeatureState>> statesAt,
        Func<DateOnly, MonthEndDpd>? dpdAt = null)
    {
        var all = inputs.ToList();
        // A builder reads the monitoring data once, for the groups its first fill needs; a later fill needing more reads them all.
        var groups = GroupsOf(all.Select(i => i.Feature));
        if (_monitoring is not null && (groups & ~_groups) != 0) (_monitoring, _groups) = (null, MonitoringGroups.All);
        else if (_monitoring is null) _groups = groups;
        if (_monitoring is null && openConnection is not null && !FromStore && groups != MonitoringGroups.None)
        {
            var wanted = _groups;
            _monitoring = ReadAlongside.Start(openConnection, other => Monitoring(other, wanted));
        }
        // Two passes over the lags: first what the servicing state and the delinquency events give, on this
        // connection while the monitoring data is being read on the other; then the monitoring groups.
        var passes = new List<(DateOnly AsOf, int Lag, HashSet<string> Needed, Func<Dictionary<long, FeatureState>> States, ColumnSink Sink)>();
        foreach (var lag in all.GroupBy(i => i.Lag))
        {
            var asOf = lag.Key == 0 ? date : BusinessCalendar.MonthEnd(date.AddMonths(-lag.Key));
            var needed = lag.Select(i => i.Feature).ToHashSet(StringComparer.Ordinal);
            // The servicing state of the date, read only when a feature needs it (a snapshot is a million rows), or
            // its DPD alone, lined up with the rows, when that is all the features read of it.
            Dictionary<long, FeatureState>? read = null;
            (int[] Dpd, bool[] Present)? dpdRead = null;
            var dpdOnly = lag.Key > 0 && dpdAt is not null && DpdOnly(needed);
            Dictionary<long, FeatureState> States() => read ??= statesAt(asOf);
            (int[] Dpd, bool[] Present) Dpd() => dpdRead ??= dpdOnly ? dpdAt!(asOf).Align(ids) : DpdOf(ids, States());
            foreach (var input in lag.Where(i => ServicingFeatures.Names.Contains(i.Feature)))
            {
                if (input.Feature == "dpd") frame.AddNumbers(input.Feature, input.Lag, Array.ConvertAll(Dpd().Dpd, d => (decimal)d), Dpd().Present);
                else ServicingFeatures.AddColumn(frame, input, ids, States(), loans, asOf);
            }
            var sink = new ColumnSink(ids.Length, needed.Where(f => !ServicingFeatures.Names.Contains(f)));
            if (sink.IsEmpty) continue;
            if (needed.Contains("on_watch_list")) WatchList(ids, asOf, sink);
            if (needed.Overlaps(DelinquencyFeatures.Names)) Delinquency(ids, asOf, DelinquencyFeatures.WindowOf(needed), Dpd(), sink);
            if (needed.Contains("days_since_last_payment")) LastPayments(ids, asOf, States(), sink);
            passes.Add((asOf, lag.Key, needed, States, sink));
        }
        foreach (var (asOf, lag, needed, states, sink) in passes)
        {
            // What was computed ahead is taken; the rest is computed, the monitoring data read (or waited for) only then.
            var ahead = computedAhead?.GetAwaiter().GetResult() is { } a && a.Date == date ? a.Take(ids, asOf, needed, sink) : MonitoringGroups.None;
            var left = GroupsOf(needed) & ~ahead;
            if (left != MonitoringGroups.None) Compute(ids, asOf, needed, left, Data, states, sink, parallel: true);
            // The behaviour-score features stay missing until a behaviour model is active: their columns stay as made.
            sink.AddTo(frame, lag);
        }
    }

    /// <summary>The monitoring groups whose features read nothing of the servicing state: they can be computed before servicing ends.</summary>
    private const MonitoringGroups StateFree = MonitoringGroups.All & ~MonitoringGroups.Collateral;

    /// <summary>
    /// Computes the features of the monitoring groups <paramref name="groups"/> that <paramref name="needed"/> names, for
    /// the loans <paramref name="ids"/> as of <paramref name="asOf"/>; <paramref name="states"/> gives the servicing
    /// state of that date, which only the collateral group reads.
    /// </summary>
    private void Compute(long[] ids, DateOnly asOf, HashSet<string> needed, MonitoringGroups groups, MonitoringData data, Func<Dictionary<long, FeatureState>> states,
        ColumnSink sink, bool parallel)
    {
        bool Wanted(MonitoringGroups group) => groups.HasFlag(group) && needed.Overlaps(NamesOf(group));
        void ForEach(Action<FeatureLoan, long, IFeatureSink> compute) => Rows(ids, sink, compute, parallel);
        if (Wanted(MonitoringGroups.Bureau)) ForEach((l, id, row) => BureauFeatures.Compute(data.Bureau.Of(l.BorrowerId), asOf, row));
        if (Wanted(MonitoringGroups.Statements)) ForEach((l, id, row) => StatementFeatures.Compute(data.Statements.Of(l.BorrowerId), data.Covenants.Of(id), asOf, row));
        if (Wanted(MonitoringGroups.Collateral))
        {
            var at = states();
            ForEach((l, id, row) => CollateralFeatures.Compute(data.Collateral.Of(id), at.TryGetValue(id, out var s) ? s.Outstanding : null, data.GuarantorSignals.Of(id), asOf, row));
        }
        if (Wanted(MonitoringGroups.FundUses)) ForEach((l, id, row) => FundUseFeatures.Compute(data.FundUses.Of(id), l.Segment, l.Principal, l.Disbursed, asOf, row));
        if (Wanted(MonitoringGroups.Milestones)) ForEach((l, id, row) => ProjectFeatures.Compute(data.Milestones.Of(id), asOf, asOf >= businessDate, row));
        if (Wanted(MonitoringGroups.Signals)) ForEach((l, id, row) => SignalFeatures.Compute(data.BorrowerSignals.Of(l.BorrowerId), asOf, row));
    }

    /// <summary>The features of a monitoring group.</summary>
    private static IReadOnlyList<string> NamesOf(MonitoringGroups group) => group switch
    {
        MonitoringGroups.Statements => StatementFeatures.Names,
        MonitoringGroups.Bureau => BureauFeatures.Names,
        MonitoringGroups.Collateral => CollateralFeatures.Names,
        MonitoringGroups.FundUses => FundUseFeatures.Names,
        MonitoringGroups.Milestones => ProjectFeatures.Names,
        MonitoringGroups.Signals => SignalFeatures.Names,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "one group at a time"),
    };

    private static readonly MonitoringGroups[] EachGroup = [MonitoringGroups.Statements, MonitoringGroups.Bureau, MonitoringGroups.Collateral,
        MonitoringGroups.FundUses, MonitoringGroups.Milestones, MonitoringGroups.Signals];

    /// <summary>
    /// Computes, for every loan the builder knows, the features of <paramref name="inputs"/> that read only the
    /// monitoring data (not the servicing state) as of <paramref name="date"/> and the month ends the lags name. End-of-day
    /// does this on one core while it services the loans; the fill of that date then takes these columns
    /// (<see cref="Ahead.Take"/>) instead of computing them.
    /// </summary>
    public Ahead ComputeAhead(IEnumerable<FeatureInput> inputs, DateOnly date)
    {
        var ids = loans.Keys.Order().ToArray();
        if (_monitoring is null) _groups = GroupsOf(inputs.Select(i => i.Feature)) & StateFree;
        var byDate = new Dictionary<DateOnly, (ColumnSink Sink, HashSet<string> Features)>();
        foreach (var lag in inputs.GroupBy(i => i.Lag))
        {
            var features = lag.Select(i => i.Feature).Where(f => (GroupsOf([f]) & StateFree) != MonitoringGroups.None).ToHashSet(StringComparer.Ordinal);
            if (features.Count == 0) continue;
            var asOf = lag.Key == 0 ? date : BusinessCalendar.MonthEnd(date.AddMonths(-lag.Key));
            var sink = new ColumnSink(ids.Length, features);
            Compute(ids, asOf, features, StateFree, Data, () => throw new InvalidOperationException("no state is read ahead"), sink, parallel: false);
            byDate[asOf] = (sink, features);
        }
        return new Ahead(ids, date, byDate);
    }

    /// <summary>Monitoring features computed ahead (<see cref="ComputeAhead"/>) for the loans <paramref name="ids"/>, in id order.</summary>
    internal sealed class Ahead(long[] ids, DateOnly date, Dictionary<DateOnly, (ColumnSink Sink, HashSet<string> Features)> byDate)
    {
        /// <summary>The date the features were computed for (a lag of 0).</summary>
        public DateOnly Date => date;

        private (long[] For, int[] Rows)? _rows;

        /// <summary>
        /// Copies into <paramref name="sink"/> the columns of the groups whose features <paramref name="needed"/> as of
        /// <paramref name="asOf"/> were all computed ahead, for the rows <paramref name="ids"/>; returns those groups.
        /// </summary>
        public MonitoringGroups Take(long[] ids, DateOnly asOf, HashSet<string> needed, ColumnSink sink)
        {
            if (!byDate.TryGetValue(asOf, out var computed) || RowsOf(ids) is not { } rows) return MonitoringGroups.None;
            var taken = MonitoringGroups.None;
            foreach (var group in EachGroup)
            {
                var wanted = NamesOf(group).Where(needed.Contains).ToList();
                if (wanted.Count == 0 || !wanted.All(computed.Features.Contains)) continue;
                sink.CopyFrom(computed.Sink, rows, wanted);
                taken |= group;
            }
            return taken;
        }

        /// <summary>Where each of <paramref name="rows"/> is among the loans computed for; null when one is not there.</summary>
        private int[]? RowsOf(long[] rows)
        {
            if (_rows is { } known && ReferenceEquals(known.For, rows)) return known.Rows;
            var at = new int[rows.Length];
            for (var i = 0; i < rows.Length; i++)
                if ((at[i] = FirstOf(ids, rows[i])) >= ids.Length || ids[at[i]] != rows[i]) return null;
            _rows = (rows, at);
            return at;
        }
    }

    /// <summary>Computes a group's features loan by loan, in ranges of rows, side by side when <paramref name="parallel"/>: each range writes its own rows of the columns.</summary>
    private void Rows(long[] ids, ColumnSink sink, Action<FeatureLoan, long, IFeatureSink> compute, bool parallel)
    {
        if (parallel) Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, ids.Length, 16_384), range => Range(range.Item1, range.Item2));
        else Range(0, ids.Length);

        void Range(int from, int to)
        {
            var row = sink.View();
            for (var i = from; i < to; i++)
            {
                row.Row = i;
                compute(loans[ids[i]], ids[i], row);
            }
        }
    }

    private void WatchList(long[] ids, DateOnly asOf, ColumnSink sink)
    {
        _watchList ??= FeatureReads.WatchList(connection);
        var listed = _watchList.Where(w => w.AddedOn <= asOf && (w.RemovedOn is null || w.RemovedOn > asOf)).Select(w => w.Borrower).ToHashSet();
        for (var i = 0; i < ids.Length; i++)
        {
            sink.Row = i;
            sink.Flag("on_watch_list", listed.Contains(loans[ids[i]].BorrowerId));
        }
    }

    /// <summary>Days from each loan's last repayment on or before the date, which its servicing state keeps.</summary>
    private static void LastPayments(long[] ids, DateOnly asOf, Dictionary<long, FeatureState> states, ColumnSink sink)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            sink.Row = i;
            sink.Number("days_since_last_payment", states.TryGetValue(ids[i], out var s) && s.LastRepaymentOn is { } d ? BusinessCalendar.DaysBetween(d, asOf) : null);
        }
    }

    /// <summary>Each loan's DPD in the states, lined up with the rows, and whether the states hold the loan.</summary>
    private static (int[] Dpd, bool[] Present) DpdOf(long[] ids, Dictionary<long, FeatureState> states)
    {
        var (dpd, present) = (new int[ids.Length], new bool[ids.Length]);
        for (var i = 0; i < ids.Length; i++)
            if (states.TryGetValue(ids[i], out var s)) (dpd[i], present[i]) = (s.Dpd, true);
        return (dpd, present);
    }

    /// <summary>
    /// The delinquency features from each loan's DPD at the date and its delinquency events in the <paramref name="months"/>
    /// before, the window of the features wanted (the others the sink drops).
    /// </summary>
    private void Delinquency(long[] ids, DateOnly asOf, int months, (int[] Dpd, bool[] Present) dpd, ColumnSink sink)
    {
        var read = eventsRead?.GetAwaiter().GetResult() is { } r && r.AsOf == asOf && r.Months >= months ? r.Events
            : FeatureReads.Events(connection, asOf.AddMonths(-months), asOf, ids.Length == 1 ? ids[0] : null);
        // The events sorted by loan, each loan's found by a binary search: no dictionary of lists for a million loans.
        var (owners, events) = (new long[read.Count], new DelinquencyEvent[read.Count]);
        for (var i = 0; i < read.Count; i++) (owners[i], events[i]) = read[i];
        Array.Sort(owners, events);
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, ids.Length, 16_384), range =>
        {
            var row = sink.View();
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var first = FirstOf(owners, ids[i]);
                var end = first;
                while (end < owners.Length && owners[end] == ids[i]) end++;
                row.Row = i;
                DelinquencyFeatures.Compute(dpd.Present[i] ? dpd.Dpd[i] : null, new ArraySegment<DelinquencyEvent>(events, first, end - first), asOf, row);
            }
        });
    }

    /// <summary>The index of the first of <paramref name="sorted"/> not below <paramref name="key"/>.</summary>
    private static int FirstOf(long[] sorted, long key)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < key) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>Feature columns being filled row by row; a row a group does not set stays missing.</summary>
    internal sealed class ColumnSink : IFeatureSink
    {
        /// <summary>Another writer into the same columns with a row of its own, for a range of rows filled on another thread.</summary>
        public IRowSink View() => new RowView(this);

        public interface IRowSink : IFeatureSink
        {
            int Row { set; }
        }

        private sealed class RowView(ColumnSink columns) : IRowSink
        {
            public int Row { private get; set; }
            public void Number(string feature, decimal? value) => columns.Number(feature, Row, value);
            public void Flag(string feature, bool? value) => columns.Flag(feature, Row, value);
        }

        private readonly Dictionary<string, (decimal[] Values, bool[] Present)> _numbers;
        private readonly Dictionary<string, (bool[] Values, bool[] Present)> _flags;

        /// <summary>
        /// The columns are created up front and found by the name's reference: the feature groups pass their names as
        /// literals, which are interned, and the wanted names are turned into those same instances. A lookup per value
        /// then costs no string hashing, over a million loans and forty features.
        /// </summary>
        public ColumnSink(int rows, IEnumerable<string> features)
        {
            _numbers = new(ReferenceEqualityComparer.Instance);
            _flags = new(ReferenceEqualityComparer.Instance);
            foreach (var name in features.Select(string.Intern).Distinct())
            {
                if (StandardFeatures.Catalog.Find(name)?.Type == FeatureType.Bool) _flags[name] = (new bool[rows], new bool[rows]);
                else _numbers[name] = (new decimal[rows], new bool[rows]);
            }
        }

        public int Row { get; set; }

        public bool IsEmpty => _numbers.Count + _flags.Count == 0;

        /// <summary>A missing value needs no write: a column starts all missing.</summary>
        public void Number(string feature, decimal? value) => Number(feature, Row, value);

        public void Flag(string feature, bool? value) => Flag(feature, Row, value);

        private void Number(string feature, int row, decimal? value)
        {
            if (value is { } v && _numbers.TryGetValue(feature, out var column)) (column.Values[row], column.Present[row]) = (v, true);
        }

        private void Flag(string feature, int row, bool? value)
        {
            if (value is { } v && _flags.TryGetValue(feature, out var column)) (column.Values[row], column.Present[row]) = (v, true);
        }

        /// <summary>Sets <paramref name="features"/> on every row from row <paramref name="rows"/>[i] of <paramref name="other"/>.</summary>
        public void CopyFrom(ColumnSink other, int[] rows, IEnumerable<string> features)
        {
            foreach (var feature in features.Select(string.Intern))
            {
                if (_numbers.TryGetValue(feature, out var n) && other._numbers.TryGetValue(feature, out var from)) Copy(from, n);
                else if (_flags.TryGetValue(feature, out var f) && other._flags.TryGetValue(feature, out var flags)) Copy(flags, f);
            }
            void Copy<T>((T[] Values, bool[] Present) from, (T[] Values, bool[] Present) to)
            {
                for (var i = 0; i < rows.Length; i++) (to.Values[i], to.Present[i]) = (from.Values[rows[i]], from.Present[rows[i]]);
            }
        }

        public void AddTo(FeatureFrame frame, int lag)
        {
            foreach (var (feature, n) in _numbers) frame.AddNumbers(feature, lag, n.Values, n.Present);
            foreach (var (feature, f) in _flags) frame.AddBools(feature, lag, f.Values, f.Present);
        }
    }
}
