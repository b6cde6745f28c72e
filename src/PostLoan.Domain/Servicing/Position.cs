using PostLoan.Domain.Classification;
using PostLoan.Domain.Loans;

namespace PostLoan.Domain.Servicing;

/// <summary>
/// A loan's servicing position at the end of one business date, as the replay computes it.
/// Amounts are unpaid amounts in the loan's currency.
/// </summary>
public readonly record struct Position
{
    public DateOnly Date { get; init; }

    /// <summary>The borrower is on the watch list on this date.</summary>
    public bool OnWatchList { get; init; }

    /// <summary>The behaviour model's PD is at least twice the loan's origination PD on this date (SPEC §5: IFRS 9 stage 2).</summary>
    public bool PdDoubled { get; init; }
    public LoanStatus Status { get; init; }
    /// <summary>Principal not yet repaid, due or not.</summary>
    public decimal OutstandingPrincipal { get; init; }
    public decimal OverduePrincipal { get; init; }
    public decimal OverdueInterest { get; init; }
    public decimal OverdueFees { get; init; }
    /// <summary>Penalty interest (罚息) accrued on overdue principal and not yet paid or waived.</summary>
    public decimal PenaltyInterest { get; init; }
    /// <summary>Compound interest (复利) accrued on overdue interest and not yet paid or waived.</summary>
    public decimal CompoundInterest { get; init; }
    /// <summary>Money received and not yet applied (held for the next due date, or a refund due after payoff).</summary>
    public decimal UnappliedCredit { get; init; }
    public decimal RecoveredAfterWriteOff { get; init; }
    public int Dpd { get; init; }
    /// <summary>Due date of the oldest installment with an unpaid amount above the tolerance.</summary>
    public DateOnly? OldestUnpaidDue { get; init; }
    public DateOnly? NextDueDate { get; init; }
    public decimal NextDueAmount { get; init; }
    public bool InRestructureObservation { get; init; }
    public DateOnly? ObservationEnds { get; init; }
    /// <summary>Date the loan closed or was written off.</summary>
    public DateOnly? StatusSince { get; init; }
    /// <summary>The class the loan earns by itself on this date (before cross default).</summary>
    public ClassResult OwnClass { get; init; }
    public bool IsMonthEnd { get; init; }
    /// <summary>The value date of the last repayment or recovery received by this date; null before the first.</summary>
    public DateOnly? LastRepaymentOn { get; init; }
    /// <summary>Installments falling due on this date that were paid in part by the end of it: something, but less than due.</summary>
    public int PartlyPaidDue { get; init; }
    /// <summary>The next date on which the state can change without a new transaction (null when only a transaction can change it).</summary>
    public DateOnly? NextReview { get; init; }
}
