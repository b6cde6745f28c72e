using PostLoan.Domain.Loans;

namespace PostLoan.Domain.Servicing;

/// <summary>Servicing rules that a product may set (SPEC §3, §4); the defaults are SPEC's.</summary>
public sealed record ProductRules
{
    /// <summary>冲账顺序 within an installment; installments are always settled oldest first.</summary>
    public IReadOnlyList<AllocationComponent> AllocationOrder { get; init; } =
        [AllocationComponent.Fees, AllocationComponent.Penalty, AllocationComponent.Interest, AllocationComponent.Principal];

    /// <summary>An installment whose unpaid principal + interest + fees is at most this does not count as overdue.</summary>
    public decimal Tolerance { get; init; } = 0m;

    /// <summary>When true an overpayment prepays principal; otherwise it is held as unapplied credit until the next due date.</summary>
    public bool AllowPrepayment { get; init; } = true;

    /// <summary>Days in the year for daily interest (broken first period, penalty and compound interest): 360 or 365.</summary>
    public int DayCountBasis { get; init; } = 360;

    public static readonly ProductRules Default = new();
}
