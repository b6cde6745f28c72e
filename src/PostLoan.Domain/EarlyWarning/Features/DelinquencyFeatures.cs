using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;

namespace PostLoan.Domain.EarlyWarning.Features;

/// <summary>
/// Delinquency-history and payment-behaviour features (SPEC §6) of a loan as of a date, from its replay. DPD is the
/// days since the oldest unpaid installment fell due, so between two of the replay's positions (one is recorded on
/// every due date, transaction, DPD threshold and month end) it grows by one a day while the loan is overdue; the
/// highest DPD of a window is read day by day from them.
/// </summary>
public static class DelinquencyFeatures
{
    public static readonly IReadOnlyList<string> Names = ["max_dpd_3m", "max_dpd_6m", "max_dpd_12m", "times_30_plus_12m", "partial_payments_3"];

    /// <summary>The DPD that counts as 30 or more for <c>times_30_plus_12m</c>.</summary>
    public const int ThirtyPlus = 30;

    /// <summary>The first day of the 12-month window the replay must cover.</summary>
    public static DateOnly WindowStart(DateOnly asOf) => asOf.AddMonths(-12).AddDays(1);

    /// <summary>The values of a loan that was not overdue on any day of the windows and paid its last installments in full.</summary>
    public static void NeverOverdue(IFeatureSink sink)
    {
        foreach (var name in Names) sink.Number(name, 0m);
    }

    /// <param name="points">The loan's positions from a replay over [<see cref="WindowStart"/>, <paramref name="asOf"/>], in date order.</param>
    /// <param name="lastInstallmentsAtDue">Each of the (up to) three last installments due by <paramref name="asOf"/>, as it stood at the end of its due date.</param>
    public static void Compute(IReadOnlyList<Position> points, IReadOnlyList<InstallmentStanding> lastInstallmentsAtDue, DateOnly asOf, IFeatureSink sink)
    {
        int max3 = 0, max6 = 0, max12 = 0, times30 = 0;
        var start3 = asOf.AddMonths(-3);
        var start6 = asOf.AddMonths(-6);
        var previous = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var until = i + 1 < points.Count ? points[i + 1].Date.AddDays(-1) : asOf;
            var grows = p.Dpd > 0 && p.Status == LoanStatus.Active;
            for (var day = p.Date; day <= until && day <= asOf; day = day.AddDays(1))
            {
                var dpd = grows ? p.Dpd + Common.BusinessCalendar.DaysBetween(p.Date, day) : p.Dpd;
                max12 = Math.Max(max12, dpd);
                if (day > start6) max6 = Math.Max(max6, dpd);
                if (day > start3) max3 = Math.Max(max3, dpd);
                if (dpd >= ThirtyPlus && previous < ThirtyPlus && (i > 0 || day > p.Date)) times30++;
                previous = dpd;
                if (!grows && dpd == 0 && until > day) day = until.AddDays(-1); // nothing changes until the next position
            }
        }
        sink.Number("max_dpd_3m", max3);
        sink.Number("max_dpd_6m", max6);
        sink.Number("max_dpd_12m", max12);
        sink.Number("times_30_plus_12m", times30);
        var partial = 0;
        foreach (var s in lastInstallmentsAtDue)
        {
            var paid = s.PrincipalPaid + s.InterestPaid + s.FeesPaid;
            if (paid > 0 && paid < s.Due.Payment) partial++;
        }
        sink.Number("partial_payments_3", partial);
    }
}
