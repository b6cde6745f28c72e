using PostLoan.Domain.Common;
using PostLoan.Domain.EarlyWarning;
using Shouldly;

namespace PostLoan.Domain.Tests.EarlyWarning;

public class AlertTests
{
    private static readonly DateOnly Friday = new(2025, 6, 13);

    private static Alert Raise(Severity severity = Severity.Orange, DateOnly? on = null) =>
        Alert.Raise("FS01", 2, loanId: 42, severity, on ?? Friday, """{"debt_to_asset":0.74}""");

    [Theory]
    [InlineData(Severity.Red, "2025-06-16")]    // Friday + 1 business day = Monday
    [InlineData(Severity.Orange, "2025-06-18")] // + 3 = Wednesday
    [InlineData(Severity.Yellow, "2025-06-27")] // + 10 = the Friday two weeks on
    public void First_action_is_due_in_business_days_by_severity(Severity severity, string due)
    {
        Raise(severity).FirstActionDue.ShouldBe(DateOnly.Parse(due));
    }

    [Fact]
    public void A_raised_alert_is_open_with_its_rule_version_and_facts()
    {
        var alert = Raise();

        alert.Status.ShouldBe(AlertStatus.Open);
        alert.IsOpen.ShouldBeTrue();
        alert.RuleVersion.ShouldBe(2);
        alert.Facts.ShouldContain("0.74");
    }

    [Fact]
    public void Sla_is_breached_when_the_first_action_is_late_or_still_missing_after_the_due_date()
    {
        var red = Raise(Severity.Red); // due Monday 2025-06-16
        red.SlaBreached(new DateOnly(2025, 6, 16)).ShouldBeFalse();
        red.SlaBreached(new DateOnly(2025, 6, 17)).ShouldBeTrue();

        red.Acknowledge("user:li", new DateOnly(2025, 6, 16));
        red.SlaBreached(new DateOnly(2025, 7, 1)).ShouldBeFalse();

        var late = Raise(Severity.Red);
        late.Acknowledge("user:li", new DateOnly(2025, 6, 18));
        late.SlaBreached(new DateOnly(2025, 6, 18)).ShouldBeTrue();
    }

    [Fact]
    public void Acknowledged_then_resolved_closes_it()
    {
        var alert = Raise();
        alert.Acknowledge("user:li", Friday);
        alert.Resolve("user:li", Friday.AddDays(3), "borrower sent the missing statement");

        alert.Status.ShouldBe(AlertStatus.Resolved);
        alert.IsOpen.ShouldBeFalse();
        alert.ClosedBy.ShouldBe("user:li");
        alert.Note.ShouldBe("borrower sent the missing statement");
    }

    [Fact]
    public void Dismissal_needs_a_reason()
    {
        var alert = Raise();
        alert.Acknowledge("user:li", Friday);

        Should.Throw<DomainException>(() => alert.Dismiss("user:li", Friday, "  ")).Message.ShouldContain("reason");
        alert.Dismiss("user:li", Friday, "statement was restated; ratio is 0.65");
        alert.Status.ShouldBe(AlertStatus.Dismissed);
    }

    [Fact]
    public void An_escalated_alert_stays_open_until_resolved_or_dismissed()
    {
        var alert = Raise();
        alert.Acknowledge("user:li", Friday);
        alert.Escalate("role:risk_officer", "collateral at risk");

        alert.Status.ShouldBe(AlertStatus.Escalated);
        alert.IsOpen.ShouldBeTrue();
        alert.EscalatedTo.ShouldBe("role:risk_officer");
        alert.Allows(AlertAction.Escalate).ShouldBeFalse();
        alert.Resolve("user:wang", Friday.AddDays(5));
        alert.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void The_lifecycle_refuses_steps_out_of_order()
    {
        var alert = Raise();
        alert.Allows(AlertAction.Resolve).ShouldBeFalse();
        Should.Throw<DomainException>(() => alert.Resolve("user:li", Friday)).Message.ShouldBe("an alert that is open cannot be resolved");
        Should.Throw<DomainException>(() => alert.Escalate("role:risk_officer"));

        alert.Acknowledge("user:li", Friday);
        Should.Throw<DomainException>(() => alert.Acknowledge("user:li", Friday));
        alert.Resolve("user:li", Friday);
        Should.Throw<DomainException>(() => alert.Dismiss("user:li", Friday, "late"));
    }
}
