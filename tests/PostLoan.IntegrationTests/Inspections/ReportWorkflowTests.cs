using System.Security.Cryptography;
using System.Text;
using PostLoan.Application.Common;
using PostLoan.Application.Inspections;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Inspections;
using Shouldly;

namespace PostLoan.IntegrationTests.Inspections;

/// <summary>Visit reports through the real services: drafting starts the task, submitting closes it and opens the actions' tasks, approval needs a second person, amendments are versions.</summary>
public sealed class ReportWorkflowTests : IDisposable
{
    private static readonly TaskViewer Am1 = InspectionBook.Manager("BR1-AM01");
    private readonly InspectionBook _book = new();

    public ReportWorkflowTests() => _book.Eod(new DateOnly(2025, 1, 20));

    public void Dispose() => _book.Dispose();

    /// <summary>C1's first inspection: corporate, unsecured, new, so business, fund use, adverse events, willingness and ability.</summary>
    public static VisitReportContent Content(DateOnly visited, bool complete = true, RiskRating rating = RiskRating.Medium, params ReportAction[] actions) => new(
        VisitMethod.OnSite, visited, "王经理; 财务总监李明",
        [
            new ChecklistEntry("business_operating", ChecklistAnswer.Yes),
            new ChecklistEntry("fund_use_as_contracted", ChecklistAnswer.No, "30 万元转入关联公司账户"),
            new ChecklistEntry("no_adverse_event", ChecklistAnswer.Yes),
            new ChecklistEntry("willing_to_repay", ChecklistAnswer.Yes),
            .. complete ? new[] { new ChecklistEntry("able_to_repay", ChecklistAnswer.Yes) } : [],
        ],
        "生产正常，订单饱满；部分贷款资金流向关联方，需追回。", rating, actions);

    [Fact]
    public void Submitting_closes_the_task_and_opens_the_recommended_follow_up_and_approval_needs_another_person()
    {
        var task = _book.Task("C1", TaskKinds.FirstInspection);
        var followUp = new ReportAction(ReportActionKind.FollowUpTask, "核实资金回流", TaskKinds.FollowUpVisit, new DateOnly(2025, 2, 10));
        var propose = new ReportAction(ReportActionKind.ProposeClass, "资金挪用", ProposedClass: RiskClass.SpecialMention);

        var draft = _book.Reports.Draft(new ReportDraft(task.Id, null, Content(new DateOnly(2025, 1, 18), complete: false, RiskRating.High, followUp, propose)), Am1);

        draft.Succeeded.ShouldBeTrue(draft.Failure?.Message);
        draft.Value!.Required.Select(i => i.Code).ShouldBe(["business_operating", "fund_use_as_contracted", "no_adverse_event", "willing_to_repay", "able_to_repay"]);
        _book.Tasks.Get(task.Id, Am1).Value!.Status.ShouldBe("in_progress");
        var refused = _book.Reports.Submit(draft.Value.Id, Am1);
        refused.Failure!.Kind.ShouldBe(FailureKind.Invalid);
        refused.Failure.Message.ShouldContain("checklist.able_to_repay: not answered");

        _book.Reports.Edit(draft.Value.Id, Content(new DateOnly(2025, 1, 18), complete: true, RiskRating.High, followUp, propose), Am1).Succeeded.ShouldBeTrue();
        var submitted = _book.Reports.Submit(draft.Value.Id, Am1);

        submitted.Succeeded.ShouldBeTrue(submitted.Failure?.Message);
        submitted.Value!.Status.ShouldBe("submitted");
        submitted.Value.TasksOpened.Count.ShouldBe(2);
        var done = _book.Tasks.Get(task.Id, Am1).Value!;
        done.Status.ShouldBe("done");
        done.CompletedOn.ShouldBe(new DateOnly(2025, 1, 20));
        var opened = _book.AllTasks().Where(t => t.Origin == TaskOrigin.Report).OrderBy(t => t.Id).ToList();
        opened.Select(t => (t.Kind, t.Assignee, t.DueOn)).ShouldBe(
        [
            (TaskKinds.FollowUpVisit, "BR1-AM01", new DateOnly(2025, 2, 10)),
            (TaskKinds.ClassReview, "role:risk_officer", new DateOnly(2025, 1, 27)),
        ]);
        _book.Tasks.Queue(InspectionBook.Risk, new TaskQueueRequest()).Value!.Tasks.Single().Kind.ShouldBe(TaskKinds.ClassReview);

        _book.Reports.Edit(draft.Value.Id, Content(new DateOnly(2025, 1, 18)), Am1).Failure!.Kind.ShouldBe(FailureKind.Conflict);
        _book.Reports.Approve(draft.Value.Id, null, Am1).Failure!.Kind.ShouldBe(FailureKind.Conflict);
        var approved = _book.Reports.Approve(draft.Value.Id, "同意", InspectionBook.BranchManager);
        approved.Value!.Status.ShouldBe("approved");
        approved.Value.ReviewedBy.ShouldBe("user:bm1");
        _book.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE entity_type = 'report'").ShouldBe(4);
    }

    [Fact]
    public void An_approved_report_is_amended_by_a_new_version_that_supersedes_it_once_approved()
    {
        var task = _book.Task("C1", TaskKinds.FirstInspection);
        var id = _book.Reports.Draft(new ReportDraft(task.Id, null, Content(new DateOnly(2025, 1, 19))), Am1).Value!.Id;
        _book.Reports.Submit(id, Am1).Succeeded.ShouldBeTrue();
        _book.Reports.Return(id, " ", InspectionBook.BranchManager).Failure!.Kind.ShouldBe(FailureKind.Invalid);
        _book.Reports.Return(id, "写明挪用金额", InspectionBook.BranchManager).Value!.Status.ShouldBe("returned");
        _book.Reports.Submit(id, Am1).Succeeded.ShouldBeTrue();
        _book.Reports.Approve(id, null, InspectionBook.BranchManager).Succeeded.ShouldBeTrue();

        var amendment = _book.Reports.Amend(id, Am1);

        amendment.Value!.Version.ShouldBe(2);
        amendment.Value.PreviousVersionId.ShouldBe(id);
        amendment.Value.RootId.ShouldBe(id);
        amendment.Value.Status.ShouldBe("draft");
        _book.Reports.Amend(id, Am1).Failure!.Kind.ShouldBe(FailureKind.Conflict);
        var v2 = amendment.Value.Id;
        _book.Reports.Edit(v2, Content(new DateOnly(2025, 1, 19)) with { Findings = "资金挪用 30 万元，已要求 2 月 10 日前回流。" }, Am1).Succeeded.ShouldBeTrue();
        _book.Reports.Submit(v2, Am1).Succeeded.ShouldBeTrue();
        _book.Reports.Approve(v2, null, InspectionBook.BranchManager).Succeeded.ShouldBeTrue();

        var first = _book.Reports.Get(id, DataScope.All).Value!;
        first.Status.ShouldBe("superseded");
        first.Versions.Select(v => (v.Version, v.Status)).ShouldBe([(1, "superseded"), (2, "approved")]);
        _book.Reports.Get(v2, DataScope.All).Value!.Findings.ShouldStartWith("资金挪用 30 万元");
        // The task was closed once, by the first version.
        _book.AllTasks().Single(t => t.Id == task.Id).ReportId.ShouldBe(id);
    }

    [Fact]
    public void Resubmitting_a_returned_report_does_not_open_its_actions_tasks_again()
    {
        var task = _book.Task("C1", TaskKinds.FirstInspection);
        var followUp = new ReportAction(ReportActionKind.FollowUpTask, "核实资金回流", TaskKinds.FollowUpVisit, new DateOnly(2025, 2, 10));
        var propose = new ReportAction(ReportActionKind.ProposeClass, "资金挪用", ProposedClass: RiskClass.SpecialMention);
        var id = _book.Reports.Draft(new ReportDraft(task.Id, null, Content(new DateOnly(2025, 1, 19), rating: RiskRating.High, actions: [followUp, propose])), Am1).Value!.Id;
        _book.Reports.Submit(id, Am1).Value!.TasksOpened.Count.ShouldBe(2);
        _book.Reports.Return(id, "写明挪用金额", InspectionBook.BranchManager).Succeeded.ShouldBeTrue();
        var extra = new ReportAction(ReportActionKind.FollowUpTask, "复查押品", TaskKinds.FollowUpVisit, new DateOnly(2025, 2, 20));
        _book.Reports.Edit(id, Content(new DateOnly(2025, 1, 19), rating: RiskRating.High, actions: [followUp, propose, extra]), Am1).Succeeded.ShouldBeTrue();

        var again = _book.Reports.Submit(id, Am1);

        again.Succeeded.ShouldBeTrue(again.Failure?.Message);
        again.Value!.TasksOpened.Count.ShouldBe(3);
        _book.AllTasks().Count(t => t.Origin == TaskOrigin.Report).ShouldBe(3);
    }

    [Fact]
    public void Attachments_are_kept_with_their_hash_and_read_back_unchanged_and_only_on_drafts()
    {
        var id = _book.Reports.Draft(new ReportDraft(null, "C1", Content(new DateOnly(2025, 1, 19))), Am1).Value!.Id;
        var bytes = Encoding.UTF8.GetBytes("现场照片 site photo");

        var file = _book.Reports.Attach(id, "site.jpg", "image/jpeg", bytes, Am1);

        file.Value!.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        file.Value.SizeBytes.ShouldBe(bytes.Length);
        var back = _book.Reports.Attachment(id, file.Value.Id, DataScope.All).Value;
        back.Content.ShouldBe(bytes);
        _book.Reports.Attach(id, "empty.txt", "text/plain", [], Am1).Failure!.Kind.ShouldBe(FailureKind.Invalid);
        _book.Reports.Attachment(id, file.Value.Id, DataScope.Branch("BR2")).Failure!.Kind.ShouldBe(FailureKind.NotFound);
        _book.Reports.Submit(id, Am1).Succeeded.ShouldBeTrue();
        _book.Reports.Attach(id, "late.jpg", "image/jpeg", bytes, Am1).Failure!.Kind.ShouldBe(FailureKind.Conflict);
        _book.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'report.attach'").ShouldBe(1);
    }

    [Fact]
    public void A_report_on_a_loan_outside_the_scope_or_with_a_future_visit_is_refused()
    {
        _book.Reports.Draft(new ReportDraft(null, "P1", Content(new DateOnly(2025, 1, 19))), Am1).Failure!.Kind.ShouldBe(FailureKind.NotFound);
        var future = _book.Reports.Draft(new ReportDraft(null, "C1", Content(new DateOnly(2025, 1, 21))), Am1);
        future.Failure!.Field.ShouldBe("visited_on");
        _book.Db.Count("SELECT COUNT(*) FROM visit_reports").ShouldBe(0);
    }
}
