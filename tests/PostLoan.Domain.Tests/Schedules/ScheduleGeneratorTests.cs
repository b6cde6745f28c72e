using PostLoan.Domain.Common;
using PostLoan.Domain.Schedules;
using Shouldly;

namespace PostLoan.Domain.Tests.Schedules;

public class ScheduleGeneratorTests
{
    private static readonly DateOnly FirstDue = new(2024, 2, 1);

    [Fact]
    public void Equal_installment_of_one_million_at_4_9_percent_over_360_months_pays_5307_27()
    {
        var s = ScheduleGenerator.Generate(new ScheduleTerms(1_000_000m, 0.049m, 360, RepaymentMethod.EqualInstallment, FirstDue));

        s.Length.ShouldBe(360);
        // SPEC §3 check figure; every installment but the last pays exactly the level payment.
        s.Take(359).ShouldAllBe(i => i.Payment == 5_307.27m);
        // Installment 1: interest round(1,000,000 × 0.049 / 12) = round(4,083.333…) = 4,083.33; principal 5,307.27 − 4,083.33 = 1,223.94.
        s[0].Interest.ShouldBe(4_083.33m);
        s[0].Principal.ShouldBe(1_223.94m);
    }

    [Fact]
    public void Equal_installment_last_installment_absorbs_the_rounding_remainder()
    {
        var s = ScheduleGenerator.Generate(new ScheduleTerms(1_000m, 0.12m, 3, RepaymentMethod.EqualInstallment, FirstDue));

        // r = 1 %; payment = 1000 × 0.01 × 1.01³ / (1.01³ − 1) = 340.0221… → 340.02
        // 1: interest 10.00, principal 330.02, balance 669.98
        // 2: interest round(6.6998) = 6.70, principal 333.32, balance 336.66
        // 3: interest round(3.3666) = 3.37, principal takes the rest 336.66, payment 340.03 (one cent more)
        s.Select(i => (i.Principal, i.Interest)).ShouldBe([(330.02m, 10.00m), (333.32m, 6.70m), (336.66m, 3.37m)]);
        s[2].Payment.ShouldBe(340.03m);
    }

    [Fact]
    public void Equal_principal_of_one_million_first_payment_6861_11_second_6849_77()
    {
        var s = ScheduleGenerator.Generate(new ScheduleTerms(1_000_000m, 0.049m, 360, RepaymentMethod.EqualPrincipal, FirstDue));

        // 1: principal round(1,000,000 / 360) = 2,777.78, interest 4,083.33 → 6,861.11
        // 2: balance 997,222.22, interest round(997,222.22 × 0.049 / 12) = round(4,071.9907…) = 4,071.99 → 6,849.77
        s[0].Payment.ShouldBe(6_861.11m);
        s[1].Payment.ShouldBe(6_849.77m);
        s[1].Interest.ShouldBe(4_071.99m);
    }

    [Fact]
    public void Equal_principal_last_installment_absorbs_the_rounding_remainder()
    {
        var s = ScheduleGenerator.Generate(new ScheduleTerms(1_000m, 0m, 3, RepaymentMethod.EqualPrincipal, FirstDue));

        // 1000 / 3 = 333.33 twice, the last takes 1000 − 666.66 = 333.34.
        s.Select(i => i.Principal).ShouldBe([333.33m, 333.33m, 333.34m]);
    }

    [Theory]
    [InlineData(RepaymentMethod.EqualInstallment)]
    [InlineData(RepaymentMethod.EqualPrincipal)]
    [InlineData(RepaymentMethod.InterestOnly)]
    [InlineData(RepaymentMethod.Bullet)]
    public void Principal_sums_exactly_to_the_loan_principal(RepaymentMethod method)
    {
        var terms = new ScheduleTerms(987_654.32m, 0.0735m, 37, method, new DateOnly(2024, 1, 31), new DateOnly(2023, 12, 17));

        var s = ScheduleGenerator.Generate(terms);

        s.Sum(i => i.Principal).ShouldBe(987_654.32m);
        s.ShouldAllBe(i => i.Principal >= 0m && i.Interest >= 0m && decimal.Round(i.Principal, 2) == i.Principal && decimal.Round(i.Interest, 2) == i.Interest);
    }

    [Fact]
    public void Interest_only_repays_principal_only_at_the_last_installment()
    {
        var s = ScheduleGenerator.Generate(new ScheduleTerms(100_000m, 0.06m, 12, RepaymentMethod.InterestOnly, FirstDue));

        // Interest each month: 100,000 × 0.06 / 12 = 500.00.
        s.Length.ShouldBe(12);
        s.Take(11).ShouldAllBe(i => i.Principal == 0m && i.Interest == 500.00m);
        s[11].Principal.ShouldBe(100_000m);
        s[11].Interest.ShouldBe(500.00m);
        s[11].DueDate.ShouldBe(new DateOnly(2025, 1, 1));
    }

    [Fact]
    public void Bullet_is_one_installment_at_maturity_with_all_the_interest()
    {
        var terms = new ScheduleTerms(100_000m, 0.06m, 12, RepaymentMethod.Bullet, FirstDue, new DateOnly(2024, 1, 1));

        var s = ScheduleGenerator.Generate(terms);

        // Regular first period: interest = round(100,000 × 0.005 × 12) = 6,000.00, due FirstDue.AddMonths(11).
        s.Length.ShouldBe(1);
        s[0].DueDate.ShouldBe(new DateOnly(2025, 1, 1));
        s[0].Principal.ShouldBe(100_000m);
        s[0].Interest.ShouldBe(6_000.00m);
        s[0].Number.ShouldBe(1);
    }

    [Fact]
    public void Bullet_with_a_broken_first_period_rounds_the_sum_once()
    {
        var terms = new ScheduleTerms(100_000m, 0.06m, 12, RepaymentMethod.Bullet, FirstDue, new DateOnly(2024, 1, 10));

        var s = ScheduleGenerator.Generate(terms);

        // 22 days from 10 Jan to 1 Feb: 100,000 × 0.06 × 22 / 360 = 366.666…, plus 11 months × 500 = 5,500 → 5,866.67.
        s[0].Interest.ShouldBe(5_866.67m);
    }

    [Fact]
    public void Broken_first_period_accrues_daily_interest_on_a_360_day_year()
    {
        var terms = new ScheduleTerms(120_000m, 0.06m, 12, RepaymentMethod.EqualPrincipal, new DateOnly(2024, 2, 20), new DateOnly(2024, 1, 10));

        var s = ScheduleGenerator.Generate(terms);

        // 41 days: 120,000 × 0.06 × 41 / 360 = 820.00; the next month is regular: (120,000 − 10,000) × 0.005 = 550.00.
        s[0].Interest.ShouldBe(820.00m);
        s[0].Principal.ShouldBe(10_000.00m);
        s[1].Interest.ShouldBe(550.00m);
    }

    [Fact]
    public void Broken_first_period_can_use_a_365_day_year()
    {
        var terms = new ScheduleTerms(120_000m, 0.06m, 12, RepaymentMethod.EqualPrincipal, new DateOnly(2024, 2, 20), new DateOnly(2024, 1, 10), DayCountBasis: 365);

        // 120,000 × 0.06 × 41 / 365 = 808.767… → 808.77
        ScheduleGenerator.Generate(terms)[0].Interest.ShouldBe(808.77m);
    }

    [Fact]
    public void Broken_first_period_of_equal_installment_changes_only_the_first_interest()
    {
        var terms = new ScheduleTerms(120_000m, 0.06m, 12, RepaymentMethod.EqualInstallment, new DateOnly(2024, 2, 20), new DateOnly(2024, 1, 10));

        var s = ScheduleGenerator.Generate(terms);

        // Level payment 120,000 × 0.005 × 1.005¹² / (1.005¹² − 1) = 10,327.97; principal 1 = 10,327.97 − 600.00 (a regular month) = 9,727.97;
        // its interest is the broken period's 820.00.
        s[0].Principal.ShouldBe(9_727.97m);
        s[0].Interest.ShouldBe(820.00m);
        s[1].Payment.ShouldBe(10_327.97m);
    }

    [Fact]
    public void Regular_first_period_pays_a_month_of_interest()
    {
        var terms = new ScheduleTerms(120_000m, 0.06m, 12, RepaymentMethod.EqualPrincipal, new DateOnly(2024, 2, 10), new DateOnly(2024, 1, 10));

        terms.RegularFirstPeriod.ShouldBeTrue();
        ScheduleGenerator.Generate(terms)[0].Interest.ShouldBe(600.00m);
    }

    [Fact]
    public void Due_dates_are_computed_from_the_anchor_not_chained()
    {
        var s = ScheduleGenerator.Generate(new ScheduleTerms(3_000m, 0.06m, 4, RepaymentMethod.EqualPrincipal, new DateOnly(2024, 1, 31)));

        // Chaining AddMonths(1) would give 29 Feb, 29 Mar, 29 Apr.
        s.Select(i => i.DueDate).ShouldBe([new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 30)]);
        s.Select(i => i.Number).ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public void Rate_zero_repays_principal_only()
    {
        var s = ScheduleGenerator.Generate(new ScheduleTerms(1_000m, 0m, 3, RepaymentMethod.EqualInstallment, FirstDue));

        // 1000 / 3 = 333.33 a month; the last takes 333.34.
        s.Select(i => i.Principal).ShouldBe([333.33m, 333.33m, 333.34m]);
        s.ShouldAllBe(i => i.Interest == 0m);
    }

    [Theory]
    [InlineData("zero principal")]
    [InlineData("principal with three decimals")]
    [InlineData("negative rate")]
    [InlineData("rate above 100 percent")]
    [InlineData("zero months")]
    [InlineData("601 months")]
    [InlineData("first due on disbursement")]
    [InlineData("first due over two months after disbursement")]
    [InlineData("day-count basis 364")]
    [InlineData("custom method")]
    public void Invalid_terms_throw_a_domain_exception(string problem)
    {
        var ok = new ScheduleTerms(10_000m, 0.05m, 12, RepaymentMethod.EqualInstallment, FirstDue, new DateOnly(2024, 1, 1));
        var terms = problem switch
        {
            "zero principal" => ok with { Principal = 0m },
            "principal with three decimals" => ok with { Principal = 100.001m },
            "negative rate" => ok with { AnnualRate = -0.01m },
            "rate above 100 percent" => ok with { AnnualRate = 1.01m },
            "zero months" => ok with { Months = 0 },
            "601 months" => ok with { Months = 601 },
            "first due on disbursement" => ok with { Disbursed = FirstDue },
            "first due over two months after disbursement" => ok with { Disbursed = new DateOnly(2023, 11, 30) },
            "day-count basis 364" => ok with { DayCountBasis = 364 },
            "custom method" => ok with { Method = RepaymentMethod.Custom },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        ScheduleGenerator.Generate(ok).Length.ShouldBe(12);
        Should.Throw<DomainException>(() => ScheduleGenerator.Generate(terms));
    }

    [Fact]
    public void Reamortize_keeps_due_dates_and_sums_principal_to_the_new_balance()
    {
        var s = ScheduleGenerator.Generate(new ScheduleTerms(120_000m, 0.06m, 12, RepaymentMethod.EqualInstallment, FirstDue));
        var before = s.ToArray();

        ScheduleGenerator.Reamortize(RepaymentMethod.EqualInstallment, 0.06m, s, 3, 50_000m, 250.00m);

        s.Take(3).ShouldBe(before.Take(3));
        s.Select(i => i.DueDate).ShouldBe(before.Select(i => i.DueDate));
        s.Select(i => i.Number).ShouldBe(Enumerable.Range(1, 12));
        s.Skip(3).Sum(i => i.Principal).ShouldBe(50_000m);
        // Installment 4 keeps the given interest; the level payment on 50,000 over 9 months at 0.5 % is
        // 50,000 × 0.005 × 1.005⁹ / (1.005⁹ − 1) = 5,695.37, so its principal is 5,695.37 − 250.00 = 5,445.37.
        s[3].Interest.ShouldBe(250.00m);
        s[3].Principal.ShouldBe(5_445.37m);
        s[4].Payment.ShouldBe(5_695.37m);
    }
}
