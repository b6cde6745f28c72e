using System.Diagnostics;
using PostLoan.Domain.Servicing;

namespace PostLoan.Application.EndOfDay;

/// <summary>
/// Where an end-of-day run spends its time, summed over its chunks: choosing the borrowers, reading
/// the chunks, building the facts, replaying (servicing), writing the chunks and the month-end
/// snapshots of untouched loans. Filled by <see cref="EndOfDayService"/> when given; the run
/// behaves the same without it. Partitions run side by side may share one: their times add up.
/// </summary>
public sealed class EndOfDayTimings
{
    private long _candidates, _load, _compute, _replay, _write, _snapshots, _states, _changes, _snapshotRows;

    public TimeSpan Candidates => Time(_candidates);
    public TimeSpan Load => Time(_load);
    /// <summary>Servicing: <see cref="BorrowerServicing.Service"/> for every borrower group.</summary>
    public TimeSpan Replay => Time(_replay);
    /// <summary>Turning the rows read into facts and grouping them by borrower (the chunk's work besides the replay).</summary>
    public TimeSpan Prepare => Time(_compute - _replay);
    public TimeSpan Write => Time(_write);
    public TimeSpan Snapshots => Time(_snapshots);
    public long StatesWritten => Interlocked.Read(ref _states);
    public long ChangesWritten => Interlocked.Read(ref _changes);
    public long SnapshotsWritten => Interlocked.Read(ref _snapshotRows);

    internal void AddCandidates(ref long mark) => Interlocked.Add(ref _candidates, Lap(ref mark));
    internal void AddLoad(ref long mark) => Interlocked.Add(ref _load, Lap(ref mark));
    internal void AddReplay(long started) => Interlocked.Add(ref _replay, Stopwatch.GetTimestamp() - started);
    internal void AddWrite(ref long mark) => Interlocked.Add(ref _write, Lap(ref mark));
    internal void AddSnapshots(ref long mark) => Interlocked.Add(ref _snapshots, Lap(ref mark));

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
