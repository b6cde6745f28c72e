using PostLoan.Application.Common;
using PostLoan.Application.Inspections;
using PostLoan.Domain.Inspections;
using Shouldly;

namespace PostLoan.IntegrationTests.Inspections;

/// <summary>
/// The briefing's figures on a crafted January 2025 with known answers: two first inspections due on the 25th, one
/// reported on time on the 24th (P1, on site, low risk), one late on the 27th (C1, by phone, high risk with one problem
/// found and a follow-up opened).
/// </summary>
public sealed class BriefingQueryTests : IDisposable
{
    private static readonly DateOnly January = new(2025, 1, 1);
    private readonly InspectionBook _book = new();

    public BriefingQueryTests()
    {
        // The plan runs on a catch-up's last date: the disbursement day first, so that the tasks open on the 10th.
        _book.Eod(InspectionBook.Disbursed);
        _book.Eod(new DateOnly(2025, 1, 24));
        var am2 = InspectionBook.Manager("BR1-AM02");
        var p1 = _book.Task("P1", TaskKinds.FirstInspection).Id;
        var low = new VisitReportContent(VisitMethod.OnSite, new DateOnly(2025, 1, 23), "周经理; 项目总监",
            [.. new[] { "business_operating", "fund_use_as_contracted", "project_on_schedule", "no_adverse_event", "willing_to_repay", "able_to_repay" }
                .Select(c => new ChecklistEntry(c, ChecklistAnswer.Yes))],
            "主体结构施工按计划推进，资金按合同支付给总包单位。", RiskRating.Low, []);
        Submit(am2, p1, low);

        _book.Eod(new DateOnly(2025, 1, 27));
        var am1 = InspectionBook.Manager("BR1-AM01");
        var c1 = _book.Task("C1", TaskKinds.FirstInspection).Id;
        var high = ReportWorkflowTests.Content(new DateOnly(2025, 1, 27), rating: RiskRating.High, actions:
            new ReportAction(ReportActionKind.FollowUpTask, "核实资金回流", TaskKinds.FollowUpVisit, new DateOnly(2025, 2, 10))) with { Method = VisitMethod.Phone };
        Submit(am1, c1, high);
        _book.Eod(new DateOnly(2025, 2, 3));
    }

    public void Dispose() => _book.Dispose();

    private void Submit(TaskViewer who, long task, VisitReportContent content)
    {
        var draft = _book.Reports.Draft(new ReportDraft(task, null, content), who);
        draft.Succeeded.ShouldBeTrue(draft.Failure?.Message);
        var submitted = _book.Reports.Submit(draft.Value!.Id, who);
        submitted.Succeeded.ShouldBeTrue(submitted.Failure?.Message);
    }

    [Fact]
    public void The_bank_briefing_of_the_month_has_the_known_figures()
    {
        var briefing = _book.Briefings.Build(January, "bank", DataScope.All).Value!;

        var c = briefing.Current;
        (c.Planned, c.Done, c.DoneOnTime, c.Reports, c.RiskPoints, c.ActionsOpened, c.AlertsRaised, c.Downgrades, c.Upgrades).ShouldBe((2, 2, 1, 2, 2, 1, 0, 0, 0));
        c.CompletionRate.ShouldBe(1.0);
        c.OnTimeRate.ShouldBe(0.5);
        // P1: opened on the 10th, first acted on the 24th (14 days); C1: the 27th (17 days).
        c.MeanDaysToFirstAction.ShouldBe(15.5);
        briefing.Previous.Planned.ShouldBe(0);
        briefing.Previous.OnTimeRate.ShouldBeNull();
        briefing.Methods.Select(m => (m.Method, m.Current)).ShouldBe([("on_site", 1), ("phone", 1), ("online_check", 0)]);
        briefing.Findings.Single().LoanExternalId.ShouldBe("C1");
        briefing.Findings.Single().RiskRating.ShouldBe("high");
        briefing.Actions.Single(a => a.Kind == "follow_up_task").Current.ShouldBe(1);
        briefing.Managers.Select(m => (m.Manager, m.Team, m.Planned, m.Done, m.DoneOnTime)).ShouldBe(
            [("BR1-AM01", "T1", 1, 1, 0), ("BR1-AM02", null, 1, 1, 1)]);
        briefing.TopLoansAtRisk.ShouldBeEmpty();
        briefing.ScopeTitle.ShouldContain("全行");
    }

    [Fact]
    public void A_team_briefing_counts_only_its_managers_borrowers()
    {
        var team = _book.Briefings.Build(January, "team:T1", DataScope.All).Value!;

        (team.Current.Planned, team.Current.Done, team.Current.DoneOnTime, team.Current.Reports).ShouldBe((1, 1, 0, 1));
        team.Methods.Single(m => m.Method == "phone").Current.ShouldBe(1);
        _book.Briefings.Build(January, "manager:BR1-AM02", DataScope.All).Value!.Current.DoneOnTime.ShouldBe(1);
        // A branch manager of another branch sees nothing of BR1, whatever scope they ask for.
        _book.Briefings.Build(January, "bank", DataScope.Branch("BR2")).Value!.Current.Planned.ShouldBe(0);
    }

    [Fact]
    public void A_bad_scope_or_a_month_not_yet_begun_is_refused()
    {
        _book.Briefings.Build(January, "team:T9", DataScope.All).Failure!.Message.ShouldContain("the teams are: T1");
        _book.Briefings.Build(January, "region:east", DataScope.All).Failure!.Field.ShouldBe("scope");
        _book.Briefings.Build(new DateOnly(2025, 3, 1), "bank", DataScope.All).Failure!.Field.ShouldBe("period");
    }
}
