using PostLoan.Domain.Classification;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.Servicing;

public class BorrowerServicingTests
{
    private static readonly Dictionary<long, StateBaseline> NoBaseline = [];

    /// <summary>100,000.00 never repaid: 91 days past due on 2 May 2024.</summary>
    private static LoanFacts Defaulted(bool corporate) =>
        Loan(terms: Terms12k with { Principal = 100_000m }, loanId: 1, borrowerId: 7, corporate: corporate);

    /// <summary>500,000.00 interest only at 12 %, first due 15 Feb 2024: 5,000.00 interest paid on every due date.</summary>
    private static LoanFacts Performing(bool corporate) => Loan(
        Enumerable.Range(0, 5).Select(k => Pay(D(2024, 2, 15).AddMonths(k), 5_000.00m)).ToList(),
        terms: new ScheduleTerms(500_000m, 0.12m, 12, RepaymentMethod.InterestOnly, D(2024, 2, 15), D(2024, 1, 15)),
        loanId: 2, borrowerId: 7, corporate: corporate);

    private static ServicingOutput Service(IReadOnlyList<LoanFacts> loans, DateOnly from, DateOnly to, IReadOnlyDictionary<long, StateBaseline>? baseline = null)
    {
        var output = new ServicingOutput();
        new BorrowerServicing(Replay()).Service(loans, baseline ?? NoBaseline, from, to, output);
        return output;
    }

    [Fact]
    public void Cross_default_makes_a_corporate_borrowers_performing_loan_substandard()
    {
        // Non-performing share on 2 May: 100,000 / (100,000 + 500,000) = 16.7 % > 10 %.
        var output = Service([Defaulted(corporate: true), Performing(corporate: true)], D(2024, 1, 1), D(2024, 5, 31));

        var other = output.States.Single(s => s.LoanId == 2);
        other.Dpd.ShouldBe(0);
        other.RiskClass.ShouldBe(RiskClass.Substandard);
        other.ClassRule.ShouldBe("cross_default");
        other.Stage.ShouldBe(Ifrs9Stage.Stage3);
        other.Provision.ShouldBe(125_000.00m); // 500,000 × 25 %
        output.States.Single(s => s.LoanId == 1).ClassRule.ShouldBe("dpd_over_90");

        var change = output.Changes.Single(c => c.LoanId == 2 && c.Kind == "class" && c.OldValue is not null);
        change.BusinessDate.ShouldBe(D(2024, 5, 2));
        change.OldValue.ShouldBe("normal");
        change.NewValue.ShouldBe("substandard");
        change.Rule.ShouldBe("cross_default");
    }

    [Fact]
    public void Cross_default_does_not_apply_to_a_retail_borrower()
    {
        var output = Service([Defaulted(corporate: false), Performing(corporate: false)], D(2024, 1, 1), D(2024, 5, 31));

        var other = output.States.Single(s => s.LoanId == 2);
        other.RiskClass.ShouldBe(RiskClass.Normal);
        other.ClassRule.ShouldBe("performing");
        output.Changes.ShouldNotContain(c => c.LoanId == 2 && c.Kind == "class" && c.OldValue != null);
    }

    [Fact]
    public void Cross_default_does_not_fire_at_a_small_non_performing_share()
    {
        // 10,000 / (10,000 + 500,000) = 2 %.
        var small = Loan(terms: Terms12k with { Principal = 10_000m }, loanId: 1, borrowerId: 7, corporate: true);

        var output = Service([small, Performing(corporate: true)], D(2024, 1, 1), D(2024, 5, 31));

        output.States.Single(s => s.LoanId == 1).RiskClass.ShouldBe(RiskClass.Substandard);
        output.States.Single(s => s.LoanId == 2).RiskClass.ShouldBe(RiskClass.Normal);
    }

    [Fact]
    public void Written_off_loans_do_not_count_towards_cross_default()
    {
        // The 100,000.00 loan is written off on the day it reaches DPD 91: off balance, so the borrower's
        // non-performing share stays 0 and the other loan stays normal.
        var writtenOff = Loan([new TransactionFact(D(2024, 5, 2), TransactionKind.WriteOff, 0m)],
            terms: Terms12k with { Principal = 100_000m }, loanId: 1, borrowerId: 7, corporate: true);

        var output = Service([writtenOff, Performing(corporate: true)], D(2024, 1, 1), D(2024, 5, 31));

        var first = output.States.Single(s => s.LoanId == 1);
        first.Status.ShouldBe(LoanStatus.WrittenOff);
        first.RiskClass.ShouldBe(RiskClass.Loss);
        first.Provision.ShouldBe(0m);
        output.States.Single(s => s.LoanId == 2).RiskClass.ShouldBe(RiskClass.Normal);
    }

    [Fact]
    public void A_loan_closed_during_the_run_gets_one_final_state()
    {
        var closing = Loan([Pay(FirstDue, 1_120.00m), Pay(D(2024, 3, 1), 1_110.00m), Pay(D(2024, 3, 15), 10_100.00m)], loanId: 1, borrowerId: 7, corporate: true);

        var output = Service([closing, Performing(corporate: true)], D(2024, 1, 1), D(2024, 5, 31));

        output.States.Count.ShouldBe(2);
        var closed = output.States.Single(s => s.LoanId == 1);
        closed.Status.ShouldBe(LoanStatus.Closed);
        closed.AsOf.ShouldBe(D(2024, 3, 15));
        output.Snapshots.Where(s => s.State.LoanId == 1).Select(s => s.SnapshotDate).ShouldBe([D(2024, 1, 31), D(2024, 2, 29)]);
        output.Changes.Count(c => c.LoanId == 1 && c.Kind == "status").ShouldBe(1);
    }

    [Fact]
    public void New_loan_opens_its_history_with_one_class_row_and_rows_follow_each_change()
    {
        var output = Service([Defaulted(corporate: false)], D(2024, 1, 1), D(2024, 5, 31));

        // 1 Feb due, unpaid: DPD 1 on 2 Feb, 31 on 3 Mar, 61 on 2 Apr, 91 on 2 May.
        output.Changes.Select(c => (c.BusinessDate, c.Kind, c.OldValue, c.NewValue)).ShouldBe(
        [
            (D(2024, 1, 1), "class", null, "normal"),
            (D(2024, 2, 2), "bucket", "C", "M1"),
            (D(2024, 2, 2), "class", "normal", "special_mention"),
            (D(2024, 2, 2), "stage", "1", "2"),
            (D(2024, 3, 2), "dpd_30", null, "30"), // the delinquency event of DPD 30 (docs/features.md)
            (D(2024, 3, 3), "bucket", "M1", "M2"),
            (D(2024, 4, 2), "bucket", "M2", "M3"),
            (D(2024, 5, 2), "bucket", "M3", "M4"),
            (D(2024, 5, 2), "class", "special_mention", "substandard"),
            (D(2024, 5, 2), "stage", "2", "3"),
        ]);
        output.Changes.Single(c => c.BusinessDate == D(2024, 5, 2) && c.Kind == "class").Rule.ShouldBe("dpd_over_90");
        output.Changes.ShouldAllBe(c => c.LoanId == 1 && c.Actor == "eod");
    }

    [Fact]
    public void Known_loan_gets_rows_only_for_changes_against_its_baseline()
    {
        var baseline = new Dictionary<long, StateBaseline> { [1] = new(LoanStatus.Active, Bucket.C, RiskClass.Normal, Ifrs9Stage.Stage1) };

        var output = Service([Defaulted(corporate: false)], D(2024, 2, 1), D(2024, 2, 2), baseline);

        output.Changes.Select(c => (c.BusinessDate, c.Kind)).ShouldBe([(D(2024, 2, 2), "bucket"), (D(2024, 2, 2), "class"), (D(2024, 2, 2), "stage")]);
        output.States.Single().AsOf.ShouldBe(D(2024, 2, 2));
    }

    [Fact]
    public void Closing_a_loan_writes_a_status_row()
    {
        var baseline = new Dictionary<long, StateBaseline> { [1] = new(LoanStatus.Active, Bucket.C, RiskClass.Normal, Ifrs9Stage.Stage1) };
        var loan = Loan([Pay(FirstDue, 1_120.00m), Pay(D(2024, 3, 1), 1_110.00m), Pay(D(2024, 3, 15), 10_100.00m)]);

        var output = Service([loan], D(2024, 3, 1), D(2024, 3, 31), baseline);

        var status = output.Changes.Single(c => c.Kind == "status");
        status.BusinessDate.ShouldBe(D(2024, 3, 15));
        (status.OldValue, status.NewValue).ShouldBe(("active", "closed"));
        var state = output.States.Single();
        state.Status.ShouldBe(LoanStatus.Closed);
        state.Provision.ShouldBe(0m);
    }

    [Fact]
    public void Month_ends_are_snapshotted()
    {
        var output = Service([Defaulted(corporate: false)], D(2024, 1, 1), D(2024, 4, 15));

        output.Snapshots.Select(s => s.SnapshotDate).ShouldBe([D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)]);
        output.Snapshots.Single(s => s.SnapshotDate == D(2024, 3, 31)).State.Bucket.ShouldBe(Bucket.M2); // DPD 59
        output.States.Single().AsOf.ShouldBe(D(2024, 4, 15));
    }
}
