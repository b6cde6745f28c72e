namespace PostLoan.Domain.Common;

/// <summary>Date helpers for business dates (<see cref="DateOnly"/>, no time zone).</summary>
public static class BusinessCalendar
{
    /// <summary>The last day of the month that contains <paramref name="date"/>.</summary>
    public static DateOnly MonthEnd(DateOnly date) =>
        new(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));

    public static bool IsMonthEnd(DateOnly date) => date.Day == DateTime.DaysInMonth(date.Year, date.Month);

    /// <summary>Whole days from <paramref name="from"/> to <paramref name="to"/> (negative when to is earlier).</summary>
    public static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;

    /// <summary>Month ends in the inclusive range, in order.</summary>
    public static IEnumerable<DateOnly> MonthEndsBetween(DateOnly from, DateOnly to)
    {
        for (var m = MonthEnd(from); m <= to; m = MonthEnd(m.AddDays(1)))
            yield return m;
    }

    /// <summary>
    /// The date <paramref name="days"/> business days after <paramref name="from"/>. Business days are Monday to Friday:
    /// the institution's holidays are not modelled yet.
    /// </summary>
    public static DateOnly AddBusinessDays(DateOnly from, int days)
    {
        var date = from;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days--;
        }
        return date;
    }
}
