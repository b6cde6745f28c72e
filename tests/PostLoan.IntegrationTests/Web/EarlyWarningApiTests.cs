using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PostLoan.Application.Import;
using PostLoan.Domain.EarlyWarning;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Web;

/// <summary>The alert queue, alert actions and the watch list over HTTP: scopes, roles, problem details, and the audit trail's actor.</summary>
public sealed class EarlyWarningApiTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    private static readonly DateOnly BusinessDate = new(2025, 6, 30); // a Monday: the fixture's end-of-day date

    private long Raise(string loan, Severity severity, string rule, DateOnly? raisedOn = null)
    {
        using var db = host.Db.Settings.CreateContext();
        var alert = Alert.Raise(rule, 1, db.Loans.Single(l => l.ExternalId == loan).Id, severity, raisedOn ?? BusinessDate, """{"dpd":35}""");
        db.Alerts.Add(alert);
        db.SaveChanges();
        return alert.Id;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task The_queue_puts_red_first_and_keeps_to_the_scope()
    {
        Raise("L1002", Severity.Yellow, "Q-Y");   // branch SC01
        Raise("L1002", Severity.Red, "Q-R");
        Raise("L1001", Severity.Orange, "Q-O");   // branch ZJ01, manager ZJ01-AM01

        using var risk = await host.Client("risk");
        var all = await Json(await risk.GetAsync("/api/alerts?pageSize=500"), HttpStatusCode.OK);
        var rules = all.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("ruleCode").GetString()).Where(r => r!.StartsWith("Q-")).ToList();
        rules.ShouldBe(["Q-R", "Q-O", "Q-Y"]);
        all.GetProperty("alerts").EnumerateArray().First(a => a.GetProperty("ruleCode").GetString() == "Q-R").GetProperty("facts").GetProperty("dpd").GetInt32().ShouldBe(35);

        using var branch = await host.Client("bm.sc01");
        var sc01 = await Json(await branch.GetAsync("/api/alerts?pageSize=500"), HttpStatusCode.OK);
        sc01.GetProperty("alerts").EnumerateArray().ShouldAllBe(a => a.GetProperty("branch").GetString() == "SC01");

        var red = await Json(await risk.GetAsync("/api/alerts?severity=red&rule=Q-R"), HttpStatusCode.OK);
        red.GetProperty("total").GetInt32().ShouldBe(1);
        (await risk.GetAsync("/api/alerts?severity=purple")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_alert_left_past_its_due_date_shows_as_breached()
    {
        // Raised on a Wednesday as red: due Thursday, long past on the business date.
        var late = Raise("L3001", Severity.Red, "SLA-LATE", new DateOnly(2025, 6, 18));
        using var risk = await host.Client("risk");

        var breached = await Json(await risk.GetAsync("/api/alerts?sla=breached&rule=SLA-LATE"), HttpStatusCode.OK);
        breached.GetProperty("alerts")[0].GetProperty("id").GetInt64().ShouldBe(late);
        breached.GetProperty("alerts")[0].GetProperty("slaBreached").GetBoolean().ShouldBeTrue();
        (await Json(await risk.GetAsync("/api/alerts?sla=on_time&rule=SLA-LATE"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_risk_officer_works_an_alert_through_its_lifecycle_and_the_audit_names_them()
    {
        var id = Raise("L2001", Severity.Orange, "LIFE");
        using var risk = await host.Client("risk");

        (await risk.PostAsJsonAsync($"/api/alerts/{id}/resolve", new { note = "too early" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Json(await risk.PostAsync($"/api/alerts/{id}/acknowledge", null), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("Acknowledged");
        (await risk.PostAsJsonAsync($"/api/alerts/{id}/dismiss", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(await risk.PostAsJsonAsync($"/api/alerts/{id}/escalate", new { to = "role:legal_officer", note = "court filing" }), HttpStatusCode.OK))
            .GetProperty("status").GetString().ShouldBe("Escalated");

        host.Db.Count($"SELECT COUNT(*) FROM audit_entries WHERE entity_type = 'alert' AND entity_id = '{id}' AND actor = 'user:risk'").ShouldBe(2);
    }

    [Fact]
    public async Task Readers_cannot_act_and_an_alert_outside_the_scope_is_not_found()
    {
        var id = Raise("L1001", Severity.Yellow, "ROLE"); // ZJ01
        using var auditor = await host.Client("auditor");
        (await auditor.PostAsync($"/api/alerts/{id}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var sc01 = await host.Client("bm.sc01");
        (await sc01.PostAsync($"/api/alerts/{id}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var manager = await host.Client("am.zj01");
        (await manager.PostAsync($"/api/alerts/{id}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_watch_list_over_http()
    {
        using var manager = await host.Client("am.zj01");
        var added = await Json(await manager.PostAsJsonAsync("/api/watchlist", new { borrower = "B1001", reason = "job loss reported", owner = "am.zj01", reviewOn = "2025-09-30" }),
            HttpStatusCode.OK);
        added.GetProperty("addedOn").GetString().ShouldBe("2025-06-30");
        (await manager.PostAsJsonAsync("/api/watchlist", new { borrower = "B1002", reason = "x", owner = "am.zj01", reviewOn = "2025-09-30" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound); // B1002 is not this manager's borrower
        (await manager.PostAsJsonAsync("/api/watchlist", new { borrower = "B1001", reason = "again", owner = "am.zj01", reviewOn = "2025-09-30" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        using var auditor = await host.Client("auditor");
        var listed = await Json(await auditor.GetAsync("/api/watchlist"), HttpStatusCode.OK);
        listed.EnumerateArray().Select(e => e.GetProperty("borrowerExternalId").GetString()).ShouldContain("B1001");
        (await auditor.PostAsJsonAsync("/api/watchlist/B1001/remove", new { reason = "no" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await Json(await manager.PostAsJsonAsync("/api/watchlist/B1001/remove", new { reason = "found a new job" }), HttpStatusCode.OK))
            .GetProperty("borrowerExternalId").GetString().ShouldBe("B1001");
        host.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE action LIKE 'watchlist.%' AND actor = 'user:am.zj01'").ShouldBe(2);
    }

    [Fact]
    public async Task Rules_are_checked_live_saved_by_risk_officers_and_back_tested()
    {
        using var risk = await host.Client("risk");
        var bad = await Json(await risk.PostAsJsonAsync("/api/rules/check", new { condition = "dpd >= 30 and" }), HttpStatusCode.OK);
        bad.GetProperty("valid").GetBoolean().ShouldBeFalse();
        bad.GetProperty("errors")[0].GetProperty("column").GetInt32().ShouldBe(14);
        var good = await Json(await risk.PostAsJsonAsync("/api/rules/check", new { condition = "max_over(dpd, 3) >= 30" }), HttpStatusCode.OK);
        good.GetProperty("reads").EnumerateArray().Select(r => r.GetString()).ShouldContain("dpd@-3m");

        var draft = new { code = "API01", name = "Thirty days", severity = "orange", segments = new[] { "retail" }, condition = "dpd >= 30" };
        using var manager = await host.Client("am.zj01");
        (await manager.PostAsJsonAsync("/api/rules", draft)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Json(await risk.PostAsJsonAsync("/api/rules", draft), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("Draft");
        (await risk.PostAsJsonAsync("/api/rules", draft with { condition = "dpd >= " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await risk.PostAsync("/api/rules/API01/1/request", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await risk.PostAsync("/api/rules/API01/1/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict); // the requester cannot approve

        var report = await Json(await risk.PostAsJsonAsync("/api/rules/backtest", new { rule = "API01", from = "2025-01-01", to = "2025-03-01" }), HttpStatusCode.OK);
        report.GetProperty("condition").GetString().ShouldBe("dpd >= 30");
        report.GetProperty("result").GetProperty("months").GetArrayLength().ShouldBe(3);
        var overFeatures = await Json(await risk.PostAsJsonAsync("/api/rules/backtest", new { rule = "ltv > 0.9 or max_dpd_6m >= 60", from = "2025-01-01", to = "2025-03-01" }), HttpStatusCode.OK);
        overFeatures.GetProperty("result").GetProperty("months").GetArrayLength().ShouldBe(3);
        (await risk.PostAsJsonAsync("/api/rules/backtest", new { rule = "ltv >", from = "2025-01-01", to = "2025-03-01" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_loans_features_are_read_as_end_of_day_computes_them_within_the_scope()
    {
        new ImportService(host.Db.Settings).Import(ImportKind.Bureau, Examples.File("bureau.csv")).Succeeded.ShouldBeTrue();
        using var risk = await host.Client("risk");

        var body = await Json(await risk.GetAsync("/api/loans/L1001/features"), HttpStatusCode.OK);

        body.GetProperty("asOf").GetString().ShouldBe("2025-06-30");
        var features = body.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value"));
        features.Count.ShouldBe(PostLoan.Domain.EarlyWarning.Features.StandardFeatures.All.Count);
        features["bureau_total_debt"].GetDecimal().ShouldBe(820000m);        // B1001's snapshot of 31 March 2025
        features["bureau_age_days"].GetInt32().ShouldBe(91);
        features["segment"].GetString().ShouldBe("retail");
        features["behaviour_score"].ValueKind.ShouldBe(JsonValueKind.Null); // no behaviour model yet
        var state = await Json(await risk.GetAsync("/api/loans/L1001"), HttpStatusCode.OK);
        features["dpd"].GetInt32().ShouldBe(state.GetProperty("state").GetProperty("dpd").GetInt32());

        using var manager = await host.Client("am.zj01");
        (await manager.GetAsync("/api/loans/L1002/features")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // another branch's loan
        (await manager.GetAsync("/api/loans/L1001/features")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
