using PostLoan.Domain.Common;
using Shouldly;

namespace PostLoan.Domain.Tests.Common;

public class MoneyTests
{
    [Theory]
    [InlineData("0.005", "0.01")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("2.345", "2.35")]
    [InlineData("2.335", "2.34")] // banker's rounding would give 2.34 too; 2.345 -> 2.34 is the case that tells them apart
    [InlineData("2.344", "2.34")]
    [InlineData("-2.345", "-2.35")]
    public void Round_takes_midpoints_away_from_zero(string amount, string expected) =>
        Money.Round(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void ToMinor_converts_cents_exactly()
    {
        Money.ToMinor(12.34m).ShouldBe(1234L);
        Money.ToMinor(-0.01m).ShouldBe(-1L);
        Money.FromMinor(1234L).ShouldBe(12.34m);
    }

    [Fact]
    public void ToMinor_refuses_an_amount_with_three_decimals() =>
        Should.Throw<DomainException>(() => Money.ToMinor(12.345m));

    [Fact]
    public void HasCents_is_false_beyond_two_decimals()
    {
        Money.HasCents(1.10m).ShouldBeTrue();
        Money.HasCents(1.101m).ShouldBeFalse();
    }
}
