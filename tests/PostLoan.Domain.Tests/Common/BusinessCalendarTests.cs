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

    [Theory]
    [InlineData("2025-06-13", 1, "2025-06-16")] // Friday + 1 is Monday
    [InlineData("2025-06-14", 1, "2025-06-16")] // from a Saturday
    [InlineData("2025-06-15", 1, "2025-06-16")] // from a Sunday
    [InlineData("2025-06-13", 5, "2025-06-20")] // a whole week
    [InlineData("2025-06-11", 5, "2025-06-18")] // Wednesday to Wednesday over a weekend
    [InlineData("2025-05-20", 5, "2025-05-27")]
    [InlineData("2025-06-09", 4, "2025-06-13")] // within one week
    [InlineData("2025-06-13", 10, "2025-06-27")]
    public void AddBusinessDays_skips_weekends(string from, int days, string expected) =>
        BusinessCalendar.AddBusinessDays(DateOnly.Parse(from), days).ShouldBe(DateOnly.Parse(expected));

    [Theory]
    [InlineData("2025-06-11")]
    [InlineData("2025-06-14")]
    public void AddBusinessDays_of_zero_is_the_same_date_even_at_a_weekend(string from) =>
        BusinessCalendar.AddBusinessDays(DateOnly.Parse(from), 0).ShouldBe(DateOnly.Parse(from));
}
