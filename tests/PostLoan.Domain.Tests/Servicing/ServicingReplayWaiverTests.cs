using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.Servicing;

/// <summary>Waivers of components other than penalty, on the 12,000.00 loan of <see cref="TestLoans"/>.</summary>
public class ServicingReplayWaiverTests
{
    private static TransactionFact Waive(DateOnly date, decimal amount, AllocationComponent component) =>
        new(date, TransactionKind.Waiver, amount, component);

    [Fact]
    public void Principal_waived_beyond_what_is_due_comes_off_the_last_installment()
    {
        // On 5 Feb installment 1 (1,000.00 + 120.00) is overdue. 1,500.00 of principal is forgiven: 1,000.00 of
        // installment 1 and 500.00 off installment 12. Penalty accrued 2–4 Feb: 3 × 0.50 = 1.50, and none after,
        // as no principal is overdue; compound on the 120.00 of interest: 4 × 0.06 = 0.24 (2–5 Feb).
        var loan = Loan([Waive(D(2024, 2, 5), 1_500.00m, AllocationComponent.Principal)]);

        var (outcome, points) = Run(loan, D(2024, 2, 5), D(2024, 2, 5));
        var p = points[^1];

        p.OutstandingPrincipal.ShouldBe(10_500.00m);
        p.OverduePrincipal.ShouldBe(0m);
        p.OverdueInterest.ShouldBe(120.00m);
        p.PenaltyInterest.ShouldBe(1.50m);
        p.CompoundInterest.ShouldBe(0.24m);
        p.Dpd.ShouldBe(4); // the interest is still unpaid
        outcome.Installments[0].PrincipalPaid.ShouldBe(1_000.00m);
        outcome.Installments[11].Due.Principal.ShouldBe(500.00m);
        outcome.Installments.Sum(i => i.Due.Principal).ShouldBe(11_500.00m);
    }

    [Fact]
    public void Interest_waiver_forgives_only_interest_already_due()
    {
        // 200.00 of interest forgiven on 5 Feb: only installment 1's 120.00 is due, so that is all it forgives.
        var loan = Loan([Waive(D(2024, 2, 5), 200.00m, AllocationComponent.Interest)]);

        var (outcome, points) = Run(loan, D(2024, 2, 5), D(2024, 2, 5));

        points[^1].OverdueInterest.ShouldBe(0m);
        points[^1].OverduePrincipal.ShouldBe(1_000.00m);
        points[^1].OutstandingPrincipal.ShouldBe(12_000.00m);
        outcome.Installments[0].InterestPaid.ShouldBe(120.00m);
        outcome.Installments[1].InterestPaid.ShouldBe(0m);
        outcome.Installments[1].Due.Interest.ShouldBe(110.00m);
    }

    [Fact]
    public void Waiving_the_rest_of_an_overdue_installment_cures_the_loan()
    {
        // 1,100.00 paid on 11 Feb covers penalty 4.50 + compound 0.54 (9 days), interest 120.00 and 974.96 of
        // principal, leaving 25.04; waiving that principal the same day settles the installment.
        var loan = Loan([Pay(D(2024, 2, 11), 1_100.00m), Waive(D(2024, 2, 11), 25.04m, AllocationComponent.Principal)]);

        var (outcome, points) = Run(loan, D(2024, 2, 11), D(2024, 2, 11));

        points[^1].Dpd.ShouldBe(0);
        points[^1].OutstandingPrincipal.ShouldBe(11_000.00m);
        outcome.Installments[0].PrincipalPaid.ShouldBe(1_000.00m);
        outcome.Installments[0].SettledOn.ShouldBe(D(2024, 2, 11));
        // Without the waiver the 25.04 keeps the loan 10 days past due.
        Run(Loan([Pay(D(2024, 2, 11), 1_100.00m)]), D(2024, 2, 11), D(2024, 2, 11)).Points[^1].Dpd.ShouldBe(10);
    }
}
