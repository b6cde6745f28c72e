using PostLoan.Domain.Classification;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Loans;

namespace PostLoan.Domain.Servicing;

/// <summary>
/// A loan's servicing state as end-of-day last left it (one row per loan), and the same shape for
/// month-end snapshots. Amounts are in the loan's currency.
/// </summary>
public class LoanState
{
    public long LoanId { get; init; }
    /// <summary>The business date this state was computed for; it stays valid until <see cref="NextReviewOn"/>.</summary>
    public DateOnly AsOf { get; init; }
    public LoanStatus Status { get; init; }
    public DateOnly? StatusSince { get; init; }
    public decimal OutstandingPrincipal { get; init; }
    public decimal OverduePrincipal { get; init; }
    public decimal OverdueInterest { get; init; }
    public decimal OverdueFees { get; init; }
    public decimal PenaltyInterest { get; init; }
    public decimal CompoundInterest { get; init; }
    public decimal UnappliedCredit { get; init; }
    public decimal RecoveredAfterWriteOff { get; init; }
    public int Dpd { get; init; }
    public Bucket Bucket { get; init; }
    public DateOnly? OldestUnpaidDue { get; init; }
    public DateOnly? NextDueDate { get; init; }
    public decimal NextDueAmount { get; init; }
    public RiskClass RiskClass { get; init; }
    public string ClassRule { get; init; } = "";
    public string ClassReason { get; init; } = "";
    public Ifrs9Stage Stage { get; init; }
    public string StageReason { get; init; } = "";
    /// <summary>Regulatory provision by class (SPEC §5).</summary>
    public decimal Provision { get; init; }
    public bool InRestructureObservation { get; init; }
    public DateOnly? ObservationEnds { get; init; }
    /// <summary>The next business date on which end-of-day must look at this loan even if nothing is posted to it.</summary>
    public DateOnly? NextReviewOn { get; init; }

    /// <summary>Completes a replay position with its final class (after borrower-level rules), stage and provision.</summary>
    public static LoanState From(long loanId, in Position p, ClassResult finalClass, ClassificationPolicy policy, DateOnly? nextReview)
    {
        var (stage, stageReason) = Classifier.Stage(p.Dpd, finalClass.Class, onWatchList: false, pdDoubled: false, policy);
        return new LoanState
        {
            LoanId = loanId,
            AsOf = p.Date,
            Status = p.Status,
            StatusSince = p.StatusSince,
            OutstandingPrincipal = p.OutstandingPrincipal,
            OverduePrincipal = p.OverduePrincipal,
            OverdueInterest = p.OverdueInterest,
            OverdueFees = p.OverdueFees,
            PenaltyInterest = p.PenaltyInterest,
            CompoundInterest = p.CompoundInterest,
            UnappliedCredit = p.UnappliedCredit,
            RecoveredAfterWriteOff = p.RecoveredAfterWriteOff,
            Dpd = p.Dpd,
            Bucket = Buckets.FromDpd(p.Dpd),
            OldestUnpaidDue = p.OldestUnpaidDue,
            NextDueDate = p.NextDueDate,
            NextDueAmount = p.NextDueAmount,
            RiskClass = finalClass.Class,
            ClassRule = finalClass.Rule,
            ClassReason = finalClass.Reason,
            Stage = stage,
            StageReason = stageReason,
            Provision = p.Status == LoanStatus.Active ? Classifier.Provision(p.OutstandingPrincipal, finalClass.Class, policy) : 0m,
            InRestructureObservation = p.InRestructureObservation,
            ObservationEnds = p.ObservationEnds,
            NextReviewOn = nextReview,
        };
    }
}

/// <summary>A loan's state at a month end (or on demand), kept for reports.</summary>
public sealed class LoanStateSnapshot : LoanState
{
    public DateOnly SnapshotDate { get; init; }
}

/// <summary>One change of bucket, class, stage or status, with its date and reason.</summary>
public sealed class StateChange
{
    public long Id { get; init; }
    public long LoanId { get; init; }
    public DateOnly BusinessDate { get; init; }
    /// <summary>bucket, class, stage or status.</summary>
    public string Kind { get; init; } = "";
    public string? OldValue { get; init; }
    public string NewValue { get; init; } = "";
    public string? Rule { get; init; }
    public string Reason { get; init; } = "";
    /// <summary>Who made the change: <c>eod</c> for end-of-day, else the person.</summary>
    public string Actor { get; init; } = "eod";
}
