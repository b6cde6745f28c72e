namespace PostLoan.Domain.Servicing;

/// <summary>
/// One end-of-day run over the business dates [From, To]. The business date is the <see cref="To"/>
/// of the latest completed run: it advances only through end-of-day. A run commits its work in
/// chunks of borrowers and records the last one done, so a crashed run resumes where it stopped.
/// </summary>
public sealed class EndOfDayRun
{
    private EndOfDayRun() { }

    public EndOfDayRun(DateOnly from, DateOnly to, bool full, DateTimeOffset startedAt)
    {
        if (to < from) throw new Common.DomainException($"End-of-day range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} is empty.");
        From = from;
        To = to;
        Full = full;
        StartedAt = startedAt;
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
    public int LoansProcessed { get; private set; }

    public bool Completed => CompletedAt is not null;

    public void ChunkDone(long lastBorrowerId, int loans)
    {
        LastBorrowerId = lastBorrowerId;
        LoansProcessed += loans;
    }

    public void Complete(DateTimeOffset at) => CompletedAt = at;
}
