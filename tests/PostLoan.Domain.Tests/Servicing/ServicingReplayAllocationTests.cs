using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.Servicing;

public class ServicingReplayAllocationTests
{
    [Fact]
    public void Partial_payment_pays_penalty_then_interest_then_principal()
    {
        // Installment 1 (1,000.00 + 120.00) due 1 Feb, unpaid. A payment on 11 Feb comes before that day's
        // accrual, so 9 days have accrued (2–10 Feb): penalty 9 × 0.50 = 4.50, compound 9 × 0.06 = 0.54.
        // 50.00 pays 4.50 + 0.54 = 5.04 of penalty, then 44.96 of interest, no principal.
        var loan = Loan([Pay(D(2024, 2, 11), 50.00m)]);

        var i1 = Standings(loan, D(2024, 2, 11))[0];

        i1.PenaltyPaid.ShouldBe(5.04m);
        i1.InterestPaid.ShouldBe(44.96m);
        i1.PrincipalPaid.ShouldBe(0m);
        i1.SettledOn.ShouldBeNull();
    }

    [Fact]
    public void Fees_are_paid_before_penalty()
    {
        // A 20.00 fee charged on 15 Jan is added to installment 1. 50.00 on 11 Feb pays the fee,
        // then penalty 5.04 (as above), then 24.96 of interest.
        var loan = Loan([new TransactionFact(D(2024, 1, 15), TransactionKind.Fee, 20.00m), Pay(D(2024, 2, 11), 50.00m)]);

        var i1 = Standings(loan, D(2024, 2, 11))[0];

        i1.Due.Fees.ShouldBe(20.00m);
        i1.FeesPaid.ShouldBe(20.00m);
        i1.PenaltyPaid.ShouldBe(5.04m);
        i1.InterestPaid.ShouldBe(24.96m);
        i1.PrincipalPaid.ShouldBe(0m);
    }

    [Fact]
    public void Position_after_a_partial_payment_keeps_the_unpaid_amounts()
    {
        // After the 50.00 payment on 11 Feb: interest unpaid 120.00 − 44.96 = 75.04, principal 1,000.00.
        // That day's accrual: penalty round(1,000 × 0.0005) = 0.50, compound round(75.04 × 0.0005 = 0.03752) = 0.04.
        // Penalty left: 10 × 0.50 − 4.50 = 0.50; compound left: 0.54 + 0.04 − 0.54 = 0.04.
        var loan = Loan([Pay(D(2024, 2, 11), 50.00m)]);

        var p = On(loan, D(2024, 2, 11));

        p.OverdueInterest.ShouldBe(75.04m);
        p.OverduePrincipal.ShouldBe(1_000.00m);
        p.PenaltyInterest.ShouldBe(0.50m);
        p.CompoundInterest.ShouldBe(0.04m);
        p.OutstandingPrincipal.ShouldBe(12_000.00m);
    }

    [Fact]
    public void Payment_settles_the_oldest_installment_first()
    {
        // Installments 1 (due 1 Feb) and 2 (due 1 Mar, 1,000.00 + 110.00) unpaid; 1,200.00 paid on 5 Mar.
        // Installment 1 has accrued 2 Feb – 4 Mar = 32 days: penalty 16.00, compound 32 × 0.06 = 1.92;
        // it takes 16.00 + 1.92 + 120.00 + 1,000.00 = 1,137.92, leaving 62.08.
        // Installment 2 has accrued 2–4 Mar = 3 days: penalty 1.50, compound 3 × round(110 × 0.0005 = 0.055 → 0.06) = 0.18;
        // it takes 1.68 of penalty and 60.40 of interest.
        var loan = Loan([Pay(D(2024, 3, 5), 1_200.00m)]);

        var s = Standings(loan, D(2024, 3, 5));

        s[0].SettledOn.ShouldBe(D(2024, 3, 5));
        s[0].PenaltyPaid.ShouldBe(17.92m);
        s[0].PrincipalPaid.ShouldBe(1_000.00m);
        s[1].PenaltyPaid.ShouldBe(1.68m);
        s[1].InterestPaid.ShouldBe(60.40m);
        s[1].PrincipalPaid.ShouldBe(0m);
        s[1].SettledOn.ShouldBeNull();
    }

    [Fact]
    public void Custom_allocation_order_is_honoured()
    {
        var rules = ProductRules.Default with
        {
            AllocationOrder = [AllocationComponent.Principal, AllocationComponent.Interest, AllocationComponent.Penalty, AllocationComponent.Fees],
        };
        var loan = Loan([Pay(D(2024, 2, 11), 50.00m)], rules: rules);

        var (outcome, points) = Run(loan, D(2024, 2, 11), D(2024, 2, 11));

        outcome.Installments[0].PrincipalPaid.ShouldBe(50.00m);
        outcome.Installments[0].InterestPaid.ShouldBe(0m);
        outcome.Installments[0].PenaltyPaid.ShouldBe(0m);
        points[^1].OutstandingPrincipal.ShouldBe(11_950.00m);
    }

    [Fact]
    public void Penalty_waiver_reduces_penalty_interest()
    {
        // At the waiver on 11 Feb the penalty is 9 × 0.50 = 4.50; 3.00 is forgiven; the day's accrual adds 0.50:
        // 5.00 − 3.00 = 2.00. Compound is untouched: 10 × 0.06 = 0.60.
        var loan = Loan([new TransactionFact(D(2024, 2, 11), TransactionKind.Waiver, 3.00m, AllocationComponent.Penalty)]);

        var p = On(loan, D(2024, 2, 11));

        p.PenaltyInterest.ShouldBe(2.00m);
        p.CompoundInterest.ShouldBe(0.60m);
        p.OverduePrincipal.ShouldBe(1_000.00m);
    }

    [Fact]
    public void Fee_is_added_to_the_next_installment()
    {
        // On 10 Feb installment 1 is already due; the fee goes onto installment 2 (due 1 Mar).
        var loan = Loan([Pay(D(2024, 2, 1), 1_120.00m), new TransactionFact(D(2024, 2, 10), TransactionKind.Fee, 35.00m)]);

        var (outcome, points) = Run(loan, D(2024, 2, 10), D(2024, 2, 10));

        outcome.Installments[0].Due.Fees.ShouldBe(0m);
        outcome.Installments[1].Due.Fees.ShouldBe(35.00m);
        points[^1].NextDueAmount.ShouldBe(1_145.00m); // 1,000.00 + 110.00 + 35.00
    }
}
