using PostLoan.Domain.Common;
using Shouldly;

namespace PostLoan.Domain.Tests.Common;

public class BusinessCalendarTests
{
    [Fact]
    public void MonthEnd_knows_leap_february() =>
        BusinessCalendar.MonthEnd(new DateOnly(2024, 2, 10)).ShouldBe(new DateOnly(2024, 2, 29));

    [Fact]
    public void MonthEndsBetween_lists_each_month_end_in_the_inclusive_range() =>
        BusinessCalendar.MonthEndsBetween(new DateOnly(2024, 1, 31), new DateOnly(2024, 3, 31))
            .ShouldBe([new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 31)]);
}
