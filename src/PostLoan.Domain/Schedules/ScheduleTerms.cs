using PostLoan.Domain.Common;

namespace PostLoan.Domain.Schedules;

/// <summary>
/// The terms a generated schedule is computed from.
/// </summary>
/// <param name="Principal">Amount disbursed, at most two decimals, &gt; 0.</param>
/// <param name="AnnualRate">Nominal annual rate as a fraction (0.049 for 4.9 %). The monthly rate is AnnualRate / 12.</param>
/// <param name="Months">Number of monthly periods (installments), &gt;= 1.</param>
/// <param name="FirstDue">Due date of installment 1. Installment k falls due on FirstDue.AddMonths(k − 1), which clamps to the month's last day.</param>
/// <param name="Disbursed">Disbursement date; when null the first period is taken as a regular month.</param>
/// <param name="DayCountBasis">Days in the year for a broken first period: 360 (default) or 365.</param>
public sealed record ScheduleTerms(
    decimal Principal,
    decimal AnnualRate,
    int Months,
    RepaymentMethod Method,
    DateOnly FirstDue,
    DateOnly? Disbursed = null,
    int DayCountBasis = 360)
{
    public decimal MonthlyRate => AnnualRate / 12m;

    /// <summary>Due date of installment <paramref name="number"/> (1-based), computed from the anchor, never chained.</summary>
    public DateOnly DueDate(int number) => FirstDue.AddMonths(number - 1);

    /// <summary>The last due date (maturity).</summary>
    public DateOnly Maturity => DueDate(Months);

    /// <summary>True when the first period is exactly one month (no broken-period interest).</summary>
    public bool RegularFirstPeriod => Disbursed is null || Disbursed.Value.AddMonths(1) == FirstDue;

    /// <summary>Interest for the first period on <paramref name="balance"/>: a month's interest when regular,
    /// otherwise daily interest at AnnualRate / DayCountBasis for the actual days.</summary>
    public decimal FirstPeriodInterest(decimal balance) => RegularFirstPeriod
        ? Money.Round(balance * MonthlyRate)
        : Money.Round(balance * AnnualRate * BusinessCalendar.DaysBetween(Disbursed!.Value, FirstDue) / DayCountBasis);

    /// <summary>Problems with the terms, empty when they are valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (Principal <= 0) yield return "principal must be greater than zero";
        if (!Money.HasCents(Principal)) yield return "principal has more than two decimal places";
        if (AnnualRate < 0 || AnnualRate > 1) yield return "annual rate must be between 0 and 100 percent";
        if (Months is < 1 or > 600) yield return "term must be between 1 and 600 months";
        if (Disbursed is { } d && d >= FirstDue) yield return "first due date must be after the disbursement date";
        if (Disbursed is { } d2 && FirstDue > d2.AddMonths(2)) yield return "first due date is more than two months after disbursement";
        if (DayCountBasis is not (360 or 365)) yield return "day-count basis must be 360 or 365";
        if (Method == RepaymentMethod.Custom) yield return "a custom schedule is imported, not generated";
    }
}
