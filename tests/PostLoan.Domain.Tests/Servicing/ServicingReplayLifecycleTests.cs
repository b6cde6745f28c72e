using PostLoan.Domain.Classification;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.Servicing;

public class ServicingReplayLifecycleTests
{
    private static readonly TransactionFact WriteOff = new(D(2024, 5, 2), TransactionKind.WriteOff, 0m);

    [Fact]
    public void Write_off_makes_the_loan_loss_and_counts_later_money_as_recovery()
    {
        var loan = Loan([WriteOff, Pay(D(2024, 6, 10), 500.00m), new TransactionFact(D(2024, 6, 20), TransactionKind.Recovery, 250.00m)]);

        var p = On(loan, D(2024, 6, 30));

        p.Status.ShouldBe(LoanStatus.WrittenOff);
        p.StatusSince.ShouldBe(D(2024, 5, 2));
        p.OwnClass.Class.ShouldBe(RiskClass.Loss);
        p.OwnClass.Rule.ShouldBe("written_off");
        p.RecoveredAfterWriteOff.ShouldBe(750.00m);
        p.OutstandingPrincipal.ShouldBe(12_000.00m); // recoveries are tracked apart and do not reduce the written-off balance
    }

    [Fact]
    public void Write_off_freezes_dpd_and_penalty_at_the_write_off_date()
    {
        var loan = Loan([WriteOff]);

        var atWriteOff = On(loan, D(2024, 5, 2));
        var later = On(loan, D(2024, 8, 31));

        // 1 Feb → 2 May 2024 is 91 days.
        atWriteOff.Dpd.ShouldBe(91);
        later.Dpd.ShouldBe(91);
        later.PenaltyInterest.ShouldBe(atWriteOff.PenaltyInterest);
        later.CompoundInterest.ShouldBe(atWriteOff.CompoundInterest);
        later.NextReview.ShouldBeNull();
    }

    [Fact]
    public void Restructured_npl_loan_stays_substandard_through_observation_then_returns_to_normal()
    {
        // 24,000.00 at 12 % over 24 months, equal principal: installment k pays 1,000.00 + (25 − k) × 10.00
        // (1,240.00, 1,230.00, …). Restructured on 1 Jan 2024; the first due date after it is 1 Feb 2024, so
        // the observation ends at the later of 1 Feb 2025 (12 months) and 1 Mar 2024 (2 periods): 1 Feb 2025.
        var loan = Loan(OnTime(months: 14), terms: Terms24k, restructuredOn: Disbursed, classBeforeRestructure: RiskClass.Substandard);

        var during = On(loan, D(2025, 1, 31));
        during.OwnClass.Class.ShouldBe(RiskClass.Substandard);
        during.OwnClass.Rule.ShouldBe("restructured_npl");
        during.InRestructureObservation.ShouldBeTrue();
        during.ObservationEnds.ShouldBe(D(2025, 2, 1));
        during.Dpd.ShouldBe(0);

        var after = On(loan, D(2025, 2, 1));
        after.OwnClass.ShouldBe(ClassResult.Performing);
        after.InRestructureObservation.ShouldBeFalse();
    }

    [Fact]
    public void A_missed_payment_restarts_the_observation_period()
    {
        // Installment 5 (due 1 Jun 2024, 1,200.00) is paid 4 days late with 3 days of penalty:
        // 3 × (round(1,000 × 0.0005) + round(200 × 0.0005)) = 3 × 0.60 = 1.80. The period restarts from 1 Jun 2024
        // and now ends on 1 Jun 2025 (12 months; later than the two periods after it).
        var payments = OnTime(months: 18).Where(t => t.Date != D(2024, 6, 1)).Append(Pay(D(2024, 6, 5), 1_201.80m)).OrderBy(t => t.Date).ToList();
        var loan = Loan(payments, terms: Terms24k, restructuredOn: Disbursed, classBeforeRestructure: RiskClass.Substandard);

        On(loan, D(2024, 6, 5)).Dpd.ShouldBe(0);
        var later = On(loan, D(2025, 3, 1));
        later.OwnClass.Rule.ShouldBe("restructured_npl");
        later.OwnClass.Class.ShouldBe(RiskClass.Substandard);
        later.ObservationEnds.ShouldBe(D(2025, 6, 1));
        On(loan, D(2025, 5, 31)).InRestructureObservation.ShouldBeTrue();
        On(loan, D(2025, 6, 1)).OwnClass.ShouldBe(ClassResult.Performing);
    }

    [Fact]
    public void Observation_counts_two_full_periods_after_the_first_due_date()
    {
        // With 1 month and 2 periods, the period that starts on 1 Feb 2024 ends when both 1 Mar (a month)
        // and 1 Apr (two repayment periods after 1 Feb) have passed: 1 Apr 2024.
        var replay = new ServicingReplay(ProductRules.Default, ClassificationPolicy.Default with { ObservationMonths = 1 });
        var loan = Loan(OnTime(months: 5), terms: Terms24k, restructuredOn: Disbursed, classBeforeRestructure: RiskClass.Substandard);

        Position At(DateOnly d)
        {
            var points = new List<Position>();
            replay.Run(loan, d, d, points);
            return points[^1];
        }

        At(D(2024, 3, 15)).ObservationEnds.ShouldBe(D(2024, 4, 1));
        At(D(2024, 3, 31)).OwnClass.Rule.ShouldBe("restructured_npl");
        At(D(2024, 4, 1)).OwnClass.ShouldBe(ClassResult.Performing);
    }

    [Fact]
    public void Restarted_observation_also_counts_two_full_periods_after_the_missed_date()
    {
        // Installment 2 (due 1 Mar, 1,000.00 + 230.00) is paid on 5 Mar with 3 days of penalty:
        // 3 × (0.50 + round(230 × 0.0005 = 0.115) = 0.12) = 1.86. The period restarts from 1 Mar and ends
        // when 1 Apr (a month) and 1 May (two periods) have passed: 1 May 2024.
        var replay = new ServicingReplay(ProductRules.Default, ClassificationPolicy.Default with { ObservationMonths = 1 });
        var payments = OnTime(months: 5).Where(t => t.Date != D(2024, 3, 1)).Append(Pay(D(2024, 3, 5), 1_231.86m)).OrderBy(t => t.Date).ToList();
        var loan = Loan(payments, terms: Terms24k, restructuredOn: Disbursed, classBeforeRestructure: RiskClass.Substandard);

        Position At(DateOnly d)
        {
            var points = new List<Position>();
            replay.Run(loan, d, d, points);
            return points[^1];
        }

        At(D(2024, 3, 5)).Dpd.ShouldBe(0);
        At(D(2024, 4, 1)).ObservationEnds.ShouldBe(D(2024, 5, 1));
        At(D(2024, 4, 30)).InRestructureObservation.ShouldBeTrue();
        At(D(2024, 5, 1)).OwnClass.ShouldBe(ClassResult.Performing);
    }

    [Fact]
    public void Restructured_performing_loan_is_special_mention_during_observation()
    {
        var loan = Loan(OnTime(months: 3), terms: Terms24k, restructuredOn: Disbursed, classBeforeRestructure: RiskClass.Normal);

        var p = On(loan, D(2024, 3, 15));

        p.OwnClass.Class.ShouldBe(RiskClass.SpecialMention);
        p.OwnClass.Rule.ShouldBe("restructured");
    }

    [Fact]
    public void Bureau_rule_applies_from_the_report_date_only()
    {
        var loan = Loan([Pay(FirstDue, 1_120.00m), Pay(D(2024, 3, 1), 1_110.00m)], bureauShare: 0.25m, bureauAsOf: D(2024, 3, 15));

        On(loan, D(2024, 3, 14)).OwnClass.ShouldBe(ClassResult.Performing);
        var p = On(loan, D(2024, 3, 15));
        p.OwnClass.Class.ShouldBe(RiskClass.Substandard);
        p.OwnClass.Rule.ShouldBe("bureau_overdue_share");
    }

    private static ScheduleTerms Terms24k => Terms12k with { Principal = 24_000m, Months = 24 };

    /// <summary>Each installment of <see cref="Terms24k"/> paid in full on its due date.</summary>
    private static List<TransactionFact> OnTime(int months) =>
        Enumerable.Range(1, months).Select(k => Pay(FirstDue.AddMonths(k - 1), 1_000m + (25 - k) * 10m)).ToList();
}
