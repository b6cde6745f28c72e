using PostLoan.Domain.Common;
using PostLoan.Domain.Inspections;
using Shouldly;

namespace PostLoan.Domain.Tests.Inspections;

public class InspectionTaskTests
{
    private static readonly DateOnly Today = new(2025, 6, 12);
    private static readonly DateOnly Due = new(2025, 6, 30);

    private static InspectionTask Task(TaskOrigin origin = TaskOrigin.Policy, long? alertId = null) =>
        InspectionTask.Open(" periodic_inspection ", 3, 7, Due, " am:0042 ", origin, " periodic inspection ", Today, "eod", alertId: alertId,
            anchorOn: new DateOnly(2025, 3, 30), cycleMonths: 3);

    [Fact]
    public void An_opened_task_is_open_with_what_created_it()
    {
        var task = Task();

        task.Status.ShouldBe(InspectionTaskStatus.Open);
        task.IsOpen.ShouldBeTrue();
        task.Kind.ShouldBe(TaskKinds.PeriodicInspection);
        task.Assignee.ShouldBe("am:0042");
        task.Reason.ShouldBe("periodic inspection");
        task.CreatedOn.ShouldBe(Today);
        task.TriggeredOn.ShouldBe(Today);
        task.FirstActionOn.ShouldBeNull();
    }

    [Fact]
    public void A_task_goes_open_then_in_progress_then_done()
    {
        var task = Task();

        task.Start(Today.AddDays(1));
        task.Status.ShouldBe(InspectionTaskStatus.InProgress);
        task.IsOpen.ShouldBeTrue();
        task.StartedOn.ShouldBe(Today.AddDays(1));

        task.Complete(Today.AddDays(3), "user:wang", reportId: 41);
        task.Status.ShouldBe(InspectionTaskStatus.Done);
        task.IsOpen.ShouldBeFalse();
        task.CompletedOn.ShouldBe(Today.AddDays(3));
        task.CompletedBy.ShouldBe("user:wang");
        task.ReportId.ShouldBe(41);
        task.FirstActionOn.ShouldBe(Today.AddDays(1));
        task.Revision.ShouldBe(2);
    }

    [Fact]
    public void A_task_can_be_done_without_being_started()
    {
        var task = Task();

        task.Complete(Today, "user:wang");

        task.Status.ShouldBe(InspectionTaskStatus.Done);
        task.FirstActionOn.ShouldBe(Today);
    }

    [Fact]
    public void A_task_in_progress_cannot_be_started_again()
    {
        var task = Task();
        task.Start(Today);

        Should.Throw<DomainException>(() => task.Start(Today)).Message.ShouldContain("in progress");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Cancelling_needs_a_reason(string reason)
    {
        var task = Task();

        Should.Throw<DomainException>(() => task.Cancel(Today, reason)).Message.ShouldContain("reason");
        task.Status.ShouldBe(InspectionTaskStatus.Open);
    }

    [Fact]
    public void A_cancelled_task_keeps_its_reason_and_cannot_be_done_started_or_cancelled_again()
    {
        var task = Task();
        task.Start(Today);

        task.Cancel(Today.AddDays(1), " borrower moved the visit to next quarter ");

        task.Status.ShouldBe(InspectionTaskStatus.Cancelled);
        task.CancelledOn.ShouldBe(Today.AddDays(1));
        task.CancelReason.ShouldBe("borrower moved the visit to next quarter");
        Should.Throw<DomainException>(() => task.Complete(Today.AddDays(2), "user:wang")).Message.ShouldContain("cancelled");
        Should.Throw<DomainException>(() => task.Start(Today.AddDays(2)));
        Should.Throw<DomainException>(() => task.Cancel(Today.AddDays(2), "again"));
        Should.Throw<DomainException>(() => task.Reassign("am:0007"));
    }

    [Fact]
    public void A_done_task_cannot_be_done_again()
    {
        var task = Task();
        task.Complete(Today, "user:wang");

        Should.Throw<DomainException>(() => task.Complete(Today, "user:wang")).Message.ShouldContain("done");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-18, true)]
    [InlineData(1, false)]
    public void Done_on_time_means_done_on_or_before_the_due_date(int daysAfterDue, bool onTime)
    {
        var task = Task();

        task.Complete(Due.AddDays(daysAfterDue), "user:wang");

        task.DoneOnTime.ShouldBe(onTime);
    }

    [Fact]
    public void Open_and_cancelled_tasks_are_not_done_on_time()
    {
        var open = Task();
        open.DoneOnTime.ShouldBeFalse();

        var cancelled = Task();
        cancelled.Cancel(Today, "loan repaid");
        cancelled.DoneOnTime.ShouldBeFalse();
    }

    [Fact]
    public void A_task_is_overdue_from_the_day_after_its_due_date_while_open()
    {
        var task = Task();

        task.IsOverdue(Due).ShouldBeFalse();
        task.IsOverdue(Due.AddDays(1)).ShouldBeTrue();
        task.Complete(Due.AddDays(2), "user:wang");
        task.IsOverdue(Due.AddDays(3)).ShouldBeFalse();
    }

    [Fact]
    public void Only_an_overdue_task_is_escalated()
    {
        var task = Task();

        Should.Throw<DomainException>(() => task.Escalate(Due, "am:boss")).Message.ShouldContain("overdue");
        task.EscalatedOn.ShouldBeNull();
    }

    [Fact]
    public void A_done_task_is_not_escalated()
    {
        var task = Task();
        task.Complete(Due.AddDays(5), "user:wang");

        Should.Throw<DomainException>(() => task.Escalate(Due.AddDays(6), "am:boss"));
    }

    [Fact]
    public void An_overdue_task_is_escalated_once()
    {
        var task = Task();
        task.Start(Today);

        task.Escalate(Due.AddDays(1), "am:boss");
        var revision = task.Revision;
        task.Escalate(Due.AddDays(8), "am:bigger-boss");

        task.EscalatedOn.ShouldBe(Due.AddDays(1));
        task.EscalatedTo.ShouldBe("am:boss");
        task.Revision.ShouldBe(revision);
    }

    [Fact]
    public void Reassigning_clears_the_escalation_so_the_new_owner_can_be_escalated_afresh()
    {
        var task = Task();
        task.Escalate(Due.AddDays(1), "am:boss");

        task.Reassign(" am:0007 ");

        task.Assignee.ShouldBe("am:0007");
        task.EscalatedOn.ShouldBeNull();
        task.EscalatedTo.ShouldBeNull();
        task.Escalate(Due.AddDays(10), "am:other-boss");
        task.EscalatedOn.ShouldBe(Due.AddDays(10));
        task.EscalatedTo.ShouldBe("am:other-boss");
    }

    [Fact]
    public void Reassigning_needs_someone()
    {
        Should.Throw<DomainException>(() => Task().Reassign(" "));
    }

    [Fact]
    public void Open_refuses_a_due_date_before_the_business_date_but_takes_the_same_day()
    {
        Should.Throw<DomainException>(() =>
                InspectionTask.Open(TaskKinds.FollowUpVisit, 3, 7, Today.AddDays(-1), null, TaskOrigin.Person, "call back", Today, "user:wang"))
            .Message.ShouldContain("before the day it is opened");

        InspectionTask.Open(TaskKinds.FollowUpVisit, 3, 7, Today, null, TaskOrigin.Person, "call back", Today, "user:wang").DueOn.ShouldBe(Today);
    }

    [Fact]
    public void A_task_opened_by_an_alert_names_the_alert()
    {
        Should.Throw<DomainException>(() => Task(TaskOrigin.Alert)).Message.ShouldContain("alert");

        var task = InspectionTask.Open(TaskKinds.AdhocInspection, 3, 7, Due, null, TaskOrigin.Alert, "red alert", Today, "eod", alertId: 99,
            triggeredOn: Today.AddDays(-1));
        task.AlertId.ShouldBe(99);
        task.TriggeredOn.ShouldBe(Today.AddDays(-1));
    }

    [Fact]
    public void A_task_opened_by_a_report_names_the_report_and_keeps_it_when_done()
    {
        Should.Throw<DomainException>(() =>
            InspectionTask.Open(TaskKinds.FollowUpVisit, 3, 7, Due, null, TaskOrigin.Report, "follow up", Today, "user:wang"));

        var task = InspectionTask.Open(TaskKinds.FollowUpVisit, 3, 7, Due, null, TaskOrigin.Report, "follow up", Today, "user:wang", reportId: 5);
        task.Complete(Due, "user:wang", reportId: 6);
        task.ReportId.ShouldBe(5);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a_kind_name_that_is_much_too_long_to_be_stored_as_one")]
    public void Open_refuses_a_missing_or_overlong_kind(string kind)
    {
        Should.Throw<DomainException>(() => InspectionTask.Open(kind, 3, 7, Due, null, TaskOrigin.Person, "x", Today, "user:wang"));
    }

    [Fact]
    public void A_blank_assignee_is_nobody()
    {
        InspectionTask.Open(TaskKinds.FollowUpVisit, 3, 7, Due, "  ", TaskOrigin.Person, "x", Today, "user:wang").Assignee.ShouldBeNull();
    }

    [Fact]
    public void Only_an_open_policy_task_with_a_cycle_moves_with_the_class()
    {
        var task = Task();
        task.MoveDue(1, new DateOnly(2025, 6, 19));
        task.CycleMonths.ShouldBe(1);
        task.DueOn.ShouldBe(new DateOnly(2025, 6, 19));

        task.Start(Today);
        Should.Throw<DomainException>(() => task.MoveDue(3, Due));

        var noCycle = InspectionTask.Open(TaskKinds.FollowUpVisit, 3, 7, Due, null, TaskOrigin.Person, "x", Today, "user:wang");
        Should.Throw<DomainException>(() => noCycle.MoveDue(1, Due));
    }
}
