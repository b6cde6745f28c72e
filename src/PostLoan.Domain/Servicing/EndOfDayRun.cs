namespace PostLoan.Domain.Servicing;

/// <summary>
/// One end-of-day run over the business dates [From, To]. The business date is the <see cref="To"/>
/// of the latest completed run: it advances only through end-of-day. A run commits its work in
/// chunks of borrowers and records the last one done, so a crashed run resumes where it stopped.
/// A partitioned run (<see cref="EodPartition"/>) covers only its partition's borrowers; a date is
/// done for the book when every partition of one split has completed it.
/// </summary>
public sealed class EndOfDayRun
{
    private EndOfDayRun() { }

    public EndOfDayRun(DateOnly from, DateOnly to, bool full, DateTimeOffset startedAt, EodPartition? partition = null)
    {
        if (to < from) throw new Common.DomainException($"End-of-day range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} is empty.");
        From = from;
        To = to;
        Full = full;
        StartedAt = startedAt;
        var p = partition ?? EodPartition.Whole;
        PartitionNumber = p.Number;
        PartitionCount = p.Count;
    }

    public long Id { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    /// <summary>True when every loan is recomputed, not only those due, paid, overdue or changed.</summary>
    public bool Full { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    /// <summary>Highest borrower id whose chunk is committed; the run resumes after it.</summary>
    public long LastBorrowerId { get; private set; }
    /// <summary>K of the partition K/N this run covers (1 of 1 for the whole book).</summary>
    public int PartitionNumber { get; private set; } = 1;
    /// <summary>N of the partition K/N this run covers.</summary>
    public int PartitionCount { get; private set; } = 1;
    public EodPartition Partition => new(PartitionNumber, PartitionCount);
    public int LoansProcessed { get; private set; }

    public bool Completed => CompletedAt is not null;

    public void ChunkDone(long lastBorrowerId, int loans)
    {
        LastBorrowerId = lastBorrowerId;
        LoansProcessed += loans;
    }

    public void Complete(DateTimeOffset at) => CompletedAt = at;

    /// <summary>
    /// The business date from the completed runs: the last date the whole book has reached. A
    /// whole-book run reaches its <c>To</c> for every loan; a split into N partitions reaches a date
    /// when each of its N partitions has (by a partitioned run or a whole-book one). With
    /// <paramref name="partition"/>, the date that one partition has reached.
    /// </summary>
    public static DateOnly? BusinessDate(IEnumerable<(DateOnly To, int Number, int Count)> completed, EodPartition? partition = null)
    {
        var runs = completed.ToList();
        var whole = runs.Where(r => r.Count == 1).Select(r => (DateOnly?)r.To).Max();
        DateOnly? Reached(int number, int count) =>
            Later(whole, runs.Where(r => r.Count == count && r.Number == number).Select(r => (DateOnly?)r.To).Max());
        if (partition is { IsWhole: false } p) return Reached(p.Number, p.Count);
        var book = whole;
        foreach (var count in runs.Where(r => r.Count > 1).Select(r => r.Count).Distinct())
        {
            var dates = Enumerable.Range(1, count).Select(k => Reached(k, count)).ToList();
            if (dates.All(d => d is not null)) book = Later(book, dates.Min());
        }
        return book;
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
