using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using Shouldly;

namespace PostLoan.Domain.Tests.Monitoring;

public class MonitoringNamesTests
{
    [Fact]
    public void Covenant_operators_read_and_write_as_their_symbols()
    {
        foreach (var op in Enum.GetValues<CovenantOperator>())
        {
            CovenantOperators.TryParse(op.Symbol(), out var back).ShouldBeTrue();
            back.ShouldBe(op);
        }
        CovenantOperators.TryParse(" >= ", out var atLeast).ShouldBeTrue();
        atLeast.ShouldBe(CovenantOperator.AtLeast);
        CovenantOperators.TryParse("=>", out _).ShouldBeFalse();
        CovenantOperators.TryParse("≥", out _).ShouldBeFalse();
        CovenantOperators.Allowed.ShouldBe("<=, <, >=, >");
    }

    [Fact]
    public void Monitoring_choices_are_named_as_the_import_files_write_them()
    {
        EnumNames.Allowed<CovenantMetric>().ShouldBe("debt_to_asset, current_ratio, quick_ratio, interest_coverage, dscr");
        EnumNames.Allowed<CounterpartyType>().ShouldBe("supplier, contractor, employee_payroll, tax, securities, real_estate, related_party, individual, other");
        EnumNames.Allowed<SignalKind>().ShouldBe("court_case, enforcement, adverse_news, executive_change, industry_list_change");
        EnumNames.Allowed<CollateralType>().ShouldBe("real_estate, vehicle, deposit, equipment, equity, receivables");
    }

    [Fact]
    public void Only_property_is_insured_and_only_companies_change_executives()
    {
        Enum.GetValues<CollateralType>().Where(Collateral.IsInsurable).ShouldBe([CollateralType.RealEstate, CollateralType.Vehicle, CollateralType.Equipment]);
        Enum.GetValues<SignalKind>().Where(ExternalSignal.IsCorporateOnly).ShouldBe([SignalKind.ExecutiveChange, SignalKind.IndustryListChange]);
    }
}
