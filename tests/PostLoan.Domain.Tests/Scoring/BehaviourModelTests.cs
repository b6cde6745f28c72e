using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Scoring;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.Scoring;

public sealed class BehaviourModelTests
{
    private static readonly DateTimeOffset At = new(2025, 7, 1, 9, 0, 0, TimeSpan.Zero);

    private static BehaviourModel Draft(int version = 1, string by = "user:ana") =>
        BehaviourModel.Draft(version, new DateOnly(2024, 6, 30), 1000, 50, new Discrimination(0.8, 0.45, 0.6), new Discrimination(0.82, 0.47, 0.64), 5, 42, "{}", by, At);

    [Fact]
    public void Promotion_needs_a_second_person_and_retires_the_active_version()
    {
        var first = Draft();
        first.RequestPromotion("user:ana");
        Should.Throw<DomainException>(() => first.ApprovePromotion("user:ana", At, null)).Message.ShouldContain("second person");
        first.ApprovePromotion("user:bo", At, null);
        first.Status.ShouldBe(ModelStatus.Active);
        (first.ApprovedBy, first.ActivatedAt).ShouldBe(("user:bo", At));

        var second = Draft(2, by: "user:cy");
        second.RequestPromotion("user:dee");
        Should.Throw<DomainException>(() => second.ApprovePromotion("USER:CY", At, first)); // the trainer, in any case
        Should.Throw<DomainException>(() => second.ApprovePromotion("user:dee", At, first)); // the requester
        second.ApprovePromotion("user:ana", At.AddDays(1), first);
        second.Status.ShouldBe(ModelStatus.Active);
        first.Status.ShouldBe(ModelStatus.Retired);
        first.RetiredAt.ShouldBe(At.AddDays(1));
    }

    [Fact]
    public void Only_the_right_step_is_allowed_from_each_status()
    {
        var m = Draft();
        Should.Throw<DomainException>(() => m.ApprovePromotion("user:bo", At, null)).Message.ShouldContain("only a version waiting for promotion");
        Should.Throw<DomainException>(() => m.RejectPromotion());
        m.RequestPromotion("user:ana");
        Should.Throw<DomainException>(() => m.RequestPromotion("user:ana")).Message.ShouldContain("only a draft");
        m.RejectPromotion();
        (m.Status, m.RequestedBy).ShouldBe((ModelStatus.Draft, (string?)null));
        m.Retire(At);
        Should.Throw<DomainException>(() => m.Retire(At)).Message.ShouldContain("already retired");
        Should.Throw<DomainException>(() => BehaviourModel.Draft(1, new DateOnly(2024, 6, 30), 10, 0, new(0.5, 0, 0), new(0.5, 0, 0), 5, 1, "{}", "u", At));
    }

    [Fact]
    public void Ecl_is_pd_over_the_stages_horizon_times_lgd_times_exposure()
    {
        ExpectedLoss.HorizonPd(1, 0.02, 48).ShouldBe(0.02);
        // Stage 2: lifetime over 48 months, 1 − 0.98⁴; at least a year even near maturity.
        ExpectedLoss.HorizonPd(2, 0.02, 48).ShouldBe(1 - Math.Pow(0.98, 4), 1e-12);
        ExpectedLoss.HorizonPd(2, 0.02, 3).ShouldBe(0.02, 1e-12);
        ExpectedLoss.HorizonPd(3, 0.02, 48).ShouldBe(1);
        // 0.02 × 0.45 × 100,000.00 = 900.00
        ExpectedLoss.Of(1, 0.02, 48, 0.45m, 100_000m).ShouldBe(900.00m);
        ExpectedLoss.Of(3, 0.02, 48, 0.45m, 100_000m).ShouldBe(45_000.00m);
        ExpectedLoss.Of(1, 0.0123456, 12, 0.45m, 1_000m).ShouldBe(5.56m); // 5.555… rounded to the cent
    }

    [Fact]
    public void A_pd_counts_as_doubled_at_the_multiple_and_above_the_floor()
    {
        var spec = ClassificationPolicy.Default;
        spec.PdDoubled(0.02, 0.01).ShouldBeTrue();
        spec.PdDoubled(0.0199, 0.01).ShouldBeFalse();
        spec.PdDoubled(0.002, 0.001).ShouldBeTrue(); // SPEC §5's default: doubling alone
        var floored = spec with { Stage2PdMinIncrease = 0.005 };
        floored.PdDoubled(0.002, 0.001).ShouldBeFalse();
        floored.PdDoubled(0.02, 0.01).ShouldBeTrue();
    }

    [Fact]
    public void A_doubled_pd_puts_a_performing_loan_in_stage_2_from_the_day_it_doubled()
    {
        var loan = new LoanFacts
        {
            LoanId = 1, BorrowerId = 1, CorporateBorrower = false, Terms = Terms12k, PenaltyUplift = 0.5m, PdDoubledSince = D(2024, 3, 10),
            Transactions = [Pay(D(2024, 2, 1), 1_120.00m), Pay(D(2024, 3, 1), 1_110.00m)],
        };
        var servicing = new BorrowerServicing(Replay());
        var output = new ServicingOutput();
        servicing.Service([loan], new Dictionary<long, StateBaseline>(), D(2024, 1, 1), D(2024, 3, 20), output);

        var state = output.States.Single();
        state.Stage.ShouldBe(PostLoan.Domain.Classification.Ifrs9Stage.Stage2);
        state.StageReason.ShouldBe("PD at least doubled since origination");
        output.Changes.Single(c => c.Kind == "stage").BusinessDate.ShouldBe(D(2024, 3, 10));
        On(loan, D(2024, 3, 9)).PdDoubled.ShouldBeFalse();
        On(loan, D(2024, 3, 10)).PdDoubled.ShouldBeTrue();
    }
}
