using PostLoan.Domain.Classification;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Loans;

namespace PostLoan.Domain.Servicing;

/// <summary>
/// The columns of a loan's servicing state, shared by the current state and month-end snapshots.
/// Amounts are in the loan's currency.
/// </summary>
public abstract class LoanStateFields
{
    public long LoanId { get; set; }
    /// <summary>The business date this state was computed for; it stays valid until <see cref="NextReviewOn"/>.</summary>
    public DateOnly AsOf { get; set; }
    public LoanStatus Status { get; set; }
    public DateOnly? StatusSince { get; set; }
    public decimal OutstandingPrincipal { get; set; }
    public decimal OverduePrincipal { get; set; }
    public decimal OverdueInterest { get; set; }
    public decimal OverdueFees { get; set; }
    public decimal PenaltyInterest { get; set; }
    public decimal CompoundInterest { get; set; }
    public decimal UnappliedCredit { get; set; }
    public decimal RecoveredAfterWriteOff { get; set; }
    public int Dpd { get; set; }
    public Bucket Bucket { get; set; }
    public DateOnly? OldestUnpaidDue { get; set; }
    public DateOnly? NextDueDate { get; set; }
    public decimal NextDueAmount { get; set; }
    public RiskClass RiskClass { get; set; }
    public string ClassRule { get; set; } = "";
    public string ClassReason { get; set; } = "";
    public Ifrs9Stage Stage { get; set; }
    public string StageReason { get; set; } = "";
    /// <summary>Regulatory provision by class (SPEC §5).</summary>
    public decimal Provision { get; set; }
    public bool InRestructureObservation { get; set; }
    public DateOnly? ObservationEnds { get; set; }
    /// <summary>The next business date on which end-of-day must look at this loan even if nothing is posted to it.</summary>
    public DateOnly? NextReviewOn { get; set; }
    /// <summary>The value date of the last repayment (or recovery) received by <see cref="AsOf"/>; null before the first.</summary>
    public DateOnly? LastRepaymentOn { get; set; }
}

/// <summary>A loan's servicing state as end-of-day last left it: one row per loan.</summary>
public sealed class LoanState : LoanStateFields
{
    /// <summary>Completes a replay position with its final class (after borrower-level rules), stage and provision.</summary>
    public static LoanState From(long loanId, in Position p, ClassResult finalClass, ClassificationPolicy policy)
    {
        var (stage, stageReason) = Classifier.Stage(p.Dpd, finalClass.Class, p.OnWatchList, p.PdDoubled, policy);
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
            NextReviewOn = p.NextReview,
            LastRepaymentOn = p.LastRepaymentOn,
        };
    }
}


/// <summary>A loan's state at a month end (or on demand), kept for reports.</summary>
public sealed class LoanStateSnapshot : LoanStateFields
{
    public DateOnly SnapshotDate { get; set; }
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
