using PostLoan.Domain.Classification;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;

namespace PostLoan.Domain.Servicing;

/// <summary>One transaction as the servicing replay sees it. Reversed transactions and reversals are left out before replay.</summary>
/// <param name="Component">For a waiver: what it forgives.</param>
public readonly record struct TransactionFact(DateOnly Date, TransactionKind Kind, decimal Amount, AllocationComponent? Component = null);

/// <summary>
/// Everything the servicing replay needs for one loan: compact, with no reference to storage.
/// </summary>
public sealed class LoanFacts
{
    public required long LoanId { get; init; }
    public required long BorrowerId { get; init; }
    public required bool CorporateBorrower { get; init; }
    public required ScheduleTerms Terms { get; init; }

    /// <summary>The product's servicing rules; null means the replay's default rules.</summary>
    public ProductRules? Rules { get; init; }

    /// <summary>The imported schedule for <see cref="RepaymentMethod.Custom"/>; null for generated methods.</summary>
    public Installment[]? CustomSchedule { get; init; }

    /// <summary>Penalty rate uplift as a fraction: penalty rate = annual rate × (1 + uplift).</summary>
    public decimal PenaltyUplift { get; init; } = 0.5m;

    /// <summary>An installment paid in full within this many days after its due date bears no penalty interest.</summary>
    public int GraceDays { get; init; }

    public DateOnly? RestructuredOn { get; init; }
    public RiskClass? ClassBeforeRestructure { get; init; }

    /// <summary>Bureau share of debts 90+ overdue and the date the report applies from.</summary>
    public decimal? BureauOverdueShare { get; init; }
    public DateOnly? BureauAsOf { get; init; }

    /// <summary>The business date the oldest red early-warning alert still open on the loan was raised (SPEC §5: at least special mention from then).</summary>
    public DateOnly? RedAlertOpenSince { get; init; }

    /// <summary>The business date the borrower was put on the watch list, while they are on it (SPEC §5: IFRS 9 stage 2 from then).</summary>
    public DateOnly? OnWatchListSince { get; init; }

    /// <summary>The business date the behaviour model's PD reached twice the loan's origination PD, while it stays there (SPEC §5: IFRS 9 stage 2 from then).</summary>
    public DateOnly? PdDoubledSince { get; init; }

    /// <summary>Transactions in value-date order (ties keep their recorded order).</summary>
    public IReadOnlyList<TransactionFact> Transactions { get; init; } = [];

    public DateOnly DisbursedOn => Terms.Disbursed ?? Terms.FirstDue.AddMonths(-1);
}
