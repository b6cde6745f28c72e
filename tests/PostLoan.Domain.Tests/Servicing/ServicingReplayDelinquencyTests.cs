using PostLoan.Domain.Classification;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.Servicing;

public class ServicingReplayDelinquencyTests
{
    [Fact]
    public void Dpd_is_0_on_the_due_date_and_1_the_day_after()
    {
        var loan = Loan();

        On(loan, FirstDue).Dpd.ShouldBe(0);
        On(loan, FirstDue).OldestUnpaidDue.ShouldBe(FirstDue);
        On(loan, D(2024, 2, 2)).Dpd.ShouldBe(1);
        On(loan, D(2024, 2, 2)).OwnClass.Rule.ShouldBe("overdue");
    }

    [Fact]
    public void Dpd_counts_from_oldest_unpaid_installment()
    {
        // Unpaid since 1 Feb: on 5 Mar (two installments overdue) DPD is 33 (28 days of Feb after the 1st, plus 5).
        // The 1,200.00 paid that day settles installment 1 (see the allocation tests), so DPD counts from 1 Mar: 4.
        var unpaid = Loan();
        var paid = Loan([Pay(D(2024, 3, 5), 1_200.00m)]);

        On(unpaid, D(2024, 3, 5)).Dpd.ShouldBe(33);
        var p = On(paid, D(2024, 3, 5));
        p.Dpd.ShouldBe(4);
        p.OldestUnpaidDue.ShouldBe(D(2024, 3, 1));
    }

    [Fact]
    public void Paying_everything_overdue_cures_the_loan_the_same_day()
    {
        // On 20 Feb, 18 days have accrued (2–19 Feb): 18 × (0.50 + 0.06) = 10.08; with 1,120.00 of contract: 1,130.08.
        var loan = Loan([Pay(D(2024, 2, 20), 1_130.08m)]);

        var before = On(loan, D(2024, 2, 19));
        before.Dpd.ShouldBe(18);
        Buckets.FromDpd(before.Dpd).ShouldBe(Bucket.M1);

        var p = On(loan, D(2024, 2, 20));
        p.Dpd.ShouldBe(0);
        p.OldestUnpaidDue.ShouldBeNull();
        p.PenaltyInterest.ShouldBe(0m);
        p.OwnClass.Class.ShouldBe(RiskClass.Normal);
        LoanState.From(1, p, p.OwnClass, ClassificationPolicy.Default).Bucket.ShouldBe(Bucket.C);
    }

    [Fact]
    public void Contract_amount_alone_does_not_cure_when_penalty_is_owed()
    {
        // Penalty is paid first, so 1,120.00 leaves 10.08 of principal unpaid and the loan stays 19 days past due.
        var p = On(Loan([Pay(D(2024, 2, 20), 1_120.00m)]), D(2024, 2, 20));

        p.Dpd.ShouldBe(19);
        p.OverduePrincipal.ShouldBe(10.08m);
    }

    [Fact]
    public void Amount_within_tolerance_does_not_keep_the_loan_delinquent()
    {
        var rules = ProductRules.Default with { Tolerance = 1.00m };
        var loan = Loan([Pay(FirstDue, 1_119.50m)], rules: rules);

        var p = On(loan, D(2024, 2, 10));

        p.Dpd.ShouldBe(0);
        On(Loan([Pay(FirstDue, 1_119.50m)]), D(2024, 2, 10)).Dpd.ShouldBe(9);
    }

    [Fact]
    public void Dpd_thresholds_change_the_class()
    {
        var loan = Loan();

        // 1 Feb + 91 days = 2 May 2024; + 271 = 29 Oct 2024; + 361 = 27 Jan 2025.
        On(loan, D(2024, 5, 1)).OwnClass.Class.ShouldBe(RiskClass.SpecialMention);
        On(loan, D(2024, 5, 2)).OwnClass.Rule.ShouldBe("dpd_over_90");
        On(loan, D(2024, 10, 29)).OwnClass.Rule.ShouldBe("dpd_over_270");
        On(loan, D(2025, 1, 27)).OwnClass.Rule.ShouldBe("dpd_over_360");
        On(loan, D(2025, 1, 27)).Dpd.ShouldBe(361);
    }
}
