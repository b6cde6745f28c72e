using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Demo;
using PostLoan.Application.EarlyWarning;
using PostLoan.Application.Scoring;
using PostLoan.Domain.Servicing;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Web;

/// <summary>
/// The web host over a demo book with two years of history: behaviour model version 1 trained, promoted and scoring
/// the book (today and the month ends since January 2024), and version 2 trained and left as a draft.
/// </summary>
public sealed class ScoredBookHost : IAsyncLifetime
{
    public static readonly DateOnly Through = new(2025, 6, 30);
    public const string Trainer = "job:test";

    public WebHostFixture Host { get; } = new() { LoadBook = Load };

    private static void Load(TempDatabase db)
    {
        Book.ImportDemo(db, new DemoBookOptions(1500, 24, 11, Through, Monitoring: true));
        Book.Eod(db, through: Through);
        var training = new BehaviourTraining(db.Settings, TimeProvider.System);
        var models = new ModelBook(db.Settings, TimeProvider.System);
        var first = training.Train(new BehaviourTrainingRequest(new DateOnly(2024, 6, 30), Folds: 3, Seed: 5), Trainer);
        first.Succeeded.ShouldBeTrue(first.Failure?.Message);
        models.RequestPromotion(first.Value.Model.Version, Trainer).Succeeded.ShouldBeTrue();
        models.Approve(first.Value.Model.Version, "user:risk").Succeeded.ShouldBeTrue();
        new ScoreBackfill(db.Settings).Run(new DateOnly(2024, 1, 1)).Succeeded.ShouldBeTrue();
        new AlertRaiser(db.Settings).Raise(Through, EodPartition.Whole, scoreOnly: true).Scored.ShouldBeGreaterThan(0);
        var second = training.Train(new BehaviourTrainingRequest(new DateOnly(2024, 6, 30), Folds: 3, Seed: 6), Trainer);
        second.Succeeded.ShouldBeTrue(second.Failure?.Message);
    }

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>The behaviour model's API: versions and points tables, maker-checker promotion over HTTP, monitoring, and a loan's score within the scope.</summary>
public sealed class ScoringApiTests(ScoredBookHost scored) : IClassFixture<ScoredBookHost>
{
    private WebHostFixture Host => scored.Host;

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Everyone_signed_in_reads_the_versions_with_their_figures_and_a_versions_points_table()
    {
        using var auditor = await Host.Client("auditor");
        var list = await Json(await auditor.GetAsync("/api/models"), HttpStatusCode.OK);
        list.EnumerateArray().Select(m => m.GetProperty("version").GetInt32()).ShouldBe([2, 1]); // newest first
        var v1 = list.EnumerateArray().Single(m => m.GetProperty("version").GetInt32() == 1);
        v1.GetProperty("asOf").GetString().ShouldBe("2024-06-30");
        v1.GetProperty("auc").ValueKind.ShouldBe(JsonValueKind.Number);
        v1.GetProperty("auc").GetDouble().ShouldBeGreaterThan(0.6);
        v1.GetProperty("gini").GetDouble().ShouldBe(2 * v1.GetProperty("auc").GetDouble() - 1, 1e-9);
        v1.GetProperty("challengerAuc").GetDouble().ShouldBeGreaterThan(0.5);
        v1.GetProperty("createdBy").GetString().ShouldBe(ScoredBookHost.Trainer);
        using (var db = Host.Db.Settings.CreateContext())
        {
            var stored = db.BehaviourModels.AsNoTracking().Single(m => m.Version == 1);
            v1.GetProperty("rows").GetInt32().ShouldBe(stored.Rows);
            v1.GetProperty("bad").GetInt32().ShouldBe(stored.Bad);
            v1.GetProperty("auc").GetDouble().ShouldBe(stored.Auc);
        }

        using var manager = await Host.Client("am.zj01");
        var detail = await Json(await manager.GetAsync("/api/models/1"), HttpStatusCode.OK);
        detail.GetProperty("model").GetProperty("version").GetInt32().ShouldBe(1);
        var variables = detail.GetProperty("variables").EnumerateArray().ToList();
        variables.Select(v => v.GetProperty("name").GetString()).ShouldBe(v1.GetProperty("variables").EnumerateArray().Select(v => v.GetString()));
        var rows = v1.GetProperty("rows").GetInt32();
        foreach (var v in variables)
        {
            var bins = v.GetProperty("bins").EnumerateArray().ToList();
            bins.ShouldNotBeEmpty();
            v.GetProperty("neutralPoints").ValueKind.ShouldBe(JsonValueKind.Number);
            // Every training row falls in exactly one bin of each variable, and the bins' IVs add up to the variable's.
            bins.Sum(b => b.GetProperty("rows").GetInt32()).ShouldBe(rows, v.GetProperty("name").GetString());
            bins.Sum(b => b.GetProperty("iv").GetDouble()).ShouldBe(v.GetProperty("iv").GetDouble(), 1e-9);
            foreach (var b in bins)
            {
                b.GetProperty("label").GetString().ShouldNotBeNullOrWhiteSpace();
                b.GetProperty("badRate").GetDouble().ShouldBe((double)b.GetProperty("bad").GetInt32() / b.GetProperty("rows").GetInt32(), 1e-12);
                b.GetProperty("woe").ValueKind.ShouldBe(JsonValueKind.Number);
                b.GetProperty("points").ValueKind.ShouldBe(JsonValueKind.Number);
            }
        }
        // The points add up to the score range the scaling gives.
        var scaling = detail.GetProperty("scaling");
        scaling.GetProperty("maxScore").GetInt32().ShouldBe(variables.Sum(v => v.GetProperty("bins").EnumerateArray()
            .Select(b => b.GetProperty("points").GetInt32()).Append(v.GetProperty("neutralPoints").GetInt32()).Max()));

        (await Json(await manager.GetAsync("/api/models/99"), HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("no behaviour model version 99");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_scoring_endpoints_under_their_tag()
    {
        using var client = await Host.Client();
        var paths = (await Json(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK)).GetProperty("paths");
        foreach (var path in new[] { "/api/models", "/api/models/{version}", "/api/models/monitoring", "/api/models/{version}/approve" })
            paths.GetProperty(path).EnumerateObject().First().Value.GetProperty("tags")[0].GetString().ShouldBe("Scoring", path);
        paths.TryGetProperty("/api/loans/{externalId}/score", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Promotion_needs_a_second_risk_officer_and_other_roles_may_not_act()
    {
        using var risk = await Host.Client("risk");
        using var checker = await Host.Client("risk2");
        using var auditor = await Host.Client("auditor");
        using var manager = await Host.Client("am.zj01");

        (await auditor.PostAsync("/api/models/2/request", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await manager.PostAsync("/api/models/2/request", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await risk.PostAsync("/api/models/2/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict); // a draft is not waiting for approval

        (await Json(await risk.PostAsync("/api/models/2/request", null), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("PendingPromotion");
        (await Json(await checker.PostAsync("/api/models/2/reject", null), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("Draft");
        (await Json(await risk.PostAsync("/api/models/2/request", null), HttpStatusCode.OK)).GetProperty("requestedBy").GetString().ShouldBe("user:risk");
        (await auditor.PostAsync("/api/models/2/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var refused = await Json(await risk.PostAsync("/api/models/2/approve", null), HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString()!.ShouldContain("second person");

        var approved = await Json(await checker.PostAsync("/api/models/2/approve", null), HttpStatusCode.OK);
        approved.GetProperty("status").GetString().ShouldBe("Active");
        approved.GetProperty("approvedBy").GetString().ShouldBe("user:risk2");
        var list = await Json(await auditor.GetAsync("/api/models"), HttpStatusCode.OK);
        list.EnumerateArray().ToDictionary(m => m.GetProperty("version").GetInt32(), m => m.GetProperty("status").GetString())
            .ShouldBe(new Dictionary<int, string?> { [2] = "Active", [1] = "Retired" });
        Host.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE entity_type = 'behaviour_model' AND entity_id = 'v2' AND action = 'model.approve' AND actor = 'user:risk2'").ShouldBe(1);
        Host.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE entity_type = 'behaviour_model' AND entity_id = 'v1' AND action = 'model.retire' AND actor = 'user:risk2'").ShouldBe(1);

        (await risk.PostAsync("/api/models/1/retire", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict); // already retired
        (await risk.PostAsync("/api/models/99/request", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Monitoring_gives_psi_by_month_end_and_segment_and_the_ranking_where_the_outcome_is_known()
    {
        using var executive = await Host.Client("exec");
        var report = await Json(await executive.GetAsync("/api/models/monitoring?months=12"), HttpStatusCode.OK);
        report.GetProperty("businessDate").GetString().ShouldBe("2025-06-30");

        var psi = report.GetProperty("psi").EnumerateArray().ToList();
        // The last 12 month ends, each against the one before, for the whole book and each segment.
        psi.Where(p => p.GetProperty("segment").GetString() == "all").Select(p => p.GetProperty("monthEnd").GetString())
            .ShouldBe(Enumerable.Range(0, 12).Select(k => Book.D(new DateOnly(2024, 7, 1).AddMonths(k + 1).AddDays(-1))));
        psi.Select(p => p.GetProperty("segment").GetString()).Distinct().Count().ShouldBeGreaterThan(1);
        foreach (var p in psi)
        {
            p.GetProperty("psi").ValueKind.ShouldBe(JsonValueKind.Number);
            p.GetProperty("alert").GetBoolean().ShouldBe(p.GetProperty("psi").GetDouble() > 0.25);
        }
        var june = psi.Single(p => p.GetProperty("segment").GetString() == "all" && p.GetProperty("monthEnd").GetString() == "2025-06-30");
        june.GetProperty("previous").GetString().ShouldBe("2025-05-31");
        june.GetProperty("loans").GetInt32().ShouldBe((int)Host.Db.Count("SELECT COUNT(*) FROM score_history WHERE month_end = '2025-06-30'"));

        // Of these month ends only June 2024 has its 12 months behind it.
        var outcome = report.GetProperty("outcomes").EnumerateArray().Single();
        outcome.GetProperty("monthEnd").GetString().ShouldBe("2024-06-30");
        outcome.GetProperty("auc").GetDouble().ShouldBeGreaterThan(0.6);
        report.GetProperty("calibrationMonth").GetString().ShouldBe("2024-06-30");
        var bands = report.GetProperty("calibration").EnumerateArray().ToList();
        bands.ShouldNotBeEmpty();
        bands.Sum(b => b.GetProperty("loans").GetInt32()).ShouldBe(outcome.GetProperty("loans").GetInt32());
        bands.Sum(b => b.GetProperty("bad").GetInt32()).ShouldBe(outcome.GetProperty("bad").GetInt32());
        bands.ShouldAllBe(b => b.GetProperty("badRate").ValueKind == JsonValueKind.Number && b.GetProperty("meanPd").ValueKind == JsonValueKind.Number);

        (await executive.GetAsync("/api/models/monitoring?months=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await Host.Client()).GetAsync("/api/models/monitoring")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_loans_score_is_read_within_the_scope_and_a_loan_without_one_is_not_found()
    {
        string own, other, unscored;
        int score;
        using (var db = Host.Db.Settings.CreateContext())
        {
            var scored = db.LoanScores.AsNoTracking().Select(s => new { s.LoanId, s.Score });
            var loans = db.Loans.AsNoTracking().Join(db.Borrowers.AsNoTracking(), l => l.BorrowerId, b => b.Id, (l, b) => new { l.Id, l.ExternalId, b.AccountManager });
            var mine = loans.Where(l => l.AccountManager == "ZJ01-AM01").Join(scored, l => l.Id, s => s.LoanId, (l, s) => new { l.ExternalId, s.Score })
                .OrderBy(l => l.ExternalId).First();
            (own, score) = (mine.ExternalId, mine.Score);
            other = loans.Where(l => l.AccountManager != "ZJ01-AM01").Join(scored, l => l.Id, s => s.LoanId, (l, s) => l.ExternalId).OrderBy(l => l).First();
            unscored = loans.Where(l => !scored.Any(s => s.LoanId == l.Id)).Select(l => l.ExternalId).OrderBy(l => l).First();
        }

        using var manager = await Host.Client("am.zj01");
        var view = await Json(await manager.GetAsync($"/api/loans/{own}/score"), HttpStatusCode.OK);
        view.GetProperty("loan").GetString().ShouldBe(own);
        view.GetProperty("score").GetInt32().ShouldBe(score);
        view.GetProperty("scoredOn").GetString().ShouldBe("2025-06-30");
        view.GetProperty("pd").ValueKind.ShouldBe(JsonValueKind.Number);
        view.GetProperty("ecl").ValueKind.ShouldBe(JsonValueKind.Number);
        var parts = view.GetProperty("parts").EnumerateArray().ToList();
        // The score is the sum of its parts, and each part is at most its variable's best.
        var model = await Json(await manager.GetAsync($"/api/models/{view.GetProperty("modelVersion").GetInt32()}"), HttpStatusCode.OK);
        parts.Select(p => p.GetProperty("variable").GetString()).ShouldBe(model.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        parts.Sum(p => p.GetProperty("points").GetInt32()).ShouldBe(score);
        parts.ShouldAllBe(p => p.GetProperty("points").GetInt32() <= p.GetProperty("maxPoints").GetInt32());
        var reasons = view.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        reasons.Count.ShouldBe(Math.Min(LoanScoreQuery.ReasonCount, parts.Count(p => p.GetProperty("shortfall").GetInt32() > 0)));
        // The month-end history: the backfilled month ends the loan was active on, oldest first.
        var history = view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("date").GetString()).ToList();
        history.ShouldNotBeEmpty();
        history.ShouldBe(history.Order(StringComparer.Ordinal));

        (await Json(await manager.GetAsync($"/api/loans/{other}/score"), HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldNotContain("behaviour score");
        using var risk = await Host.Client("risk");
        (await risk.GetAsync($"/api/loans/{other}/score")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(await risk.GetAsync($"/api/loans/{unscored}/score"), HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("has no behaviour score");
    }
}
