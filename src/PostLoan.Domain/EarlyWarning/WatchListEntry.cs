using PostLoan.Domain.Common;

namespace PostLoan.Domain.EarlyWarning;

/// <summary>
/// A borrower on the watch list (关注名单, SPEC §6): why, who owns the follow-up, and when the listing is next reviewed.
/// A borrower is on the list at most once at a time; leaving it needs a reason. A review either keeps the borrower on
/// with a new review date or takes them off. Being on the list puts the borrower's loans in IFRS 9 stage 2 (SPEC §5).
/// </summary>
public sealed class WatchListEntry
{
    private WatchListEntry() { }

    public long Id { get; private set; }
    public long BorrowerId { get; private set; }
    public string Reason { get; private set; } = "";

    /// <summary>The user who follows the borrower up.</summary>
    public string Owner { get; private set; } = "";

    public DateOnly AddedOn { get; private set; }
    public string AddedBy { get; private set; } = "";

    /// <summary>The business date by which the listing must be reviewed.</summary>
    public DateOnly ReviewOn { get; private set; }

    public DateOnly? LastReviewedOn { get; private set; }
    public DateOnly? RemovedOn { get; private set; }
    public string? RemovalReason { get; private set; }

    public bool IsActive => RemovedOn is null;

    public static WatchListEntry Add(long borrowerId, string reason, string owner, DateOnly businessDate, DateOnly reviewOn, string by)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("a watch-list entry needs a reason");
        if (string.IsNullOrWhiteSpace(owner)) throw new DomainException("a watch-list entry needs an owner");
        if (reviewOn <= businessDate) throw new DomainException("the review date must be after the business date");
        return new WatchListEntry
        {
            BorrowerId = borrowerId,
            Reason = reason.Trim(),
            Owner = owner.Trim(),
            AddedOn = businessDate,
            AddedBy = by,
            ReviewOn = reviewOn,
        };
    }

    /// <summary>The review is due on or before <paramref name="businessDate"/>: time for a reminder.</summary>
    public bool ReviewDue(DateOnly businessDate) => IsActive && ReviewOn <= businessDate;

    /// <summary>Reviewed and kept on the list until the next review.</summary>
    public void KeepAfterReview(DateOnly businessDate, DateOnly nextReviewOn)
    {
        RequireActive();
        if (nextReviewOn <= businessDate) throw new DomainException("the next review date must be after the business date");
        LastReviewedOn = businessDate;
        ReviewOn = nextReviewOn;
    }

    public void Reassign(string owner)
    {
        RequireActive();
        if (string.IsNullOrWhiteSpace(owner)) throw new DomainException("a watch-list entry needs an owner");
        Owner = owner.Trim();
    }

    public void Remove(DateOnly businessDate, string reason)
    {
        RequireActive();
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("taking a borrower off the watch list needs a reason");
        RemovedOn = businessDate;
        LastReviewedOn = businessDate;
        RemovalReason = reason.Trim();
    }

    private void RequireActive()
    {
        if (!IsActive) throw new DomainException("the borrower is no longer on the watch list");
    }
}
