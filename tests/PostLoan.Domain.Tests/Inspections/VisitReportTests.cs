using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Loans;
using Shouldly;

namespace PostLoan.Domain.Tests.Inspections;

public class VisitReportTests
{
    private static readonly DateOnly Today = new(2025, 6, 12);
    private const string Author = "user:wang";
    private const string Reviewer = "user:li";

    private static readonly IReadOnlyList<ChecklistItem> Required = VisitChecklist.For(Segment.Corporate, secured: false, newLoan: false);

    private static VisitReportContent Good(RiskRating rating = RiskRating.Low, IReadOnlyList<ReportAction>? actions = null) => new(
        VisitMethod.OnSite,
        Today.AddDays(-1),
        " 王经理; 借款人张三 ",
        [
            new ChecklistEntry(VisitChecklist.BusinessOperating.Code, ChecklistAnswer.Yes),
            new ChecklistEntry(VisitChecklist.NoAdverseEvent.Code, ChecklistAnswer.No, " a lawsuit by a supplier "),
            new ChecklistEntry(VisitChecklist.Willing.Code, ChecklistAnswer.Yes, "  "),
            new ChecklistEntry(VisitChecklist.Able.Code, ChecklistAnswer.NotChecked, "statements not yet filed"),
        ],
        " orders steady; one supplier lawsuit pending ",
        rating,
        actions ?? []);

    private static VisitReport Draft(VisitReportContent? content = null) => VisitReport.Draft(7, 3, 11, Author, Today, content ?? Good());

    private static VisitReport Submitted()
    {
        var report = Draft();
        report.Submit(Today, Author, Required).ShouldBeEmpty();
        return report;
    }

    /// <summary>The id the store gives a saved report, so versions can be told apart.</summary>
    private static VisitReport Saved(VisitReport report, long id)
    {
        typeof(VisitReport).GetProperty(nameof(VisitReport.Id))!.SetValue(report, id);
        return report;
    }

    private static VisitReport Approved()
    {
        var report = Submitted();
        report.Approve(Today, Reviewer, null);
        return report;
    }

    // ---- the checklist ----

    [Fact]
    public void Every_visit_asks_about_the_business_adverse_events_and_repayment()
    {
        VisitChecklist.For(Segment.Retail, secured: false, newLoan: false)
            .ShouldBe([VisitChecklist.BusinessOperating, VisitChecklist.NoAdverseEvent, VisitChecklist.Willing, VisitChecklist.Able]);
    }

    [Fact]
    public void A_new_secured_project_loan_is_asked_everything_in_order()
    {
        VisitChecklist.For(Segment.Project, secured: true, newLoan: true).ShouldBe(VisitChecklist.All);
    }

    [Theory]
    [InlineData(Segment.Corporate, false, true, "fund_use_as_contracted")]
    [InlineData(Segment.Project, false, false, "project_on_schedule")]
    [InlineData(Segment.Retail, true, false, "collateral_intact,insurance_valid")]
    public void The_checklist_adds_fund_use_for_new_loans_progress_for_projects_and_collateral_when_secured(
        Segment segment, bool secured, bool newLoan, string added)
    {
        var codes = VisitChecklist.For(segment, secured, newLoan).Select(i => i.Code).ToList();

        codes.Except(["business_operating", "no_adverse_event", "willing_to_repay", "able_to_repay"]).ShouldBe(added.Split(','));
    }

    [Theory]
    [InlineData("2025-07-10", null, true)]
    [InlineData("2025-07-11", null, false)]
    [InlineData("2026-03-01", TaskKinds.FirstInspection, true)]
    [InlineData("2026-03-01", TaskKinds.PeriodicInspection, false)]
    public void A_loan_is_new_for_the_checklist_for_six_months_or_on_its_first_inspection(string visitedOn, string? taskKind, bool asksFundUse)
    {
        VisitChecklist.For(Segment.Corporate, false, new DateOnly(2025, 1, 10), DateOnly.Parse(visitedOn), taskKind)
            .Contains(VisitChecklist.FundUse).ShouldBe(asksFundUse);
    }

    [Fact]
    public void Checklist_items_are_found_by_code()
    {
        VisitChecklist.Find("insurance_valid").ShouldBe(VisitChecklist.InsuranceValid);
        VisitChecklist.Find("weather_nice").ShouldBeNull();
    }

    // ---- drafting and submitting ----

    [Fact]
    public void A_draft_keeps_what_was_written_trimmed_and_counts_risk_points()
    {
        var report = Draft();

        report.Status.ShouldBe(VisitReportStatus.Draft);
        report.IsEditable.ShouldBeTrue();
        report.Version.ShouldBe(1);
        report.RootId.ShouldBeNull();
        report.Participants.ShouldBe("王经理; 借款人张三");
        report.Findings.ShouldBe("orders steady; one supplier lawsuit pending");
        report.Checklist.Single(e => e.Code == "no_adverse_event").Note.ShouldBe("a lawsuit by a supplier");
        report.Checklist.Single(e => e.Code == "willing_to_repay").Note.ShouldBeNull();
        report.RiskPoints.ShouldBe(1);
    }

    [Fact]
    public void A_complete_report_is_submitted()
    {
        var report = Draft();

        report.Submit(Today, Author, Required).ShouldBeEmpty();

        report.Status.ShouldBe(VisitReportStatus.Submitted);
        report.SubmittedOn.ShouldBe(Today);
        report.IsEditable.ShouldBeFalse();
    }

    [Fact]
    public void Submitting_is_refused_with_every_problem_listed()
    {
        var report = Draft(new VisitReportContent(
            VisitMethod.Phone,
            Today.AddDays(1),
            "  ",
            [
                new ChecklistEntry(VisitChecklist.BusinessOperating.Code, ChecklistAnswer.No),
                new ChecklistEntry(VisitChecklist.NoAdverseEvent.Code, ChecklistAnswer.NotChecked, " "),
                new ChecklistEntry(VisitChecklist.Willing.Code, ChecklistAnswer.Yes),
            ],
            "",
            RiskRating.High,
            []));

        var problems = report.Submit(Today, Author, Required);

        problems.ShouldBe(
        [
            "visited_on: the visit date 2025-06-13 is after the business date 2025-06-12",
            "participants: say who took part",
            "checklist.business_operating: an answer of 'no' needs a note saying what was found",
            "checklist.no_adverse_event: an answer of 'not checked' needs a note saying what was found",
            "checklist.able_to_repay: not answered (Able to repay)",
            "findings: write what the visit found",
            "actions: a high risk rating needs at least one recommended action",
        ]);
        report.Status.ShouldBe(VisitReportStatus.Draft);
        report.SubmittedOn.ShouldBeNull();
    }

    [Fact]
    public void Submitting_checks_the_checklist_the_loan_needs()
    {
        var secured = VisitChecklist.For(Segment.Corporate, secured: true, newLoan: false);

        Draft().Submit(Today, Author, secured).ShouldBe(
        [
            "checklist.collateral_intact: not answered (Collateral present and intact)",
            "checklist.insurance_valid: not answered (Collateral insurance valid)",
        ]);
    }

    [Fact]
    public void A_high_rating_with_an_action_is_submitted()
    {
        var report = Draft(Good(RiskRating.High, [new ReportAction(ReportActionKind.ProposeClass, "lawsuit threatens cash flow", ProposedClass: RiskClass.SpecialMention)]));

        report.Submit(Today, Author, Required).ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_author_edits_or_submits()
    {
        var report = Draft();

        Should.Throw<DomainException>(() => report.Edit(Good(RiskRating.Medium), Reviewer)).Message.ShouldContain("author");
        Should.Throw<DomainException>(() => report.Submit(Today, Reviewer, Required)).Message.ShouldContain("author");

        report.Edit(Good(RiskRating.Medium), Author);
        report.RiskRating.ShouldBe(RiskRating.Medium);
        report.Revision.ShouldBe(1);
    }

    [Fact]
    public void A_draft_needs_an_author()
    {
        Should.Throw<DomainException>(() => VisitReport.Draft(7, 3, null, " ", Today, Good()));
    }

    [Fact]
    public void An_unknown_checklist_code_is_refused()
    {
        var content = Good() with { Checklist = [new ChecklistEntry("weather_nice", ChecklistAnswer.Yes)] };

        Should.Throw<DomainException>(() => Draft(content)).Message.ShouldContain("checklist.weather_nice: no such checklist item");
    }

    [Fact]
    public void An_item_answered_twice_is_refused_and_the_draft_keeps_its_answers()
    {
        var report = Draft();
        var twice = Good() with
        {
            Checklist = [new ChecklistEntry("able_to_repay", ChecklistAnswer.Yes), new ChecklistEntry("able_to_repay", ChecklistAnswer.No, "lost a contract")],
        };

        Should.Throw<DomainException>(() => report.Edit(twice, Author)).Message.ShouldContain("answered twice");
        report.Checklist.Count.ShouldBe(4);
    }

    [Theory]
    [InlineData(ReportActionKind.FollowUpTask, "call back", null, true)]
    [InlineData(ReportActionKind.FollowUpTask, "call back", TaskKinds.FollowUpVisit, false)]
    [InlineData(ReportActionKind.ProposeClass, "worse", null, false)]
    [InlineData(ReportActionKind.ProposeRestructuring, " ", null, false)]
    public void Actions_are_refused_without_what_they_need(ReportActionKind kind, string note, string? taskKind, bool withDue)
    {
        var action = new ReportAction(kind, note, taskKind, withDue ? Today.AddDays(10) : null);

        Should.Throw<DomainException>(() => Draft(Good(actions: [action])));
    }

    // ---- review ----

    [Fact]
    public void Someone_other_than_the_author_approves()
    {
        var report = Submitted();

        Should.Throw<DomainException>(() => report.Approve(Today, Author, null)).Message.ShouldContain("someone other than its author");
        report.Approve(Today.AddDays(1), Reviewer, "  ");

        report.Status.ShouldBe(VisitReportStatus.Approved);
        report.ReviewedBy.ShouldBe(Reviewer);
        report.ReviewedOn.ShouldBe(Today.AddDays(1));
        report.ReviewNote.ShouldBeNull();
    }

    [Fact]
    public void Only_a_submitted_report_is_reviewed()
    {
        Should.Throw<DomainException>(() => Draft().Approve(Today, Reviewer, null)).Message.ShouldContain("not waiting for review");
        Should.Throw<DomainException>(() => Approved().Return(Today, Reviewer, "again"));
    }

    [Fact]
    public void A_returned_report_is_edited_and_submitted_again()
    {
        var report = Submitted();
        Should.Throw<DomainException>(() => report.Return(Today, Author, "fix it"));
        Should.Throw<DomainException>(() => report.Return(Today, Reviewer, " ")).Message.ShouldContain("note");

        report.Return(Today, Reviewer, " say which supplier ");

        report.Status.ShouldBe(VisitReportStatus.Returned);
        report.ReviewNote.ShouldBe("say which supplier");
        report.IsEditable.ShouldBeTrue();
        report.Edit(Good() with { Findings = "supplier 华东钢材 sued over a late payment" }, Author);
        report.Submit(Today.AddDays(1), Author, Required).ShouldBeEmpty();
        report.Status.ShouldBe(VisitReportStatus.Submitted);
        report.SubmittedOn.ShouldBe(Today.AddDays(1));
        report.Approve(Today.AddDays(2), Reviewer, "ok");
        report.Status.ShouldBe(VisitReportStatus.Approved);
    }

    [Fact]
    public void A_submitted_or_approved_report_cannot_be_edited()
    {
        Should.Throw<DomainException>(() => Submitted().Edit(Good(), Author));
        var approved = Approved();
        Should.Throw<DomainException>(() => approved.Edit(Good(), Author)).Message.ShouldContain("amend it instead");
        Should.Throw<DomainException>(() => approved.Submit(Today, Author, Required));
    }

    // ---- amendments ----

    [Fact]
    public void An_amendment_is_a_new_draft_version_without_the_actions()
    {
        var original = Draft(Good(RiskRating.High, [new ReportAction(ReportActionKind.FollowUpTask, "visit the site", TaskKinds.FollowUpVisit, Today.AddDays(14))]));
        original.Submit(Today, Author, Required).ShouldBeEmpty();
        original.Approve(Today, Reviewer, null);
        Saved(original, 41);

        var amendment = original.Amend(Reviewer, Today.AddDays(5));

        amendment.Version.ShouldBe(2);
        amendment.PreviousVersionId.ShouldBe(41);
        amendment.RootId.ShouldBe(41);
        amendment.Status.ShouldBe(VisitReportStatus.Draft);
        amendment.Author.ShouldBe(Reviewer);
        amendment.CreatedOn.ShouldBe(Today.AddDays(5));
        amendment.Actions.ShouldBeEmpty();
        amendment.Checklist.ShouldBe(original.Checklist);
        amendment.Findings.ShouldBe(original.Findings);
        amendment.TaskId.ShouldBe(original.TaskId);
        amendment.VisitedOn.ShouldBe(original.VisitedOn);
        original.Status.ShouldBe(VisitReportStatus.Approved);
    }

    [Fact]
    public void An_amendment_of_an_amendment_keeps_the_first_versions_root()
    {
        var second = Saved(Saved(Approved(), 41).Amend(Author, Today), 42);
        second.Submit(Today, Author, Required).ShouldBeEmpty();
        second.Approve(Today, Reviewer, null);

        var third = second.Amend(Author, Today);

        third.Version.ShouldBe(3);
        third.RootId.ShouldBe(41);
        third.PreviousVersionId.ShouldBe(42);
    }

    [Fact]
    public void Only_an_approved_report_is_amended()
    {
        Should.Throw<DomainException>(() => Draft().Amend(Author, Today));
        Should.Throw<DomainException>(() => Submitted().Amend(Author, Today));
    }

    [Fact]
    public void Only_an_approved_report_is_superseded()
    {
        Should.Throw<DomainException>(() => Draft().Supersede());
        Should.Throw<DomainException>(() => Submitted().Supersede());

        var approved = Approved();
        approved.Supersede();
        approved.Status.ShouldBe(VisitReportStatus.Superseded);
        Should.Throw<DomainException>(() => approved.Supersede());
        Should.Throw<DomainException>(() => approved.Amend(Author, Today));
    }
}
