using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;

namespace PostLoan.Domain.Delinquency;

/// <summary>
/// The turns of a loan's delinquency that its state alone does not keep, recorded by end-of-day as dated state-change
/// rows so that the delinquency-history features (docs/features.md) read a few rows instead of replaying the loan:
/// <list type="bullet">
/// <item><see cref="Peak"/>: the DPD on the day before a payment brought it down (the highest DPD of that stretch);</item>
/// <item><see cref="ThirtyPlus"/>: the day the DPD went from below 30 to 30 or more;</item>
/// <item><see cref="PartlyPaid"/>: a due date on which an installment falling due was paid in part.</item>
/// </list>
/// DPD is the days since the oldest unpaid installment fell due, so between two of the replay's positions (one is
/// recorded on every due date, transaction, DPD threshold and month end) it grows by one a day while the loan is
/// active and overdue; a lower DPD at the next position means a payment on that day.
/// </summary>
public static class DelinquencyEvents
{
    public const string Peak = "dpd_peak";
    public const string ThirtyPlus = "dpd_30";
    public const string PartlyPaid = "partly_paid";

    /// <summary>The DPD that counts as 30 or more.</summary>
    public const int Thirty = 30;

    public static readonly IReadOnlyList<string> Kinds = [Peak, ThirtyPlus, PartlyPaid];

    /// <summary>Whether a state-change kind is one of these events rather than a change of bucket, class, stage or status.</summary>
    public static bool IsEvent(string kind) => kind is Peak or ThirtyPlus or PartlyPaid;

    /// <summary>
    /// The events from a loan's previous known day (<paramref name="previousDate"/>, with its DPD and whether it was
    /// active; null before its first state) through the next position <paramref name="p"/>.
    /// </summary>
    public static void Between(DateOnly? previousDate, int previousDpd, bool previousActive, in Position p, Action<DateOnly, string, int> emit)
    {
        var before = previousDpd; // the DPD on the day before p's date
        if (previousDate is { } d0 && previousDpd > 0 && previousActive && p.Date > d0)
        {
            before = previousDpd + BusinessDays(d0, p.Date) - 1;
            if (previousDpd < Thirty && before >= Thirty) emit(d0.AddDays(Thirty - previousDpd), ThirtyPlus, Thirty);
            if (p.Dpd < before + 1) emit(p.Date.AddDays(-1), Peak, before);
        }
        if (before < Thirty && p.Dpd >= Thirty) emit(p.Date, ThirtyPlus, p.Dpd);
        if (p.PartlyPaidDue > 0) emit(p.Date, PartlyPaid, p.PartlyPaidDue);
    }

    private static int BusinessDays(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;
}
