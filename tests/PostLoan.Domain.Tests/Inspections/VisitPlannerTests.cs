using PostLoan.Domain.Classification;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using Shouldly;

namespace PostLoan.Domain.Tests.Inspections;

public class VisitPlannerTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static readonly DateOnly Disbursed = D(2025, 1, 10);

    /// <summary>Retail loans out of the risk sample, so only what a test is about opens tasks.</summary>
    private static readonly VisitPolicy NoRetailSample = VisitPolicy.Default with { RetailSampleNormal = 0, RetailSampleSpecialMention = 0, RetailSampleNonPerforming = 0 };

    private static DateOnly[] Dues(IEnumerable<PlanTask> tasks) => [.. tasks.Select(t => t.DueOn)];

    // ---- corporate ----

    [Fact]
    public void Corporate_normal_loan_gets_four_quarterly_inspections_in_a_year()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed) { Diligent = true }.Run(Disbursed, D(2026, 1, 9));

        Dues(sim.OfKind(TaskKinds.FirstInspection)).ShouldBe([D(2025, 1, 25)]);
        var periodic = sim.OfKind(TaskKinds.PeriodicInspection).ToList();
        Dues(periodic).ShouldBe([D(2025, 4, 10), D(2025, 7, 10), D(2025, 10, 10), D(2026, 1, 10)]);
        periodic.Select(t => t.CreatedOn).ShouldBe([D(2025, 1, 10), D(2025, 4, 10), D(2025, 7, 10), D(2025, 10, 10)]);
        periodic.Select(t => t.AnchorOn).ShouldBe([D(2025, 1, 10), D(2025, 4, 10), D(2025, 7, 10), D(2025, 10, 10)]);
        periodic.ShouldAllBe(t => t.CycleMonths == 3);
        sim.Tasks.Count(t => t.Status == InspectionTaskStatus.Done).ShouldBe(4);
        sim.Tasks.Where(t => t.Status == InspectionTaskStatus.Done).ShouldAllBe(t => sim.DoneOn(t.Id) == t.DueOn);
    }

    [Fact]
    public void The_first_inspection_is_due_fifteen_days_after_disbursement_and_opened_once()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed);

        var steps = sim.Day(Disbursed);

        steps.OfType<CreateTask>().Single(c => c.Kind == TaskKinds.FirstInspection).ShouldSatisfyAllConditions(
            c => c.DueOn.ShouldBe(D(2025, 1, 25)),
            c => c.AnchorOn.ShouldBeNull(),
            c => c.CycleMonths.ShouldBeNull());
        sim.Run(Disbursed.AddDays(1), D(2025, 3, 31));
        sim.OfKind(TaskKinds.FirstInspection).Count().ShouldBe(1);
    }

    [Fact]
    public void Turning_special_mention_brings_the_quarterly_inspection_forward_no_sooner_than_the_notice_then_monthly()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed) { Diligent = true };
        sim.Run(Disbursed, D(2026, 1, 9), morning: date =>
        {
            if (date == D(2025, 5, 20)) sim.RiskClass = RiskClass.SpecialMention;
        });

        var periodic = sim.OfKind(TaskKinds.PeriodicInspection).ToList();
        // The task opened on 2025-04-10 for 2025-07-10 (anchored 2025-04-10) would move to the series date a month
        // after its anchor, 2025-05-10; that is before the notice date, five business days after Tuesday 2025-05-20.
        var move = sim.Log.Select(l => l.Step).OfType<MoveTask>().ShouldHaveSingleItem();
        move.ShouldBe(new MoveTask(periodic[1].Id, 1, D(2025, 5, 27)));
        sim.Log.Single(l => l.Step is MoveTask).On.ShouldBe(D(2025, 5, 20));
        periodic[1].AnchorOn.ShouldBe(D(2025, 4, 10));
        Dues(periodic).ShouldBe(
        [
            D(2025, 4, 10), D(2025, 5, 27), D(2025, 6, 10), D(2025, 7, 10), D(2025, 8, 10), D(2025, 9, 10),
            D(2025, 10, 10), D(2025, 11, 10), D(2025, 12, 10), D(2026, 1, 10),
        ]);
        periodic.Skip(2).ShouldAllBe(t => t.CycleMonths == 1);
    }

    [Fact]
    public void A_class_change_well_before_the_due_date_moves_the_inspection_to_its_series_date()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed) { Diligent = true };
        sim.Run(Disbursed, D(2025, 4, 14));
        var open = sim.OfKind(TaskKinds.PeriodicInspection).Single(t => t.IsOpen);

        sim.RiskClass = RiskClass.Substandard;
        sim.Day(D(2025, 4, 15)).ShouldBe([new MoveTask(open.Id, 1, D(2025, 5, 10))]);
    }

    [Fact]
    public void A_class_change_close_to_the_due_date_never_moves_the_inspection_later()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed) { Diligent = true };
        sim.Run(Disbursed, D(2025, 7, 6));
        var open = sim.OfKind(TaskKinds.PeriodicInspection).Single(t => t.IsOpen);
        open.DueOn.ShouldBe(D(2025, 7, 10));

        // Five business days after Monday 2025-07-07 is 2025-07-14: keep the earlier 2025-07-10.
        sim.RiskClass = RiskClass.SpecialMention;
        sim.Day(D(2025, 7, 7)).ShouldBe([new MoveTask(open.Id, 1, D(2025, 7, 10))]);
    }

    [Fact]
    public void Recovering_to_normal_moves_the_monthly_inspection_out_to_the_quarter()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed) { RiskClass = RiskClass.SpecialMention, Diligent = true };
        sim.Run(Disbursed, D(2025, 5, 20));
        var open = sim.OfKind(TaskKinds.PeriodicInspection).Single(t => t.IsOpen);
        open.ShouldSatisfyAllConditions(t => t.DueOn.ShouldBe(D(2025, 6, 10)), t => t.AnchorOn.ShouldBe(D(2025, 5, 10)));

        sim.RiskClass = RiskClass.Normal;
        sim.Day(D(2025, 5, 21)).ShouldBe([new MoveTask(open.Id, 3, D(2025, 8, 10))]);
    }

    [Fact]
    public void A_task_in_progress_keeps_its_due_date_when_the_class_changes()
    {
        var loan = new PlanLoan(1, Segment.Corporate, 1_000_000m, Disbursed, LoanStatus.Active, RiskClass.SpecialMention, [],
            [new PlanTask(9, TaskKinds.PeriodicInspection, null, InspectionTaskStatus.InProgress, D(2025, 7, 10), D(2025, 4, 10), 3, D(2025, 4, 10))],
            HadFirstInspection: true);

        VisitPlanner.Plan(loan, D(2025, 5, 20), VisitPolicy.Default).ShouldBeEmpty();
    }

    [Fact]
    public void A_loan_disbursed_on_the_31st_is_inspected_on_each_month_end_without_drift()
    {
        var start = D(2025, 1, 31);
        var sim = new PlanSimulation(Segment.Corporate, start) { RiskClass = RiskClass.SpecialMention, Diligent = true }.Run(start, D(2026, 1, 30));

        Dues(sim.OfKind(TaskKinds.PeriodicInspection)).ShouldBe(
        [
            D(2025, 2, 28), D(2025, 3, 31), D(2025, 4, 30), D(2025, 5, 31), D(2025, 6, 30), D(2025, 7, 31),
            D(2025, 8, 31), D(2025, 9, 30), D(2025, 10, 31), D(2025, 11, 30), D(2025, 12, 31), D(2026, 1, 31),
        ]);
    }

    [Theory]
    [InlineData("2024-01-31", 1, "2024-02-29")]
    [InlineData("2024-01-31", 2, "2024-03-31")]
    [InlineData("2025-01-31", 13, "2026-02-28")]
    [InlineData("2025-01-10", 3, "2025-04-10")]
    public void Series_dates_count_whole_months_from_the_start(string start, int months, string expected) =>
        VisitPlanner.SeriesDate(DateOnly.Parse(start), months).ShouldBe(DateOnly.Parse(expected));

    [Theory]
    [InlineData("2025-01-31", "2025-02-27", 0)]
    [InlineData("2025-01-31", "2025-02-28", 1)]
    [InlineData("2025-01-31", "2025-03-30", 1)]
    [InlineData("2025-01-31", "2025-03-31", 2)]
    [InlineData("2025-01-10", "2025-05-27", 4)]
    [InlineData("2025-01-10", "2025-01-10", 0)]
    public void Series_months_say_which_step_a_date_has_reached(string start, string date, int expected) =>
        VisitPlanner.SeriesMonths(DateOnly.Parse(start), DateOnly.Parse(date)).ShouldBe(expected);

    // ---- project finance ----

    [Fact]
    public void Project_loan_gets_twelve_progress_checks_and_four_site_visits_in_a_year()
    {
        var sim = new PlanSimulation(Segment.Project, Disbursed) { Diligent = true }.Run(Disbursed, D(2026, 1, 10));

        bool DoneInYear(PlanTask t) => t.Status == InspectionTaskStatus.Done && t.DueOn <= D(2026, 1, 10);
        var progress = sim.OfKind(TaskKinds.ProjectProgressCheck).Where(DoneInYear).ToList();
        var site = sim.OfKind(TaskKinds.ProjectSiteVisit).Where(DoneInYear).ToList();
        progress.Count.ShouldBe(12);
        site.Count.ShouldBe(4);
        Dues(progress).ShouldBe([.. Enumerable.Range(1, 12).Select(Disbursed.AddMonths)]);
        Dues(site).ShouldBe([D(2025, 4, 10), D(2025, 7, 10), D(2025, 10, 10), D(2026, 1, 10)]);
        Dues(sim.OfKind(TaskKinds.FirstInspection)).ShouldBe([D(2025, 1, 25)]);
        sim.OfKind(TaskKinds.PeriodicInspection).ShouldBeEmpty();
    }

    [Fact]
    public void A_project_loan_keeps_its_cycles_whatever_its_class()
    {
        var sim = new PlanSimulation(Segment.Project, Disbursed) { RiskClass = RiskClass.Doubtful, Diligent = true }.Run(Disbursed, D(2025, 12, 31));

        sim.OfKind(TaskKinds.ProjectSiteVisit).Count().ShouldBe(4);
        sim.Log.Select(l => l.Step).OfType<MoveTask>().ShouldBeEmpty();
    }

    // ---- retail ----

    [Fact]
    public void A_retail_loan_under_the_threshold_gets_no_first_inspection()
    {
        var sim = new PlanSimulation(Segment.Retail, Disbursed, NoRetailSample) { Principal = 299_999.99m }.Run(Disbursed, D(2025, 12, 31));

        sim.Tasks.ShouldBeEmpty();
    }

    [Fact]
    public void A_retail_loan_at_the_threshold_gets_a_first_inspection_thirty_days_after_disbursement()
    {
        var sim = new PlanSimulation(Segment.Retail, Disbursed, NoRetailSample) { Principal = 300_000m }.Run(Disbursed, D(2025, 12, 31));

        var only = sim.Tasks.ShouldHaveSingleItem();
        only.Kind.ShouldBe(TaskKinds.FirstInspection);
        only.DueOn.ShouldBe(D(2025, 2, 9));
    }

    [Fact]
    public void With_every_share_at_one_each_retail_loan_is_inspected_every_six_months()
    {
        var all = VisitPolicy.Default with { RetailSampleNormal = 1, RetailSampleSpecialMention = 1, RetailSampleNonPerforming = 1 };
        foreach (var id in Enumerable.Range(1, 20))
        {
            var sim = new PlanSimulation(Segment.Retail, Disbursed, all) { LoanId = id, Principal = 50_000m, Diligent = true }.Run(Disbursed, D(2026, 1, 9));

            var periodic = sim.OfKind(TaskKinds.PeriodicInspection).ToList();
            Dues(periodic).ShouldBe([D(2025, 7, 10), D(2026, 1, 10)], $"loan {id}");
            periodic.ShouldAllBe(t => t.CycleMonths == 6);
        }
    }

    [Fact]
    public void With_every_share_at_zero_no_retail_loan_is_inspected()
    {
        foreach (var id in Enumerable.Range(1, 20))
        {
            var sim = new PlanSimulation(Segment.Retail, Disbursed, NoRetailSample) { LoanId = id, Principal = 50_000m, RiskClass = RiskClass.Loss }
                .Run(Disbursed, D(2026, 1, 9));

            sim.Tasks.ShouldBeEmpty();
        }
    }

    [Fact]
    public void A_retail_loan_that_gets_worse_can_join_the_sample_but_one_in_it_stays()
    {
        var policy = VisitPolicy.Default;
        var joins = Enumerable.Range(1, 10_000).Select(i => (long)i)
            .First(id => VisitPlanner.SampleFraction(id) >= policy.RetailSampleNormal && VisitPlanner.SampleFraction(id) < policy.RetailSampleSpecialMention);
        var always = Enumerable.Range(1, 10_000).Select(i => (long)i).First(id => VisitPlanner.SampleFraction(id) < policy.RetailSampleNormal);

        PlanLoan Loan(long id, RiskClass riskClass) => new(id, Segment.Retail, 50_000m, Disbursed, LoanStatus.Active, riskClass, [], [], false);

        VisitPlanner.Plan(Loan(joins, RiskClass.Normal), Disbursed, policy).ShouldBeEmpty();
        VisitPlanner.Plan(Loan(joins, RiskClass.SpecialMention), Disbursed, policy).OfType<CreateTask>().ShouldHaveSingleItem().DueOn.ShouldBe(D(2025, 7, 10));
        foreach (var riskClass in Enum.GetValues<RiskClass>())
            VisitPlanner.Plan(Loan(always, riskClass), Disbursed, policy).OfType<CreateTask>().ShouldHaveSingleItem();
    }

    [Fact]
    public void The_sample_fraction_is_stable_and_spread_evenly()
    {
        VisitPlanner.SampleFraction(123_456).ShouldBe(VisitPlanner.SampleFraction(123_456));
        VisitPlanner.SampleFraction(1).ShouldNotBe(VisitPlanner.SampleFraction(2));

        var fractions = Enumerable.Range(1, 100_000).Select(i => VisitPlanner.SampleFraction(i)).ToList();

        fractions.ShouldAllBe(f => f >= 0 && f < 1);
        var under2 = fractions.Count(f => f < 0.02) / (double)fractions.Count;
        under2.ShouldBeInRange(0.015, 0.025);
        var under50 = fractions.Count(f => f < 0.5) / (double)fractions.Count;
        under50.ShouldBeInRange(0.49, 0.51);
    }

    // ---- collateral ----

    private static PlanSimulation WithCollateral(CollateralType type, DateOnly valuedOn)
    {
        var sim = new PlanSimulation(Segment.Retail, Disbursed, NoRetailSample) { Principal = 50_000m };
        sim.Collateral.Add(new PlanCollateral(77, type, valuedOn));
        return sim;
    }

    [Fact]
    public void Real_estate_revaluation_opens_thirty_days_before_the_year_is_up()
    {
        var sim = WithCollateral(CollateralType.RealEstate, D(2024, 3, 1)).Run(D(2025, 1, 1), D(2025, 1, 29));
        sim.Tasks.ShouldBeEmpty();

        sim.Day(D(2025, 1, 30)).ShouldBe(
        [
            new CreateTask(TaskKinds.CollateralRevaluation, 77, D(2025, 3, 1), D(2024, 3, 1), 12, "RealEstate revaluation every year, last valued 2024-03-01"),
        ]);
    }

    [Fact]
    public void A_newer_valuation_completes_the_revaluation_task_and_the_next_opens_a_year_on()
    {
        var sim = WithCollateral(CollateralType.RealEstate, D(2024, 3, 1)).Run(D(2025, 1, 1), D(2025, 2, 19));
        var task = sim.Tasks.ShouldHaveSingleItem();

        sim.Revalue(77, D(2025, 2, 20));
        sim.Day(D(2025, 2, 20)).ShouldBe([new CompleteTask(task.Id, D(2025, 2, 20), "valued on 2025-02-20")]);
        sim.Run(D(2025, 2, 21), D(2026, 1, 20));
        sim.Tasks.Count.ShouldBe(1);

        sim.Day(D(2026, 1, 21)).OfType<CreateTask>().ShouldHaveSingleItem().DueOn.ShouldBe(D(2026, 2, 20));
    }

    [Fact]
    public void A_valuation_recorded_later_than_the_day_it_was_made_completes_the_task_on_its_opening_day()
    {
        var sim = WithCollateral(CollateralType.RealEstate, D(2024, 3, 1)).Run(D(2025, 1, 30), D(2025, 2, 10));
        var task = sim.Tasks.ShouldHaveSingleItem();

        // The appraisal is dated before the task opened: the task cannot be done before it existed.
        sim.Revalue(77, D(2025, 1, 20));
        sim.Day(D(2025, 2, 11)).ShouldBe([new CompleteTask(task.Id, D(2025, 1, 30), "valued on 2025-01-20")]);
    }

    [Fact]
    public void Collateral_valued_long_ago_gets_a_revaluation_due_on_the_day_it_is_taken_on()
    {
        var sim = WithCollateral(CollateralType.RealEstate, D(2020, 6, 1));

        sim.Day(D(2025, 1, 10)).OfType<CreateTask>().ShouldHaveSingleItem().DueOn.ShouldBe(D(2025, 1, 10));
    }

    [Fact]
    public void A_vehicle_is_revalued_every_six_months()
    {
        var sim = WithCollateral(CollateralType.Vehicle, Disbursed);
        sim.Diligent = true;
        sim.Run(Disbursed, D(2026, 1, 10));

        Dues(sim.Tasks).ShouldBe([D(2025, 7, 10), D(2026, 1, 10)]);
        sim.Tasks.Select(t => t.CreatedOn).ShouldBe([D(2025, 6, 10), D(2025, 12, 11)]);
        sim.Tasks.ShouldAllBe(t => t.Status == InspectionTaskStatus.Done);
    }

    [Fact]
    public void Equity_is_revalued_monthly_and_the_next_task_opens_with_the_valuation_that_completes_the_last()
    {
        var sim = WithCollateral(CollateralType.Equity, Disbursed);
        sim.Diligent = true;
        sim.Run(Disbursed, D(2025, 12, 31));

        // Counted from each valuation. With a thirty-day lead the next task opens thirty days before it is due: the
        // day after the valuation when the month has 31 days, otherwise the very day the valuation completes the last.
        Dues(sim.Tasks).ShouldBe([.. Enumerable.Range(1, 12).Select(Disbursed.AddMonths)]);
        sim.Tasks.Select(t => t.CreatedOn).ShouldBe(
        [
            D(2025, 1, 11), D(2025, 2, 10), D(2025, 3, 11), D(2025, 4, 10), D(2025, 5, 11), D(2025, 6, 10),
            D(2025, 7, 11), D(2025, 8, 11), D(2025, 9, 10), D(2025, 10, 11), D(2025, 11, 10), D(2025, 12, 11),
        ]);
        sim.Log.Where(l => l.On == D(2025, 2, 10)).Select(l => l.Step).ShouldBe(
        [
            new CompleteTask(sim.Tasks[0].Id, D(2025, 2, 10), "valued on 2025-02-10"),
            new CreateTask(TaskKinds.CollateralRevaluation, 77, D(2025, 3, 10), D(2025, 2, 10), 1, "Equity revaluation every month, last valued 2025-02-10"),
        ]);
    }

    [Fact]
    public void A_deposit_is_never_revalued()
    {
        var sim = WithCollateral(CollateralType.Deposit, D(2020, 1, 1)).Run(Disbursed, D(2026, 1, 9));

        sim.Tasks.ShouldBeEmpty();
    }

    // ---- closing, idempotence, neglect, onboarding ----

    [Theory]
    [InlineData(LoanStatus.Closed, "the loan is closed")]
    [InlineData(LoanStatus.WrittenOff, "the loan is written off")]
    public void A_loan_that_ends_has_its_open_tasks_cancelled(LoanStatus status, string reason)
    {
        var sim = new PlanSimulation(Segment.Project, Disbursed);
        sim.Collateral.Add(new PlanCollateral(5, CollateralType.RealEstate, D(2024, 2, 1)));
        sim.Run(Disbursed, D(2025, 1, 20));
        var open = sim.Tasks.Where(t => t.IsOpen).Select(t => t.Id).ToList();
        open.Count.ShouldBe(4);

        sim.Status = status;
        var steps = sim.Day(D(2025, 1, 21));

        steps.ShouldBe([.. open.Select(id => (PlanStep)new CancelTask(id, reason))]);
        sim.Tasks.ShouldAllBe(t => t.Status == InspectionTaskStatus.Cancelled);
        sim.Run(D(2025, 1, 22), D(2025, 12, 31));
        sim.Tasks.Count.ShouldBe(4);
    }

    [Fact]
    public void Planning_twice_on_any_day_of_a_busy_year_changes_nothing()
    {
        // The simulation plans every day twice and checks the second plan is empty.
        var corporate = new PlanSimulation(Segment.Corporate, Disbursed) { Diligent = true };
        corporate.Collateral.Add(new PlanCollateral(1, CollateralType.RealEstate, D(2024, 2, 1)));
        corporate.Collateral.Add(new PlanCollateral(2, CollateralType.Equity, D(2025, 1, 31)));
        corporate.Collateral.Add(new PlanCollateral(3, CollateralType.Receivables, D(2024, 8, 31)));
        corporate.Run(Disbursed, D(2026, 3, 31), morning: date =>
        {
            corporate.RiskClass = date.Month switch
            {
                3 or 4 => RiskClass.SpecialMention,
                6 => RiskClass.Substandard,
                9 => RiskClass.SpecialMention,
                _ => RiskClass.Normal,
            };
            corporate.Diligent = date.Month != 11;
            if (date == D(2026, 3, 1)) corporate.Status = LoanStatus.Closed;
        });
        corporate.Tasks.ShouldAllBe(t => !t.IsOpen);

        var retail = new PlanSimulation(Segment.Retail, D(2025, 1, 31), VisitPolicy.Default with { RetailSampleNormal = 1 })
        {
            Principal = 800_000m,
        };
        retail.Run(D(2025, 1, 31), D(2026, 1, 31), morning: date => retail.Diligent = date.Day % 2 == 0);
        retail.OfKind(TaskKinds.PeriodicInspection).ShouldNotBeEmpty();
    }

    [Fact]
    public void An_inspection_never_done_stays_the_only_open_one_and_after_cancelling_the_next_starts_on_the_series()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed).Run(Disbursed, D(2025, 8, 14));

        var periodic = sim.OfKind(TaskKinds.PeriodicInspection).ShouldHaveSingleItem();
        periodic.ShouldSatisfyAllConditions(t => t.IsOpen.ShouldBeTrue(), t => t.DueOn.ShouldBe(D(2025, 4, 10)));
        sim.OfKind(TaskKinds.FirstInspection).ShouldHaveSingleItem().IsOpen.ShouldBeTrue();

        sim.Cancel(periodic.Id);
        sim.Day(D(2025, 8, 15)).ShouldBe(
        [
            new CreateTask(TaskKinds.PeriodicInspection, null, D(2025, 10, 10), D(2025, 7, 10), 3, "periodic inspection of a normal corporate loan, every quarter"),
        ]);
    }

    [Fact]
    public void An_inspection_done_late_does_not_shift_the_series()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed).Run(Disbursed, D(2025, 5, 14));
        var first = sim.OfKind(TaskKinds.PeriodicInspection).Single();

        sim.Complete(first.Id, D(2025, 5, 15));
        sim.Day(D(2025, 5, 15)).OfType<CreateTask>().ShouldHaveSingleItem().DueOn.ShouldBe(D(2025, 7, 10));
    }

    [Fact]
    public void A_first_inspection_whose_window_has_passed_at_onboarding_is_not_created()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed);

        var steps = sim.Day(D(2025, 1, 26));

        steps.OfType<CreateTask>().ShouldNotContain(c => c.Kind == TaskKinds.FirstInspection);
        steps.OfType<CreateTask>().ShouldHaveSingleItem().DueOn.ShouldBe(D(2025, 4, 10));
    }

    [Fact]
    public void A_loan_taken_on_on_the_last_day_of_its_window_still_gets_its_first_inspection()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed);

        sim.Day(D(2025, 1, 25)).OfType<CreateTask>().ShouldContain(c => c.Kind == TaskKinds.FirstInspection && c.DueOn == D(2025, 1, 25));
    }

    [Fact]
    public void A_loan_taken_on_late_starts_its_series_at_the_next_date_rather_than_the_missed_ones()
    {
        var sim = new PlanSimulation(Segment.Corporate, Disbursed);

        sim.Day(D(2025, 5, 1)).ShouldBe(
        [
            new CreateTask(TaskKinds.PeriodicInspection, null, D(2025, 7, 10), D(2025, 4, 10), 3, "periodic inspection of a normal corporate loan, every quarter"),
        ]);
    }
}
