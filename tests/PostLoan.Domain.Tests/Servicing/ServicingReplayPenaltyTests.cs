using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.Servicing;

public class ServicingReplayPenaltyTests
{
    [Fact]
    public void Penalty_accrues_daily_on_overdue_principal_and_compound_on_overdue_interest()
    {
        // 10,000.00 at 7.3 % over 12 months, equal principal: installment 1 is 833.33 principal (10,000 / 12)
        // and 60.83 interest (10,000 × 0.073 / 12 = 60.833…). Daily rate 0.073 × 1.5 / 360.
        // Penalty a day: round(833.33 × 0.1095 / 360 = 0.25347…) = 0.25; compound: round(60.83 × 0.1095 / 360 = 0.01850…) = 0.02.
        // 7 days overdue on 8 Feb: 1.75 and 0.14.
        var loan = Loan(terms: Terms12k with { Principal = 10_000m, AnnualRate = 0.073m });

        var p = On(loan, D(2024, 2, 8));

        p.Dpd.ShouldBe(7);
        p.PenaltyInterest.ShouldBe(1.75m);
        p.CompoundInterest.ShouldBe(0.14m);
    }

    [Fact]
    public void Penalty_uplift_comes_from_the_loan()
    {
        // Uplift 100 %: daily rate 0.073 × 2 / 360. Penalty round(833.33 × 0.146 / 360 = 0.33796…) = 0.34;
        // compound round(60.83 × 0.146 / 360 = 0.02467…) = 0.02. 7 days: 2.38 and 0.14.
        var loan = Loan(terms: Terms12k with { Principal = 10_000m, AnnualRate = 0.073m }, penaltyUplift: 1.0m);

        var p = On(loan, D(2024, 2, 8));

        p.PenaltyInterest.ShouldBe(2.38m);
        p.CompoundInterest.ShouldBe(0.14m);
    }

    [Fact]
    public void Penalty_can_accrue_on_a_365_day_year()
    {
        // Daily rate 0.12 × 1.5 / 365: penalty round(1,000 × 0.18 / 365 = 0.49315…) = 0.49,
        // compound round(120 × 0.18 / 365 = 0.05918…) = 0.06. 10 days on 11 Feb: 4.90 and 0.60.
        var loan = Loan(rules: ProductRules.Default with { DayCountBasis = 365 });

        var p = On(loan, D(2024, 2, 11));

        p.PenaltyInterest.ShouldBe(4.90m);
        p.CompoundInterest.ShouldBe(0.60m);
    }

    [Fact]
    public void No_penalty_on_the_due_date()
    {
        var p = On(Loan(), FirstDue);

        p.OverduePrincipal.ShouldBe(1_000.00m);
        p.PenaltyInterest.ShouldBe(0m);
        p.CompoundInterest.ShouldBe(0m);
    }

    [Fact]
    public void Penalty_is_counted_per_installment_and_day()
    {
        // On 3 Mar: installment 1 overdue 31 days (2 Feb – 3 Mar) → 31 × 0.50 = 15.50 and 31 × 0.06 = 1.86;
        // installment 2 (1,000.00 + 110.00) overdue 2 days → 2 × 0.50 = 1.00 and 2 × round(0.055) = 2 × 0.06 = 0.12.
        var p = On(Loan(), D(2024, 3, 3));

        p.PenaltyInterest.ShouldBe(16.50m);
        p.CompoundInterest.ShouldBe(1.98m);
    }

    [Fact]
    public void Payment_in_full_within_grace_bears_no_penalty()
    {
        // Grace 3 days: due 1 Feb, paid in full on 4 Feb (the last grace day).
        var loan = Loan([Pay(D(2024, 2, 4), 1_120.00m)], graceDays: 3);

        var (outcome, points) = Run(loan, D(2024, 2, 4), D(2024, 2, 4));

        outcome.Installments[0].SettledOn.ShouldBe(D(2024, 2, 4));
        outcome.Installments[0].PenaltyCharged.ShouldBe(0m);
        points[^1].PenaltyInterest.ShouldBe(0m);
        points[^1].CompoundInterest.ShouldBe(0m);
        points[^1].UnappliedCredit.ShouldBe(0m);
    }

    [Fact]
    public void Grace_does_not_change_dpd()
    {
        var loan = Loan(graceDays: 3);

        var p = On(loan, D(2024, 2, 3));

        p.Dpd.ShouldBe(2);
        p.PenaltyInterest.ShouldBe(0m); // held back while grace runs
    }

    [Fact]
    public void Penalty_after_grace_counts_from_the_day_after_due()
    {
        // Grace 3 days (to 4 Feb). On 5 Feb the held-back penalty for 2–4 Feb is charged with that day's:
        // 4 days × 0.50 = 2.00 and 4 × 0.06 = 0.24.
        var p = On(Loan(graceDays: 3), D(2024, 2, 5));

        p.PenaltyInterest.ShouldBe(2.00m);
        p.CompoundInterest.ShouldBe(0.24m);
    }

    [Fact]
    public void Payment_after_grace_pays_the_penalty_from_the_day_after_due()
    {
        // Paid on 6 Feb: 4 days accrued (2–5 Feb), 2.00 + 0.24 = 2.24; 1,122.24 settles the installment.
        var loan = Loan([Pay(D(2024, 2, 6), 1_122.24m)], graceDays: 3);

        var (outcome, points) = Run(loan, D(2024, 2, 6), D(2024, 2, 6));

        outcome.Installments[0].PenaltyCharged.ShouldBe(2.24m);
        outcome.Installments[0].PenaltyPaid.ShouldBe(2.24m);
        outcome.Installments[0].SettledOn.ShouldBe(D(2024, 2, 6));
        points[^1].Dpd.ShouldBe(0);
        points[^1].PenaltyInterest.ShouldBe(0m);
    }

    [Fact]
    public void No_penalty_accrues_on_unpaid_penalty()
    {
        // Installment 1's contract amounts are paid on 11 Feb with a principal-first order so the penalty stays unpaid;
        // afterwards nothing more accrues: the penalty stays at 9 × 0.50 = 4.50 and compound at 9 × 0.06 = 0.54.
        var rules = ProductRules.Default with
        {
            AllocationOrder = [AllocationComponent.Principal, AllocationComponent.Interest,
                AllocationComponent.Fees, AllocationComponent.Penalty],
        };
        var loan = Loan([Pay(D(2024, 2, 11), 1_120.00m)], rules: rules);

        var p = On(loan, D(2024, 2, 20));

        p.Dpd.ShouldBe(0); // penalty left unpaid alone does not keep the loan delinquent
        p.PenaltyInterest.ShouldBe(4.50m);
        p.CompoundInterest.ShouldBe(0.54m);
    }
}
