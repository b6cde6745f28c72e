using PostLoan.Application.Common;
using PostLoan.Application.EarlyWarning;
using PostLoan.Domain.EarlyWarning;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.EarlyWarning;

/// <summary>Rules as versioned data with maker-checker activation, on a real database with the audit trail.</summary>
public sealed class RuleBookTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private RuleBook Rules => new(_db.Settings, TimeProvider.System);

    private static RuleDraft Leverage(string condition = "debt_to_asset  >  0.70 OR change_yoy(debt_to_asset) > 0.10") =>
        new("FS01", "High or rising leverage", "orange", ["corporate", "project"], condition, "follow_up_visit", "risk_officer", null, "why");

    [Fact]
    public void A_valid_rule_is_saved_as_a_draft_in_canonical_form()
    {
        var saved = Rules.Save(Leverage(), "user:li");

        saved.Succeeded.ShouldBeTrue(saved.Failure?.Message);
        saved.Value!.Version.ShouldBe(1);
        saved.Value.Status.ShouldBe(RuleVersionStatus.Draft);
        saved.Value.Condition.ShouldBe("debt_to_asset > 0.7 or change_yoy(debt_to_asset) > 0.1");
        saved.Value.Segments.ShouldBe(["corporate", "project"]);
        _db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'rule.save' AND entity_id = 'FS01 v1'").ShouldBe(1);
    }

    [Fact]
    public void A_malformed_rule_is_refused_with_the_column_and_cause_and_nothing_is_saved()
    {
        var unfinished = Rules.Save(Leverage("debt_to_asset > 0.7 and"), "user:li");
        unfinished.Failure!.Field.ShouldBe("condition");
        unfinished.Failure.Message.ShouldBe("column 24: a value expected, found the end of the rule");

        var misspelt = Rules.Save(Leverage("debt_to_asets > 0.7"), "user:li");
        misspelt.Failure!.Message.ShouldStartWith("column 1: unknown feature 'debt_to_asets'");
        misspelt.Failure.Message.ShouldContain("did you mean 'debt_to_asset'");
        Rules.Save(Leverage() with { Severity = "purple" }, "user:li").Failure!.Field.ShouldBe("severity");
        Rules.Save(Leverage() with { Segments = ["mortgage"] }, "user:li").Failure!.Field.ShouldBe("segments");
        _db.Count("SELECT COUNT(*) FROM rule_versions").ShouldBe(0);
    }

    [Fact]
    public void A_change_is_a_new_version_and_activation_needs_a_second_person()
    {
        Rules.Save(Leverage(), "user:li");
        Rules.RequestActivation("FS01", 1, "user:li").Value!.Status.ShouldBe(RuleVersionStatus.PendingActivation);
        Rules.Approve("FS01", 1, "user:li").Failure!.Message.ShouldContain("second person");
        Rules.Approve("FS01", 1, "user:wang").Value!.Status.ShouldBe(RuleVersionStatus.Active);

        var v2 = Rules.Save(Leverage("debt_to_asset > 0.75"), "user:li").Value!;
        v2.Version.ShouldBe(2);
        Rules.RequestActivation("FS01", 2, "user:li");
        Rules.Approve("FS01", 2, "user:wang").Value!.Status.ShouldBe(RuleVersionStatus.Active);

        var versions = Rules.List();
        versions.Select(v => (v.Version, v.Status)).ShouldBe([(2, RuleVersionStatus.Active), (1, RuleVersionStatus.Retired)]);
        Rules.List(activeOnly: true).Single().Condition.ShouldBe("debt_to_asset > 0.75");
        _db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'rule.retire' AND entity_id = 'FS01 v1' AND actor = 'user:wang'").ShouldBe(1);
    }

    [Fact]
    public void Steps_out_of_order_are_conflicts()
    {
        Rules.Save(Leverage(), "user:li");

        Rules.Approve("FS01", 1, "user:wang").Failure!.Kind.ShouldBe(FailureKind.Conflict);
        Rules.Reject("FS01", 1, "user:wang").Failure!.Kind.ShouldBe(FailureKind.Conflict);
        Rules.RequestActivation("FS01", 9, "user:li").Failure!.Kind.ShouldBe(FailureKind.NotFound);
        Rules.Retire("FS01", 1, "user:li").Value!.Status.ShouldBe(RuleVersionStatus.Retired);
        Rules.Retire("FS01", 1, "user:li").Failure!.Kind.ShouldBe(FailureKind.Conflict);
    }

    [Fact]
    public void The_default_library_is_added_once_as_drafts()
    {
        var added = Rules.AddDefaults("user:li");

        added.ShouldBe(DefaultRuleLibrary.All.Count);
        Rules.AddDefaults("user:li").ShouldBe(0);
        Rules.List().ShouldAllBe(v => v.Status == RuleVersionStatus.Draft && v.Version == 1);
        Rules.List().Single(v => v.Code == "BU02").ProposeClass.ShouldBe("substandard");
    }
}
