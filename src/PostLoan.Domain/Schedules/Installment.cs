namespace PostLoan.Domain.Schedules;

/// <summary>One contractual installment. Amounts are in the loan's currency, rounded to 0.01.</summary>
/// <param name="Number">1-based position in the schedule.</param>
/// <param name="DueDate">The business date on which the amounts fall due (inclusive: not overdue on that day).</param>
public readonly record struct Installment(int Number, DateOnly DueDate, decimal Principal, decimal Interest, decimal Fees = 0m)
{
    public decimal Payment => Principal + Interest + Fees;
}
