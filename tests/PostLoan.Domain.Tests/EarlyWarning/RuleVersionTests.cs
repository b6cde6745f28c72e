using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.Loans;
using Shouldly;

namespace PostLoan.Domain.Tests.EarlyWarning;

public class RuleVersionTests
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 12, 12, 0, 0, TimeSpan.Zero);

    private static RuleDefinition Leverage(string threshold = "0.70") =>
        new("FS01", "High leverage", Severity.Orange, [Segment.Corporate], $"debt_to_asset > {threshold}", new RuleActions(), "why");

    [Fact]
    public void Activation_needs_a_second_person()
    {
        var v1 = RuleVersion.Draft(Leverage(), 1, "user:li", Noon);
        v1.RequestActivation("user:li");

        Should.Throw<DomainException>(() => v1.ApproveActivation("USER:LI", Noon, null)).Message.ShouldContain("second person");
        v1.Status.ShouldBe(RuleVersionStatus.PendingActivation);

        v1.ApproveActivation("user:wang", Noon.AddHours(1), null);
        v1.Status.ShouldBe(RuleVersionStatus.Active);
        v1.ApprovedBy.ShouldBe("user:wang");
        v1.ActivatedAt.ShouldBe(Noon.AddHours(1));
    }

    [Fact]
    public void The_author_cannot_approve_a_version_someone_else_put_up()
    {
        var v1 = RuleVersion.Draft(Leverage(), 1, "user:li", Noon);
        v1.RequestActivation("user:zhao");

        Should.Throw<DomainException>(() => v1.ApproveActivation("user:li", Noon, null));
    }

    [Fact]
    public void Approving_a_new_version_retires_the_active_one()
    {
        var v1 = RuleVersion.Draft(Leverage(), 1, "user:li", Noon);
        v1.RequestActivation("user:li");
        v1.ApproveActivation("user:wang", Noon, null);

        var v2 = RuleVersion.Draft(Leverage("0.75"), 2, "user:li", Noon.AddDays(30));
        v2.RequestActivation("user:li");
        v2.ApproveActivation("user:wang", Noon.AddDays(31), v1);

        v1.Status.ShouldBe(RuleVersionStatus.Retired);
        v1.RetiredAt.ShouldBe(Noon.AddDays(31));
        v2.Status.ShouldBe(RuleVersionStatus.Active);
        v2.Definition.Condition.ShouldBe("debt_to_asset > 0.75");
    }

    [Fact]
    public void Only_a_draft_goes_up_and_only_a_pending_version_is_approved_or_rejected()
    {
        var v1 = RuleVersion.Draft(Leverage(), 1, "user:li", Noon);
        Should.Throw<DomainException>(() => v1.ApproveActivation("user:wang", Noon, null)).Message.ShouldContain("draft");

        v1.RequestActivation("user:li");
        Should.Throw<DomainException>(() => v1.RequestActivation("user:li"));
        v1.RejectActivation();
        v1.Status.ShouldBe(RuleVersionStatus.Draft);
        v1.RequestedBy.ShouldBeNull();
    }

    [Fact]
    public void A_retired_version_stays_retired()
    {
        var v1 = RuleVersion.Draft(Leverage(), 1, "user:li", Noon);
        v1.Retire(Noon);

        Should.Throw<DomainException>(() => v1.Retire(Noon));
        Should.Throw<DomainException>(() => v1.RequestActivation("user:li"));
    }

    [Fact]
    public void A_version_gives_back_the_definition_it_was_drafted_from()
    {
        var definition = new RuleDefinition("FU01", "Proceeds to forbidden counterparties", Severity.Red, [Segment.Corporate, Segment.Project],
            "fund_use_forbidden_amount > 0", new RuleActions("adhoc_inspection", "risk_officer", PostLoan.Domain.Classification.RiskClass.SpecialMention), "why");

        var back = RuleVersion.Draft(definition, 1, "user:li", Noon).Definition;

        back.Segments.ShouldBe([Segment.Corporate, Segment.Project]);
        back.Actions.ShouldBe(definition.Actions);
        (back with { Segments = definition.Segments }).ShouldBe(definition);
    }
}
