using PostLoan.Application.Common;
using PostLoan.Application.Import;
using PostLoan.Application.Inspections;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.Inspections;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Inspections;

/// <summary>The visit plan through end-of-day on a real database: the tasks, their due dates, no duplicates, escalation, class changes, closing, alerts.</summary>
public sealed class TaskPlanningTests : IDisposable
{
    private readonly InspectionBook _book = new();

    public void Dispose() => _book.Dispose();

    private IEnumerable<(string Loan, string Kind, DateOnly Due, string? Assignee)> Open()
    {
        var loans = new[] { "C1", "P1", "R1", "R2" }.ToDictionary(_book.LoanId);
        return _book.AllTasks().Where(t => t.IsOpen).Select(t => (loans[t.LoanId!.Value], t.Kind, t.DueOn, t.Assignee)).OrderBy(t => t.Item1).ThenBy(t => t.Kind);
    }

    [Fact]
    public void End_of_day_opens_each_policy_task_once_with_its_due_date_and_the_borrowers_manager()
    {
        var first = _book.Eod(InspectionBook.Disbursed);

        first.Tasks.Opened.ShouldBe(6);
        Open().ShouldBe(
        [
            ("C1", TaskKinds.FirstInspection, new DateOnly(2025, 1, 25), "BR1-AM01"),
            ("C1", TaskKinds.PeriodicInspection, new DateOnly(2025, 4, 10), "BR1-AM01"),
            ("P1", TaskKinds.FirstInspection, new DateOnly(2025, 1, 25), "BR1-AM02"),
            ("P1", TaskKinds.ProjectProgressCheck, new DateOnly(2025, 2, 10), "BR1-AM02"),
            ("P1", TaskKinds.ProjectSiteVisit, new DateOnly(2025, 4, 10), "BR1-AM02"),
            ("R2", TaskKinds.FirstInspection, new DateOnly(2025, 2, 9), "BR1-AM01"),
        ]);

        _book.Eod(InspectionBook.Disbursed.AddDays(1)).Tasks.Opened.ShouldBe(0);
        // Planning the same date again (a resumed run) changes nothing.
        new TaskPlanning(_book.Db.Settings, _book.Settings).Plan(InspectionBook.Disbursed.AddDays(1), Domain.Servicing.EodPartition.Whole).ShouldBe(TaskPhaseResult.None);
        _book.AllTasks().Count.ShouldBe(6);
        _book.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'eod.run' AND after LIKE '%\"tasks_opened\":6%'").ShouldBe(1);
    }

    [Fact]
    public void Overdue_tasks_are_escalated_once_to_the_branch()
    {
        _book.Eod(new DateOnly(2025, 1, 25)).Tasks.Escalated.ShouldBe(0);
        var late = _book.Eod(new DateOnly(2025, 1, 26));

        late.Tasks.Escalated.ShouldBe(2);
        var escalated = _book.AllTasks().Where(t => t.EscalatedOn is not null).ToList();
        escalated.Select(t => t.Kind).ShouldAllBe(k => k == TaskKinds.FirstInspection);
        escalated.ShouldAllBe(t => t.EscalatedOn == new DateOnly(2025, 1, 26) && t.EscalatedTo == "branch:BR1");

        _book.Eod(new DateOnly(2025, 1, 27)).Tasks.Escalated.ShouldBe(0);
        _book.AllTasks().Count(t => t.EscalatedOn is not null).ShouldBe(2);
        // The branch manager sees them as theirs.
        _book.Tasks.Queue(InspectionBook.BranchManager, new TaskQueueRequest(Status: "escalated")).Value!.Total.ShouldBe(2);
    }

    [Fact]
    public void A_corporate_loan_turning_special_mention_brings_its_periodic_inspection_forward_with_notice()
    {
        // C1 pays nothing on its first due date, 2025-02-15 (a Saturday): one day past due on the 16th, special mention.
        _book.Eod(new DateOnly(2025, 2, 15));
        _book.Task("C1", TaskKinds.PeriodicInspection).DueOn.ShouldBe(new DateOnly(2025, 4, 10));

        var moved = _book.Eod(new DateOnly(2025, 2, 16));

        moved.Tasks.Moved.ShouldBe(1);
        var task = _book.Task("C1", TaskKinds.PeriodicInspection);
        // A month from its anchor (2025-02-10) has passed: due five business days after the change instead.
        task.DueOn.ShouldBe(new DateOnly(2025, 2, 21));
        task.CycleMonths.ShouldBe(1);
    }

    [Fact]
    public void A_written_off_loan_has_its_open_tasks_cancelled()
    {
        _book.Eod(new DateOnly(2025, 1, 20));
        Book.ImportCsv(_book.Db, ImportKind.Transactions, """
            external_id,loan_external_id,kind,date,amount,component,reverses,note
            W1,R2,write_off,2025-01-21,800000.00,,,核销

            """);

        var result = _book.Eod(new DateOnly(2025, 1, 21));

        result.Tasks.Cancelled.ShouldBe(1);
        var cancelled = _book.AllTasks().Single(t => t.LoanId == _book.LoanId("R2"));
        cancelled.Status.ShouldBe(InspectionTaskStatus.Cancelled);
        cancelled.CancelReason.ShouldBe("the loan is written off");
    }

    [Fact]
    public void A_red_alert_gets_one_adhoc_inspection_due_within_five_business_days()
    {
        _book.Eod(new DateOnly(2025, 3, 6));
        using (var db = _book.Db.Settings.CreateContext())
        {
            db.RuleVersions.Add(RuleVersion.Draft(DefaultRuleLibrary.All.Single(r => r.Code == "BU02"), 1, "user:risk", DateTimeOffset.UnixEpoch));
            db.Alerts.Add(Alert.Raise("BU02", 1, _book.LoanId("C1"), Severity.Red, new DateOnly(2025, 3, 6), "{}"));
            db.SaveChanges();
        }

        var next = _book.Eod(new DateOnly(2025, 3, 7));

        next.Tasks.FromAlerts.ShouldBe(1);
        var task = _book.AllTasks().Single(t => t.Origin == TaskOrigin.Alert);
        task.Kind.ShouldBe(TaskKinds.AdhocInspection);
        // Raised on Thursday 2025-03-06: five business days later is Thursday 2025-03-13.
        task.DueOn.ShouldBe(new DateOnly(2025, 3, 13));
        task.TriggeredOn.ShouldBe(new DateOnly(2025, 3, 6));
        task.Assignee.ShouldBe("BR1-AM01");
        _book.Eod(new DateOnly(2025, 3, 8)).Tasks.FromAlerts.ShouldBe(0);
    }

    [Fact]
    public void An_account_manager_sees_only_their_own_tasks_and_others_are_not_found()
    {
        _book.Eod(InspectionBook.Disbursed);
        var mine = _book.Tasks.Queue(InspectionBook.Manager("BR1-AM01"), new TaskQueueRequest()).Value!;

        mine.Tasks.Select(t => t.LoanExternalId).Distinct().Order().ShouldBe(["C1", "R2"]);
        // Sorted by urgency: the earliest due first.
        mine.Tasks.Select(t => t.DueOn).ShouldBeInOrder();
        var other = _book.Task("P1", TaskKinds.FirstInspection).Id;
        _book.Tasks.Get(other, InspectionBook.Manager("BR1-AM01")).Failure!.Kind.ShouldBe(FailureKind.NotFound);
        _book.Tasks.Get(other, InspectionBook.BranchManager).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Reassigning_cancelling_and_opening_tasks_by_hand_are_audited()
    {
        _book.Eod(InspectionBook.Disbursed);
        var task = _book.Task("C1", TaskKinds.PeriodicInspection).Id;
        var bm = InspectionBook.BranchManager;

        _book.Tasks.Reassign(task, "BR1-AM02", bm).Value!.Assignee.ShouldBe("BR1-AM02");
        _book.Tasks.Cancel(task, " ", bm).Failure!.Kind.ShouldBe(FailureKind.Invalid);
        _book.Tasks.Complete(task, "done", bm).Failure!.Message.ShouldContain("submitting its visit report");
        _book.Tasks.Cancel(task, "covered by the site visit", bm).Value!.Status.ShouldBe("cancelled");
        _book.Tasks.Cancel(task, "again", bm).Failure!.Kind.ShouldBe(FailureKind.Conflict);
        var opened = _book.Tasks.Open(new TaskDraft("C1", TaskKinds.FollowUpVisit, new DateOnly(2025, 1, 20), "supplier dispute in the news"), bm).Value!;
        opened.Assignee.ShouldBe("BR1-AM01");
        opened.Origin.ShouldBe("person");

        _book.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE entity_type = 'task' AND actor = 'user:bm1'").ShouldBe(3);
        // The cancelled periodic task's series goes on at the next end-of-day.
        _book.Eod(InspectionBook.Disbursed.AddDays(1)).Tasks.Opened.ShouldBe(1);
        _book.Task("C1", TaskKinds.PeriodicInspection).DueOn.ShouldBe(new DateOnly(2025, 7, 10));
    }
}
