using PostLoan.Application.Common;
using PostLoan.Application.EarlyWarning;
using PostLoan.Application.Import;
using PostLoan.IntegrationTests.Support;
using Shouldly;
using static PostLoan.IntegrationTests.Support.Book;

namespace PostLoan.IntegrationTests.EarlyWarning;

/// <summary>
/// End-of-day raising alerts from the active rules. Three consumer loans due on the 15th from February 2024: A1 pays on
/// time; B1 stops after March; C1 misses April and catches up on 10 May.
/// </summary>
public sealed class AlertRaiserTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public AlertRaiserTests()
    {
        ConsumerBook.Import(_db, "A1", "B1", "C1");
        Eod(_db, through: new DateOnly(2024, 4, 24));
    }

    public void Dispose() => _db.Dispose();

    private void Activate(string code, string severity, string condition, params string[] segments)
    {
        var book = new RuleBook(_db.Settings, TimeProvider.System);
        book.Save(new RuleDraft(code, code, severity, segments, condition), "user:li").Succeeded.ShouldBeTrue();
        book.RequestActivation(code, 1, "user:li").Succeeded.ShouldBeTrue();
        book.Approve(code, 1, "user:wang").Succeeded.ShouldBeTrue();
    }

    private IReadOnlyList<AlertRow> Alerts(string status = "all") =>
        new AlertQueue(_db.Settings).List(new AlertQueueRequest(Status: status, PageSize: 500), DataScope.All).Value!.Alerts;

    [Fact]
    public void End_of_day_raises_an_alert_where_an_active_rule_holds_with_the_values_it_read()
    {
        Activate("DQ10", "orange", "dpd >= 10");

        var result = Eod(_db, date: new DateOnly(2024, 4, 25));

        result.AlertsRaised.ShouldBe(2); // B1 and C1: ten days past the 15 April installment
        var alerts = Alerts();
        alerts.Select(a => a.LoanExternalId).Order().ShouldBe(["B1", "C1"]);
        alerts.ShouldAllBe(a => a.RuleCode == "DQ10" && a.RuleVersion == 1 && a.RaisedOn == new DateOnly(2024, 4, 25));
        alerts[0].Facts["dpd"].GetInt32().ShouldBe(10);
        _db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'eod.run' AND after LIKE '%\"alerts_raised\":2%'").ShouldBe(1);
    }

    [Fact]
    public void An_alert_keeps_each_value_its_rule_read_by_feature_and_month_with_missing_ones_as_null()
    {
        Activate("DQ11", "yellow", "dpd >= 10 and segment == 'retail' and not on_watch_list and (is_missing(bureau_age_days) or ago(dpd, 1) >= 0)");

        Eod(_db, date: new DateOnly(2024, 4, 25)).AlertsRaised.ShouldBe(2);

        _db.DumpTable("SELECT l.external_id, a.facts FROM alerts a JOIN loans l ON l.id = a.loan_id ORDER BY l.external_id").ShouldBe(
            "external_id=B1;facts={\"bureau_age_days\":null,\"dpd\":10,\"dpd@-1m\":0,\"on_watch_list\":false,\"segment\":\"retail\"};\n" +
            "external_id=C1;facts={\"bureau_age_days\":null,\"dpd\":10,\"dpd@-1m\":0,\"on_watch_list\":false,\"segment\":\"retail\"};\n");
    }

    [Fact]
    public void An_open_alert_is_not_raised_again_and_a_closed_one_holds_the_rule_back_for_30_days()
    {
        Activate("DQ10", "orange", "dpd >= 10");
        Eod(_db, date: new DateOnly(2024, 4, 25));
        Eod(_db, date: new DateOnly(2024, 4, 26)).AlertsRaised.ShouldBe(0);

        var b1 = Alerts().Single(a => a.LoanExternalId == "B1").Id;
        var actions = new AlertActions(_db.Settings, TimeProvider.System);
        actions.Acknowledge(b1, "user:li", DataScope.All).Succeeded.ShouldBeTrue();
        actions.Dismiss(b1, "borrower in hospital, family paying next week", "user:li", DataScope.All).Succeeded.ShouldBeTrue();
        Eod(_db, through: new DateOnly(2024, 5, 26)).AlertsRaised.ShouldBe(0); // dismissed on 26 April: held back to 26 May
        Eod(_db, date: new DateOnly(2024, 5, 27)).AlertsRaised.ShouldBe(1);     // B1, still unpaid
        Alerts("open").Select(a => a.LoanExternalId).Order().ShouldBe(["B1", "C1"]);
    }

    [Fact]
    public void History_functions_read_month_end_snapshots_and_segments_limit_the_rule()
    {
        // On 15 June, B1 was already overdue at the April and May month ends; C1 only at April's.
        Activate("DQ11", "red", "dpd > 0 and count_over(dpd > 0, 2) >= 3");
        Activate("CORP", "yellow", "dpd >= 1", "corporate");

        var result = Eod(_db, through: new DateOnly(2024, 6, 15));

        Alerts().Select(a => (a.RuleCode, a.LoanExternalId)).ShouldBe([("DQ11", "B1")]);
        result.AlertsRaised.ShouldBe(1);
    }

    [Fact]
    public void Delinquency_history_reads_the_highest_dpd_of_the_window_and_the_times_a_loan_went_30_plus()
    {
        // C1 missed the 15 April installment and paid it on 10 May: 24 DPD on 9 May, current since.
        // B1 has paid nothing since March: 30 DPD on 15 May (the April installment), still overdue.
        Activate("CURED", "yellow", "dpd == 0 and max_dpd_3m >= 20");
        Activate("THIRTY", "orange", "times_30_plus_12m >= 1");

        Eod(_db, through: new DateOnly(2024, 5, 20));

        var alerts = Alerts();
        alerts.Select(a => (a.RuleCode, a.LoanExternalId)).Order().ShouldBe([("CURED", "C1"), ("THIRTY", "B1")]);
        alerts.Single(a => a.RuleCode == "CURED").Facts["max_dpd_3m"].GetInt32().ShouldBe(24);
    }

    [Fact]
    public void Days_since_the_last_payment_come_from_the_servicing_state()
    {
        // On 25 April, B1 and C1 last paid on 15 March; A1 on 15 April.
        Activate("QUIET", "orange", "days_since_last_payment > 30");

        Eod(_db, date: new DateOnly(2024, 4, 25)).AlertsRaised.ShouldBe(2);

        var alerts = Alerts();
        alerts.Select(a => a.LoanExternalId).Order().ShouldBe(["B1", "C1"]);
        alerts.ShouldAllBe(a => a.Facts["days_since_last_payment"].GetInt32() == 41);
    }

    [Fact]
    public void Monitoring_data_known_by_the_date_feeds_the_rules()
    {
        // A1 pays on time but the bureau shows debt overdue at other lenders from its 30 April snapshot.
        ImportCsv(_db, ImportKind.Bureau, """
            borrower_external_id,as_of,total_debt,overdue_debt,overdue_90_debt,inquiries_3m,source
            PA1,2024-03-31,50000.00,0.00,0.00,1,人民银行征信中心
            PA1,2024-04-30,56000.00,8000.00,0.00,4,人民银行征信中心
            """);
        Activate("BU01", "orange", "bureau_overdue_elsewhere and dpd == 0");
        Eod(_db, date: new DateOnly(2024, 4, 25)).AlertsRaised.ShouldBe(0); // the April snapshot is not known yet
        Eod(_db, through: new DateOnly(2024, 4, 30)).AlertsRaised.ShouldBe(1);
        Activate("GROW", "yellow", "bureau_age_days <= 30 and change(bureau_total_debt, 2) > 0.1"); // 50,000 at the March month end
        Eod(_db, through: new DateOnly(2024, 5, 2)).AlertsRaised.ShouldBe(1);

        var alerts = Alerts();
        alerts.Select(a => (a.RuleCode, a.LoanExternalId, a.RaisedOn)).Order()
            .ShouldBe([("BU01", "A1", new DateOnly(2024, 4, 30)), ("GROW", "A1", new DateOnly(2024, 5, 2))]);
        alerts.Single(a => a.RuleCode == "GROW").Facts["bureau_total_debt@-2m"].GetDecimal().ShouldBe(50000m);
    }

    private (string Class, string Rule, string Stage) StateOf(string loan)
    {
        using var db = _db.Settings.CreateContext();
        var id = db.Loans.Single(l => l.ExternalId == loan).Id;
        var state = db.LoanStates.Single(s => s.LoanId == id);
        return (state.RiskClass.ToString(), state.ClassRule, state.StageReason);
    }

    [Fact]
    public void An_open_red_alert_makes_a_performing_loan_special_mention_until_it_is_closed()
    {
        Activate("EX99", "red", "product == 'CONSUMER' and dpd == 0"); // fires on A1, the loan that pays on time
        Eod(_db, date: new DateOnly(2024, 4, 25));
        StateOf("A1").Class.ShouldBe("Normal"); // raised after today's servicing: it counts from the next day

        Eod(_db, date: new DateOnly(2024, 4, 26));
        StateOf("A1").ShouldBe(("SpecialMention", "red_alert_open", "special mention"));

        var id = Alerts().Single(a => a.LoanExternalId == "A1").Id;
        var actions = new AlertActions(_db.Settings, TimeProvider.System);
        actions.Acknowledge(id, "user:li", DataScope.All).Succeeded.ShouldBeTrue();
        actions.Resolve(id, "employer confirmed the salary continues", "user:li", DataScope.All).Succeeded.ShouldBeTrue();
        Eod(_db, date: new DateOnly(2024, 4, 27));
        StateOf("A1").Class.ShouldBe("Normal");
    }

    [Fact]
    public void A_borrower_on_the_watch_list_has_their_loans_in_stage_2_until_taken_off()
    {
        var list = new WatchListService(_db.Settings, TimeProvider.System);
        list.Add("PA1", "employer announced lay-offs", "user:zhang", new DateOnly(2024, 7, 24), "user:li", DataScope.All).Succeeded.ShouldBeTrue();

        Eod(_db, date: new DateOnly(2024, 4, 25));
        StateOf("A1").ShouldBe(("Normal", "performing", "on the watch list"));

        list.Remove("PA1", "kept the job", "user:li", DataScope.All).Succeeded.ShouldBeTrue();
        Eod(_db, date: new DateOnly(2024, 4, 26));
        StateOf("A1").Stage.ShouldBe("performing");
    }
}
