using PostLoan.Domain.Monitoring;
using Shouldly;

namespace PostLoan.Domain.Tests.Monitoring;

public class StatementRatiosTests
{
    // B2001's 2024 annual statement in examples/statements.csv.
    private static readonly StatementRatios.Figures Annual = new(
        TotalAssets: 85_000_000m, TotalLiabilities: 52_000_000m, CurrentAssets: 38_000_000m, CurrentLiabilities: 26_000_000m, Inventory: 14_500_000m,
        NetProfit: 5_200_000m, OperatingCashFlow: 7_400_000m, InterestExpense: 1_650_000m, DebtService: 4_050_000m);

    [Fact]
    public void Each_ratio_is_derived_from_the_figures_as_its_metric_defines()
    {
        StatementRatios.Of(CovenantMetric.DebtToAsset, Annual).ShouldBe(52m / 85m);
        StatementRatios.Of(CovenantMetric.CurrentRatio, Annual).ShouldBe(38m / 26m);
        StatementRatios.Of(CovenantMetric.QuickRatio, Annual).ShouldBe(23.5m / 26m);
        StatementRatios.Of(CovenantMetric.InterestCoverage, Annual).ShouldBe(6.85m / 1.65m);
        StatementRatios.Of(CovenantMetric.Dscr, Annual).ShouldBe(7.4m / 4.05m);
    }

    [Fact]
    public void A_ratio_over_zero_has_no_value_and_a_negative_one_keeps_its_sign()
    {
        var noDebt = Annual with { CurrentLiabilities = 0, InterestExpense = 0, DebtService = 0, TotalAssets = 0 };
        foreach (var metric in Enum.GetValues<CovenantMetric>())
            StatementRatios.Of(metric, noDebt).ShouldBeNull();
        StatementRatios.Of(CovenantMetric.Dscr, Annual with { OperatingCashFlow = -1_250_000m, DebtService = 1_020_000m }).ShouldBe(-1.25m / 1.02m);
    }
}
