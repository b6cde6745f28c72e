using PostLoan.Domain.Schedules;
using Shouldly;

namespace PostLoan.Domain.Tests.Schedules;

public class RepaymentMethodNamesTests
{
    [Theory]
    [InlineData(" Equal-Installment ", RepaymentMethod.EqualInstallment)]
    [InlineData("equal-principal", RepaymentMethod.EqualPrincipal)]
    [InlineData("interest-only", RepaymentMethod.InterestOnly)]
    [InlineData("BULLET", RepaymentMethod.Bullet)]
    [InlineData("custom", RepaymentMethod.Custom)]
    public void External_names_parse_ignoring_case_and_spaces(string text, RepaymentMethod expected)
    {
        RepaymentMethodNames.TryParse(text, out var method).ShouldBeTrue();
        method.ShouldBe(expected);
    }

    [Fact]
    public void Unknown_name_does_not_parse() => RepaymentMethodNames.TryParse("annuity", out _).ShouldBeFalse();

    [Fact]
    public void Every_method_round_trips_through_its_name()
    {
        foreach (var m in Enum.GetValues<RepaymentMethod>())
        {
            RepaymentMethodNames.TryParse(m.ToName(), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(m);
        }
        RepaymentMethodNames.All.Count().ShouldBe(Enum.GetValues<RepaymentMethod>().Length);
    }
}
