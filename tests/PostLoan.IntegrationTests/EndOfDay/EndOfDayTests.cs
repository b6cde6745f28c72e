using PostLoan.Application.Configuration;
using PostLoan.Application.Import;
using PostLoan.Application.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.IntegrationTests.Support;
using Shouldly;
using static PostLoan.IntegrationTests.Support.Book;

namespace PostLoan.IntegrationTests.EndOfDay;

/// <summary>From CSV import through end-of-day to the loan view, on a real SQLite file.</summary>
public sealed class EndOfDayTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 5, 20);
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    // L1: consumer loan, pays Feb and Mar, then stops: 35 days past due on 20 May.
    private static readonly Installment[] L1 = Schedule(120_000m, 6m, 12, "equal-installment", new(2025, 1, 15), new(2025, 2, 15));
    // L2: corporate working capital, pays interest for Dec and Jan, then stops: 99 days past due.
    private static readonly Installment[] L2 = Schedule(1_000_000m, 4.8m, 12, "interest-only", new(2024, 11, 10), new(2024, 12, 10));
    // L3: the same company's fixed-asset loan, paid on time: pulled down by cross default.
    private static readonly Installment[] L3 = Schedule(5_000_000m, 4.2m, 36, "equal-principal", new(2024, 12, 1), new(2025, 1, 1));
    // L4: car loan paid on time, but the bureau shows 30 % of the borrower's debts 90+ days overdue.
    private static readonly Installment[] L4 = Schedule(100_000m, 5m, 36, "equal-installment", new(2025, 1, 5), new(2025, 2, 5));

    internal static void ImportBook(TempDatabase db)
    {
        ImportCsv(db, ImportKind.Borrowers, """
            external_id,kind,name,national_id,phone,region,industry,account_manager,branch,bureau_total_debt,bureau_overdue_90_debt,bureau_as_of
            B1,individual,张三,110105199001011234,13800000001,北京,,BJ01-AM01,BJ01,,,
            B2,corporate,华盛机械制造有限公司,91110105MA01ABCD1X,010-66000000,北京,manufacturing,BJ01-AM02,BJ01,,,
            B3,individual,李四,310115198505051236,13900000002,上海,,SH01-AM01,SH01,100000.00,30000.00,2025-03-01
            """);
        ImportCsv(db, ImportKind.Loans, """
            external_id,borrower_external_id,product,segment,currency,principal,annual_rate_percent,term_months,disbursed_on,first_due_on,method,grace_days,penalty_uplift_percent,purpose,entrusted_payment,restructured_on,class_before_restructure,extended
            L1,B1,CONSUMER,retail,CNY,120000.00,6,12,2025-01-15,2025-02-15,equal-installment,0,50,装修,false,,,false
            L2,B2,WORKING_CAPITAL,corporate,CNY,1000000.00,4.8,12,2024-11-10,2024-12-10,interest-only,0,50,流动资金周转,true,,,false
            L3,B2,FIXED_ASSET,corporate,CNY,5000000.00,4.2,36,2024-12-01,2025-01-01,equal-principal,0,50,购置设备,true,,,false
            L4,B3,AUTO,retail,CNY,100000.00,5,36,2025-01-05,2025-02-05,equal-installment,0,50,购车,false,,,false
            """);
        ImportCsv(db, ImportKind.Repayments, "external_id,loan_external_id,date,amount,note\n"
            + PayOnTime("L1", L1.Take(2), "R1")
            + PayOnTime("L2", L2.Take(2), "R2")
            + PayOnTime("L3", L3.Where(i => i.DueDate <= AsOf), "R3")
            + PayOnTime("L4", L4.Where(i => i.DueDate <= AsOf), "R4"));
    }

    private LoanDetails Show(string id)
    {
        var result = new LoanDetailsQuery(_db.Settings, new ServicingSettings()).Get(id);
        result.Succeeded.ShouldBeTrue(result.Failure?.Message);
        return result.Value!;
    }

    [Fact]
    public void Import_then_end_of_day_gives_each_loan_its_state_class_and_reason()
    {
        ImportBook(_db);
        var run = Eod(_db, through: AsOf);
        run.From.ShouldBe(new DateOnly(2024, 11, 10)); // the first run builds history from the earliest disbursement
        run.BusinessDate.ShouldBe(AsOf);

        var l1 = Show("L1").State!;
        l1.Dpd.ShouldBe(35);
        l1.Bucket.ShouldBe("M2");
        l1.Class.ShouldBe("special_mention");
        l1.ClassRule.ShouldBe("overdue");
        l1.Stage.ShouldBe(2);
        l1.OverduePrincipal.ShouldBe(L1[2].Principal + L1[3].Principal);
        l1.OverdueInterest.ShouldBe(L1[2].Interest + L1[3].Interest);
        l1.OutstandingPrincipal.ShouldBe(120_000m - L1[0].Principal - L1[1].Principal);
        l1.PenaltyInterest.ShouldBeGreaterThan(0m);

        var l2 = Show("L2").State!;
        l2.Dpd.ShouldBe(99);
        l2.Bucket.ShouldBe("M4");
        l2.Class.ShouldBe("substandard");
        l2.ClassRule.ShouldBe("dpd_over_90");
        l2.Stage.ShouldBe(3);
        l2.Provision.ShouldBe(250_000.00m);

        var l3 = Show("L3").State!;
        l3.Dpd.ShouldBe(0);
        l3.Class.ShouldBe("substandard");
        l3.ClassRule.ShouldBe("cross_default");
        l3.Stage.ShouldBe(3);

        var l4 = Show("L4").State!;
        l4.Dpd.ShouldBe(0);
        l4.Class.ShouldBe("substandard");
        l4.ClassRule.ShouldBe("bureau_overdue_share");
    }

    [Fact]
    public void Class_history_records_each_change_on_the_day_it_happened()
    {
        ImportBook(_db);
        Eod(_db, through: AsOf);

        var l2 = Show("L2").History.Where(h => h.Kind == "class").ToList();
        l2.Select(h => (h.Date, h.To)).ShouldBe([
            (new DateOnly(2024, 11, 10), "normal"),
            (new DateOnly(2025, 2, 11), "special_mention"),
            (new DateOnly(2025, 5, 12), "substandard"),
        ]);
        l2[2].Rule.ShouldBe("dpd_over_90");
        l2.ShouldAllBe(h => h.Actor == "eod");

        var l3 = Show("L3").History.Where(h => h.Kind == "class").ToList();
        l3[^1].Date.ShouldBe(new DateOnly(2025, 5, 12));
        l3[^1].To.ShouldBe("substandard");
        l3[^1].Rule.ShouldBe("cross_default");

        var buckets = Show("L1").History.Where(h => h.Kind == "bucket").Select(h => (h.Date, h.To)).ToList();
        buckets.ShouldBe([(new DateOnly(2025, 4, 16), "M1"), (new DateOnly(2025, 5, 16), "M2")]);
    }

    [Fact]
    public void Month_end_snapshots_hold_every_loan_disbursed_by_then()
    {
        ImportBook(_db);
        Eod(_db, through: AsOf);
        _db.Count("SELECT COUNT(*) FROM loan_state_snapshots WHERE snapshot_date = '2024-11-30'").ShouldBe(1);
        _db.Count("SELECT COUNT(*) FROM loan_state_snapshots WHERE snapshot_date = '2024-12-31'").ShouldBe(2);
        _db.Count("SELECT COUNT(*) FROM loan_state_snapshots WHERE snapshot_date = '2025-04-30'").ShouldBe(4);
        _db.Count("SELECT dpd FROM loan_state_snapshots s JOIN loans l ON l.id = s.loan_id WHERE l.external_id = 'L2' AND snapshot_date = '2025-04-30'").ShouldBe(79);
        _db.Count("SELECT COUNT(*) FROM loan_state_snapshots WHERE snapshot_date = '2025-05-31'").ShouldBe(0);
    }

    [Fact]
    public void Running_the_same_date_twice_changes_nothing()
    {
        ImportBook(_db);
        Eod(_db, through: AsOf);
        var before = _db.DumpServicing();

        Eod(_db, date: AsOf).AlreadyDone.ShouldBeTrue();
        Eod(_db, through: AsOf).AlreadyDone.ShouldBeTrue();
        Eod(_db, through: AsOf.AddDays(-10)).AlreadyDone.ShouldBeTrue();

        _db.DumpServicing().ShouldBe(before);
        _db.Count("SELECT COUNT(*) FROM end_of_day_runs").ShouldBe(1);
    }

    [Fact]
    public void Day_by_day_runs_reach_the_same_state_and_history_as_one_catch_up()
    {
        ImportBook(_db);
        Eod(_db, through: AsOf);

        using var daily = new TempDatabase();
        ImportBook(daily);
        Eod(daily, through: new DateOnly(2025, 4, 1));
        for (var d = new DateOnly(2025, 4, 2); d <= AsOf; d = d.AddDays(1))
            Eod(daily, date: d).AlreadyDone.ShouldBeFalse();

        daily.DumpServicing(withAsOf: false).ShouldBe(_db.DumpServicing(withAsOf: false));
    }

    [Fact]
    public void A_date_that_skips_ahead_is_refused_with_the_next_date_to_run()
    {
        ImportBook(_db);
        Eod(_db, through: AsOf);
        var result = new Application.EndOfDay.EndOfDayService(_db.Settings, new ServicingSettings(), TimeProvider.System)
            .Run(new Application.EndOfDay.EndOfDayRequest(Date: AsOf.AddDays(3)));
        result.Succeeded.ShouldBeFalse();
        result.Failure!.Message.ShouldContain("2025-05-21");
    }

    [Fact]
    public void A_repayment_imported_later_cures_the_loan_on_its_value_date()
    {
        ImportBook(_db);
        Eod(_db, through: AsOf);
        var l1 = Show("L1");
        var arrears = l1.State!.OverduePrincipal + l1.State.OverdueInterest + l1.State.PenaltyInterest + l1.State.CompoundInterest;
        // Penalty keeps accruing for the 21st as well; pay a little more than is owed today.
        ImportCsv(_db, ImportKind.Repayments, $"external_id,loan_external_id,date,amount,note\nR1-cure,L1,2025-05-21,{A(arrears + 50m)},补缴欠款\n");

        Eod(_db, date: AsOf.AddDays(1));

        var cured = Show("L1");
        cured.State!.Dpd.ShouldBe(0);
        cured.State.Bucket.ShouldBe("C");
        cured.State.Class.ShouldBe("normal");
        cured.History.ShouldContain(h => h.Kind == "bucket" && h.To == "C" && h.Date == new DateOnly(2025, 5, 21));
        cured.Schedule.Take(4).ShouldAllBe(i => i.Status == "paid" || i.Status == "paid late");
        cured.Schedule[2].Status.ShouldBe("paid late");
    }

    [Fact]
    public void A_full_recompute_reaches_the_same_state_as_the_daily_run()
    {
        ImportBook(_db);
        Eod(_db, through: AsOf);
        using var full = new TempDatabase();
        ImportBook(full);
        Eod(full, through: AsOf);

        Eod(_db, date: AsOf.AddDays(1));
        var result = new Application.EndOfDay.EndOfDayService(full.Settings, new ServicingSettings(), TimeProvider.System)
            .Run(new Application.EndOfDay.EndOfDayRequest(Date: AsOf.AddDays(1), Full: true));
        result.Value!.LoansProcessed.ShouldBe(4);

        full.DumpServicing(withAsOf: false).ShouldBe(_db.DumpServicing(withAsOf: false));
    }

    [Fact]
    public void A_restructured_loan_keeps_its_non_performing_class_through_the_observation_period()
    {
        var schedule = Schedule(2_000_000m, 4.5m, 24, "equal-installment", new(2024, 8, 1), new(2024, 9, 1));
        ImportCsv(_db, ImportKind.Borrowers, "external_id,kind,name\nB5,corporate,蜀南纺织有限公司\n");
        ImportCsv(_db, ImportKind.Loans,
            "external_id,borrower_external_id,product,segment,principal,annual_rate_percent,term_months,disbursed_on,first_due_on,method,restructured_on,class_before_restructure\n"
            + "L5,B5,WORKING_CAPITAL,corporate,2000000.00,4.5,24,2024-08-01,2024-09-01,equal-installment,2025-01-20,substandard\n");
        ImportCsv(_db, ImportKind.Repayments, "external_id,loan_external_id,date,amount,note\n" + PayOnTime("L5", schedule.Where(i => i.DueDate <= AsOf), "R5"));
        Eod(_db, through: AsOf);

        var loan = Show("L5");
        loan.Restructured.ShouldBeTrue();
        loan.State!.Dpd.ShouldBe(0);
        loan.State.Class.ShouldBe("substandard");
        loan.State.ClassRule.ShouldBe("restructured_npl");
        loan.State.InRestructureObservation.ShouldBeTrue();
        // Starts at the first due date after the restructuring (2025-02-01) and lasts twelve months.
        loan.State.ObservationEnds.ShouldBe(new DateOnly(2026, 2, 1));
        loan.History.Where(h => h.Kind == "class").Select(h => (h.Date, h.To)).ShouldBe([
            (new DateOnly(2024, 8, 1), "normal"),
            (new DateOnly(2025, 1, 20), "substandard"),
        ]);
    }
}
