using PostLoan.Domain.Schedules;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.Servicing;

public class ServicingReplayPrepaymentTests
{
    [Fact]
    public void Early_payment_is_held_and_settles_the_installment_on_its_due_date()
    {
        var loan = Loan([Pay(D(2024, 1, 29), 1_120.00m)]);

        var early = On(loan, D(2024, 1, 29));
        early.UnappliedCredit.ShouldBe(1_120.00m);
        early.OutstandingPrincipal.ShouldBe(12_000.00m);

        var (outcome, points) = Run(loan, FirstDue, FirstDue);
        points[^1].UnappliedCredit.ShouldBe(0m);
        points[^1].Dpd.ShouldBe(0);
        points[^1].OutstandingPrincipal.ShouldBe(11_000.00m);
        outcome.Installments[0].SettledOn.ShouldBe(FirstDue);
        outcome.Installments[0].PrincipalPaid.ShouldBe(1_000.00m);
        outcome.Installments[0].InterestPaid.ShouldBe(120.00m);
    }

    [Fact]
    public void Overpayment_prepays_principal_and_reamortises_later_installments()
    {
        // 4,120.00 on 20 Jan: 1,120.00 waits for installment 1, 3,000.00 prepays principal.
        // Installments 2–12 are re-amortised on 11,000 − 3,000 = 8,000.00 over the same 11 dates:
        // principal round(8,000 / 11) = 727.27, the last 8,000 − 10 × 727.27 = 727.30;
        // interest of installment 2 = 8,000 × 1 % = 80.00, of installment 3 = round(7,272.73 × 1 %) = 72.73.
        var loan = Loan([Pay(D(2024, 1, 20), 4_120.00m)]);

        var p = On(loan, D(2024, 1, 20));
        p.OutstandingPrincipal.ShouldBe(9_000.00m);
        p.UnappliedCredit.ShouldBe(1_120.00m);

        var (outcome, after) = Run(loan, FirstDue, FirstDue);
        var s = outcome.Installments;
        s.Skip(1).Sum(i => i.Due.Principal).ShouldBe(8_000.00m);
        s[1].Due.Principal.ShouldBe(727.27m);
        s[11].Due.Principal.ShouldBe(727.30m);
        s[1].Due.Interest.ShouldBe(80.00m);
        s[2].Due.Interest.ShouldBe(72.73m);
        s[1].Due.DueDate.ShouldBe(D(2024, 3, 1));
        s[11].Due.DueDate.ShouldBe(D(2025, 1, 1));
        s[0].SettledOn.ShouldBe(FirstDue);
        after[^1].OutstandingPrincipal.ShouldBe(8_000.00m);
        after[^1].UnappliedCredit.ShouldBe(0m);
    }

    [Fact]
    public void Overpayment_without_prepayment_is_held_and_applied_as_installments_fall_due()
    {
        // 4,120.00 held: 1 Feb takes 1,120.00 (3,000.00 left), 1 Mar 1,110.00 (1,890.00), 1 Apr 1,100.00 (790.00).
        var rules = ProductRules.Default with { AllowPrepayment = false };
        var loan = Loan([Pay(D(2024, 1, 20), 4_120.00m)], rules: rules);

        On(loan, D(2024, 1, 20)).OutstandingPrincipal.ShouldBe(12_000.00m);
        On(loan, D(2024, 1, 20)).UnappliedCredit.ShouldBe(4_120.00m);
        On(loan, D(2024, 3, 1)).UnappliedCredit.ShouldBe(1_890.00m);

        var (outcome, points) = Run(loan, D(2024, 4, 1), D(2024, 4, 1));
        var p = points[^1];
        p.UnappliedCredit.ShouldBe(790.00m);
        p.OutstandingPrincipal.ShouldBe(9_000.00m);
        p.Dpd.ShouldBe(0);
        outcome.Installments[3].Due.Principal.ShouldBe(1_000.00m); // schedule untouched
        outcome.Installments[2].SettledOn.ShouldBe(D(2024, 4, 1));
    }

    [Fact]
    public void Full_payoff_closes_the_loan_that_day()
    {
        // After installments 1 and 2 are paid, 10,000.00 of principal is left. On 15 Mar the payoff is
        // installment 3 (1,000.00 + 100.00) plus the remaining 9,000.00 principal: 10,100.00.
        var loan = Loan([Pay(FirstDue, 1_120.00m), Pay(D(2024, 3, 1), 1_110.00m), Pay(D(2024, 3, 15), 10_100.00m)]);

        var (outcome, points) = Run(loan, D(2024, 3, 1), D(2024, 6, 30));

        var last = points[^1];
        last.Date.ShouldBe(D(2024, 3, 15));
        last.Status.ShouldBe(LoanStatus.Closed);
        last.StatusSince.ShouldBe(D(2024, 3, 15));
        last.OutstandingPrincipal.ShouldBe(0m);
        last.UnappliedCredit.ShouldBe(0m);
        outcome.NextReview.ShouldBeNull();
        // The prepaid 9,000.00 comes off the later installments' principal (re-amortised to nothing), not recorded as paid.
        outcome.Installments.ShouldAllBe(i => i.Unpaid == 0m);
        outcome.Installments.Sum(i => i.PrincipalPaid).ShouldBe(3_000.00m);
        outcome.Installments.Skip(3).ShouldAllBe(i => i.Due.Payment == 0m);
        outcome.Installments[2].SettledOn.ShouldBe(D(2024, 3, 15)); // the next installment is settled at once
        outcome.Installments.Sum(i => i.InterestPaid).ShouldBe(330.00m); // 120 + 110 + 100: no interest after the payoff
    }

    [Fact]
    public void Payoff_above_what_is_owed_leaves_a_refund_as_credit()
    {
        var loan = Loan([Pay(FirstDue, 1_120.00m), Pay(D(2024, 3, 1), 1_110.00m), Pay(D(2024, 3, 15), 10_150.00m)]);

        var last = Run(loan, D(2024, 3, 15), D(2024, 3, 31)).Points[^1];

        last.Status.ShouldBe(LoanStatus.Closed);
        last.UnappliedCredit.ShouldBe(50.00m);
    }

    [Fact]
    public void Paying_a_bullet_loan_off_early_closes_it_that_day()
    {
        // 12,000.00 at 12 % for 12 months in one installment: interest 12,000 × 1 % × 12 = 1,440.00.
        var bullet = new ScheduleTerms(12_000m, 0.12m, 12, RepaymentMethod.Bullet, FirstDue, Disbursed);
        var loan = Loan([Pay(D(2024, 6, 10), 13_440m)], terms: bullet);

        var (outcome, points) = Run(loan, D(2024, 6, 10), D(2024, 6, 30));

        points[0].Status.ShouldBe(LoanStatus.Closed);
        points[0].StatusSince.ShouldBe(D(2024, 6, 10));
        outcome.Installments[0].SettledOn.ShouldBe(D(2024, 6, 10));
        outcome.Installments[0].Unpaid.ShouldBe(0m);
    }

    [Fact]
    public void Without_prepayment_an_early_payment_of_the_last_installment_waits_for_its_due_date()
    {
        var bullet = new ScheduleTerms(12_000m, 0.12m, 12, RepaymentMethod.Bullet, FirstDue, Disbursed);
        var loan = Loan([Pay(D(2024, 6, 10), 13_440m)], terms: bullet, rules: new ProductRules { AllowPrepayment = false });

        var (_, points) = Run(loan, D(2024, 6, 10), D(2025, 1, 31));

        points[0].Status.ShouldBe(LoanStatus.Active);
        points[0].UnappliedCredit.ShouldBe(13_440m);
        var closed = points.Single(p => p.Status == LoanStatus.Closed);
        closed.StatusSince.ShouldBe(D(2025, 1, 1)); // maturity: FirstDue + 11 months
    }
}
