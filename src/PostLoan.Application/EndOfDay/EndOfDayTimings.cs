using System.Diagnostics;
using PostLoan.Domain.Servicing;

namespace PostLoan.Application.EndOfDay;

/// <summary>
/// Where an end-of-day run spends its time, summed over its chunks: choosing the borrowers, reading
/// the chunks (on a thread of their own, ahead of the chunk being serviced) and waiting for those
/// reads, building the facts, replaying (servicing), writing the chunks (on a thread of their own,
/// behind it) and waiting for those writes, and the month-end snapshots of untouched loans. Filled by <see cref="EndOfDayService"/> when given; the run
/// behaves the same without it. Partitions run side by side may share one: their times add up.
/// </summary>
public sealed class EndOfDayTimings
{
    private long _candidates, _load, _wait, _waitWrite, _compute, _replay, _write, _snapshots, _alerts, _tasks, _states, _changes, _snapshotRows;

    public TimeSpan Candidates => Time(_candidates);
    /// <summary>Reading the chunks, on the thread that reads ahead.</summary>
    public TimeSpan Load => Time(_load);
    /// <summary>What the servicing thread waited for reads: the part of <see cref="Load"/> not overlapped with its own work.</summary>
    public TimeSpan WaitForRead => Time(_wait);
    /// <summary>Servicing: <see cref="BorrowerServicing.Service"/> for every borrower group.</summary>
    public TimeSpan Replay => Time(_replay);
    /// <summary>Turning the rows read into facts and grouping them by borrower (the chunk's work besides the replay).</summary>
    public TimeSpan Prepare => Time(_compute - _replay);
    /// <summary>Writing the chunks, on the thread that writes behind the servicing.</summary>
    public TimeSpan Write => Time(_write);
    /// <summary>What the servicing thread waited for the previous chunk's write before handing over the next.</summary>
    public TimeSpan WaitForWrite => Time(_waitWrite);
    public TimeSpan Snapshots => Time(_snapshots);
    /// <summary>The early-warning phase: computing the features the active rules read, evaluating them and raising alerts.</summary>
    public TimeSpan Alerts => Time(_alerts);

    /// <summary>The task phase: the visit plan, the alerts' tasks and escalations.</summary>
    public TimeSpan Tasks => Time(_tasks);

    /// <summary>The early-warning phase's parts in the last run: features, scoring, rules.</summary>
    public (TimeSpan Features, TimeSpan Scoring, TimeSpan Rules) AlertParts { get; internal set; }

    /// <summary>How the early-warning phase of the last run came by each kept part of the features' inputs (empty without the store).</summary>
    public IReadOnlyList<Infrastructure.EarlyWarning.FeatureStore.StorePartReport> InputParts { get; internal set; } = [];
    public long StatesWritten => Interlocked.Read(ref _states);
    public long ChangesWritten => Interlocked.Read(ref _changes);
    public long SnapshotsWritten => Interlocked.Read(ref _snapshotRows);

    internal void AddCandidates(ref long mark) => Interlocked.Add(ref _candidates, Lap(ref mark));
    internal void AddLoad(ref long mark) => Interlocked.Add(ref _load, Lap(ref mark));
    internal void AddWaitForRead(ref long mark) => Interlocked.Add(ref _wait, Lap(ref mark));
    internal void AddReplay(long started) => Interlocked.Add(ref _replay, Stopwatch.GetTimestamp() - started);
    internal void AddWrite(ref long mark) => Interlocked.Add(ref _write, Lap(ref mark));
    internal void AddWaitForWrite(ref long mark) => Interlocked.Add(ref _waitWrite, Lap(ref mark));
    internal void AddSnapshots(ref long mark) => Interlocked.Add(ref _snapshots, Lap(ref mark));
    internal void AddAlerts(ref long mark) => Interlocked.Add(ref _alerts, Lap(ref mark));

    internal void AddTasks(ref long mark) => Interlocked.Add(ref _tasks, Lap(ref mark));

    internal void AddCompute(ref long mark, ServicingOutput output)
    {
        Interlocked.Add(ref _compute, Lap(ref mark));
        Interlocked.Add(ref _states, output.States.Count);
        Interlocked.Add(ref _changes, output.Changes.Count);
        Interlocked.Add(ref _snapshotRows, output.Snapshots.Count);
    }

    private static long Lap(ref long mark)
    {
        var now = Stopwatch.GetTimestamp();
        var elapsed = now - mark;
        mark = now;
        return elapsed;
    }

    private static TimeSpan Time(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
}
