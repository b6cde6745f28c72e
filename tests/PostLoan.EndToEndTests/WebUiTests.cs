using Microsoft.Playwright;
using Shouldly;

namespace PostLoan.EndToEndTests;

/// <summary>A person's path through the screens in real Chromium: sign in, dashboard, loan list with a filter, a loan.</summary>
public sealed class WebUiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private string Shot(string name) => Path.Combine(app.Screenshots, name + ".png");

    [Fact]
    public async Task A_risk_officer_signs_in_sees_the_dashboard_filters_the_loans_and_opens_one()
    {
        var page = await app.SignedIn("risk");

        // Dashboard: figures and charts.
        (await page.InnerTextAsync("#card-npl")).ShouldContain("%");
        (await page.InnerTextAsync("#card-loans")).ShouldNotBeNullOrWhiteSpace();
        await page.WaitForSelectorAsync("#chart-bucket svg");
        await page.WaitForSelectorAsync("#chart-class svg");
        (await page.Locator("#top-exposures tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("dashboard"), FullPage = true });

        // Loan list, filtered to bucket M1.
        await page.ClickAsync("#nav-loans");
        await page.WaitForSelectorAsync("#loan-table tbody tr .loan-link");
        var before = await page.InnerTextAsync("#loan-total");
        // MudSelect puts the id on a hidden input: open the select through its visible container.
        await page.Locator("#filter-bucket").Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('M1')");
        await page.WaitForFunctionAsync("b => document.querySelector('#loan-total').innerText !== b", before);
        var buckets = await page.Locator("#loan-table tbody td.cell-bucket").AllInnerTextsAsync();
        buckets.Count.ShouldBeGreaterThan(0);
        buckets.ShouldAllBe(b => b.Trim() == "M1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("loans-m1"), FullPage = true });

        // Open the first loan: its state says M1 too.
        var first = (await page.Locator("#loan-table tbody .loan-link").First.InnerTextAsync()).Trim();
        await page.Locator("#loan-table tbody .loan-link").First.ClickAsync();
        await page.WaitForSelectorAsync("#loan-state");
        (await page.InnerTextAsync("#loan-title")).ShouldContain(first);
        (await page.InnerTextAsync("#state-bucket")).Trim().ShouldBe("M1");
        (await page.Locator("#loan-schedule tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        (await page.InnerTextAsync("#loan-history")).ShouldContain("class");
        // Its early-warning features read the same DPD, and an M1 loan's highest DPD of the last 3 months is at least 1.
        (await page.InnerTextAsync("#loan-features [data-feature='dpd']")).Trim().ShouldBe((await page.InnerTextAsync("#state-dpd")).Trim());
        int.Parse((await page.InnerTextAsync("#loan-features [data-feature='max_dpd_3m']")).Trim()).ShouldBeGreaterThanOrEqualTo(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("loan"), FullPage = true });
    }

    [Fact]
    public async Task An_account_manager_sees_only_their_book_and_not_another_loan()
    {
        var page = await app.SignedIn("am.zj01");
        await app.GoTo(page, "/loans");
        await page.WaitForSelectorAsync("#loan-table tbody tr .loan-link");
        var managers = await page.Locator("#loan-table tbody tr td:nth-child(9)").AllInnerTextsAsync();
        managers.ShouldAllBe(m => m.Trim() == "ZJ01-AM01");

        // A loan of another branch's borrower (found through the API as a risk officer) is not shown, even by address.
        var other = await app.FirstLoanOfBranch("SC01");
        await app.GoTo(page, "/loans/" + other);
        await page.WaitForSelectorAsync("#not-found");
    }

    [Fact]
    public async Task The_screens_switch_between_chinese_and_english()
    {
        var page = await app.SignedIn("exec");
        (await page.InnerTextAsync("h5")).ShouldContain("资产组合");
        await page.ClickAsync("#language");
        await page.WaitForSelectorAsync("text=Portfolio");
        (await page.InnerTextAsync("#card-npl")).ShouldContain("NPL ratio");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("dashboard-en"), FullPage = true });
    }

    [Fact]
    public async Task An_auditor_browses_the_verified_audit_trail_and_an_account_manager_may_not()
    {
        var page = await app.SignedIn("auditor");
        await page.ClickAsync("#nav-audit");
        await page.WaitForSelectorAsync("#audit-verify");
        (await page.InnerTextAsync("#audit-verify")).ShouldContain("审计链完整");
        var actions = await page.Locator("#audit-table tbody tr td:nth-child(4)").AllInnerTextsAsync();
        actions.ShouldContain("user.create");
        // The newest 200 are mostly the demo's visit work: the filter finds the older actions.
        foreach (var (prefix, action) in new[] { ("eod", "eod.run"), ("import", "import.loans") })
        {
            await page.FillAsync("#audit-action", prefix);
            await page.ClickAsync("#audit-filter");
            await page.WaitForFunctionAsync("a => [...document.querySelectorAll('#audit-table tbody tr td:nth-child(4)')].every(td => td.innerText.startsWith(a))", prefix);
            (await page.Locator("#audit-table tbody tr td:nth-child(4)").AllInnerTextsAsync()).ShouldContain(action);
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("audit"), FullPage = true });

        var manager = await app.SignedIn("am.zj01");
        (await manager.Locator("#nav-audit").CountAsync()).ShouldBe(0);
        await app.GoTo(manager, "/audit");
        await manager.WaitForSelectorAsync("#no-access");
        (await manager.Locator("#audit-table").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_borrower_shows_masked_identifiers_to_a_risk_officer_and_full_ones_to_a_legal_officer()
    {
        var borrower = await app.FirstBorrowerOfBranch("ZJ01");
        var risk = await app.SignedIn("risk");
        await app.GoTo(risk, "/borrowers/" + borrower);
        var masked = await risk.InnerTextAsync("#borrower-id-number");
        masked.ShouldContain("*");

        var legal = await app.SignedIn("legal");
        await app.GoTo(legal, "/borrowers/" + borrower);
        var full = await legal.InnerTextAsync("#borrower-id-number");
        full.ShouldNotContain("*");
        full.Length.ShouldBe(masked.Length);
        full[..2].ShouldBe(masked[..2]);
        await legal.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("borrower"), FullPage = true });
    }

    [Fact]
    public async Task A_risk_officer_puts_a_borrower_on_the_watch_list_reviews_and_removes_them_and_an_auditor_only_reads()
    {
        var borrower = await app.FirstBorrowerOfBranch("SC01");
        var page = await app.SignedIn("risk");
        await page.ClickAsync("#nav-watchlist");
        await page.WaitForSelectorAsync("#watch-add[data-interactive]");

        await page.FillAsync("#watch-borrower", borrower);
        await page.FillAsync("#watch-reason", "主要客户破产，现金流紧张");
        await page.FillAsync("#watch-owner", "risk");
        await page.FillAsync("#watch-review", "2025-07-31");
        await page.ClickAsync("#watch-submit");
        await page.WaitForSelectorAsync($"#watch-table tbody tr:has-text('{borrower}')");
        (await page.InnerTextAsync("#watch-message")).ShouldContain(borrower);

        // Listing the same borrower again is refused with the cause.
        await page.FillAsync("#watch-borrower", borrower);
        await page.FillAsync("#watch-reason", "again");
        await page.FillAsync("#watch-owner", "risk");
        await page.FillAsync("#watch-review", "2025-07-31");
        await page.ClickAsync("#watch-submit");
        await page.WaitForFunctionAsync("() => document.querySelector('#watch-message').innerText.includes('already')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("watch-list"), FullPage = true });

        var auditor = await app.SignedIn("auditor");
        await app.GoTo(auditor, "/watchlist");
        await auditor.WaitForSelectorAsync($"#watch-table tbody tr:has-text('{borrower}')");
        (await auditor.Locator("#watch-add").CountAsync()).ShouldBe(0);
        (await auditor.Locator(".watch-remove").CountAsync()).ShouldBe(0);

        // Review: kept three more months. Removal needs a reason.
        var row = page.Locator($"#watch-table tbody tr:has-text('{borrower}')");
        await row.Locator(".watch-keep").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#watch-message').innerText.includes('2025')");
        await row.Locator(".watch-remove").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#watch-message').innerText.includes('reason')");
        await page.FillAsync("#watch-removal-reason", "客户已恢复正常经营");
        await row.Locator(".watch-remove").ClickAsync();
        await row.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        (await page.InnerTextAsync("#watch-message")).ShouldContain(borrower);
    }

    [Fact]
    public async Task A_risk_officer_writes_a_rule_with_live_checking_back_tests_it_and_cannot_approve_it_alone()
    {
        var page = await app.SignedIn("risk");
        await page.ClickAsync("#nav-rules");
        await page.WaitForSelectorAsync("#rule-editor[data-interactive]");

        // A misspelt feature is pointed at as it is typed.
        await page.FillAsync("#rule-code", "E2E01");
        await page.FillAsync("#rule-name", "逾期后仍未改善");
        await page.FillAsync("#rule-condition", "dpd >= 1 and max_over(dpp, 3) >= 15");
        await page.WaitForFunctionAsync("() => (document.querySelector('#rule-check')?.innerText ?? '').includes('did you mean')");
        (await page.InnerTextAsync("#rule-check")).ShouldContain("column 23");
        (await page.IsDisabledAsync("#rule-save")).ShouldBeTrue();

        await page.FillAsync("#rule-condition", "dpd >= 1 and max_over(dpd, 3) >= 15");
        await page.WaitForFunctionAsync("() => (document.querySelector('#rule-check')?.innerText ?? '').includes('✓')");

        // Back-test over the demo's history: a chart and a total row.
        await page.FillAsync("#backtest-from", "2024-06");
        await page.FillAsync("#backtest-to", "2024-12");
        await page.ClickAsync("#backtest-run");
        await page.WaitForSelectorAsync("#backtest-total");
        await page.WaitForSelectorAsync("#rule-backtest svg");
        (await page.Locator("#backtest-table tbody tr").CountAsync()).ShouldBe(8); // seven month ends and the total
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("rules-backtest"), FullPage = true });

        // Saved as a draft, put up for activation; the same person's approval is refused.
        await page.ClickAsync("#rule-save");
        var row = page.Locator("#rule-table tr.rule-row[data-code='E2E01']");
        await row.WaitForAsync();
        await row.Locator(".rule-request").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#rule-message').innerText.includes('PendingActivation')");
        await row.Locator(".rule-approve").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#rule-message').innerText.includes('second person')");
        (await row.Locator(".rule-status").InnerTextAsync()).Trim().ShouldBe("PendingActivation");
    }

    [Fact]
    public async Task A_risk_officer_triages_the_alerts_end_of_day_raised_and_an_auditor_only_reads_them()
    {
        var page = await app.SignedIn("risk");
        await app.GoTo(page, "/alerts");
        await page.WaitForSelectorAsync("#alert-table tbody tr .cell-rule");
        var severities = await page.Locator("#alert-table tbody td .cell-severity").AllInnerTextsAsync();
        // The demo switches on the default rules: red alerts come first, then orange, then yellow.
        string[] order = ["红色", "橙色", "黄色"];
        severities.Select(s => s.Trim()).ShouldBe(severities.Select(s => s.Trim()).OrderBy(s => Array.IndexOf(order, s)).ToList());
        severities.First().Trim().ShouldBe("红色");
        // Each alert shows the feature values that fired it, as "feature = value".
        (await page.InnerTextAsync("#alert-table tbody tr:first-child td:nth-child(9)")).ShouldMatch(@"[a-z_0-9]+ = ");

        // Acknowledge the first alert: it leaves "open" and shows as acknowledged.
        var first = page.Locator("#alert-table tbody tr").First;
        var rule = (await first.Locator(".cell-rule").InnerTextAsync()).Trim();
        var loan = (await first.Locator("td:nth-child(3)").InnerTextAsync()).Trim();
        await first.Locator(".act-acknowledge").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#alert-message')?.innerText.includes('已认领')");
        (await page.InnerTextAsync("#alert-message")).ShouldContain(loan);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("alerts"), FullPage = true });

        var auditor = await app.SignedIn("auditor");
        await app.GoTo(auditor, "/alerts");
        await auditor.WaitForSelectorAsync("#alert-table tbody tr .cell-rule");
        (await auditor.Locator(".act-acknowledge").CountAsync()).ShouldBe(0);
        rule.ShouldMatch("^[A-Z]{2}[0-9]{2} v1$"); // a default rule's code and version
    }

    /// <summary>The first active loan the behaviour model scored with at least one reason code, and its score as the API gives it.</summary>
    private async Task<(string Loan, System.Text.Json.JsonElement Score)> ScoredLoan()
    {
        using var http = await app.Api();
        var loans = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/loans?status=active&branch=ZJ01&pageSize=50")).RootElement.GetProperty("items");
        foreach (var item in loans.EnumerateArray())
        {
            var loan = item.GetProperty("externalId").GetString()!;
            var response = await http.GetAsync($"/api/loans/{loan}/score");
            if (!response.IsSuccessStatusCode) continue;
            var score = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (score.GetProperty("reasons").GetArrayLength() > 0 && score.GetProperty("history").GetArrayLength() > 0) return (loan, score);
        }
        throw new InvalidOperationException("the demo scored no active loan of ZJ01 with reason codes and history");
    }

    [Fact]
    public async Task The_models_page_shows_the_active_version_with_its_figures_and_points_table_and_only_risk_officers_may_act()
    {
        var page = await app.SignedIn("risk");
        await page.ClickAsync("#nav-models");
        await page.WaitForSelectorAsync("#model-table tr.model-row");
        // The demo trains and promotes one version: it is active, and the page opens on its points table.
        var active = page.Locator("#model-table tr.model-row[data-status='Active']");
        (await active.CountAsync()).ShouldBe(1);
        (await active.Locator(".model-status").InnerTextAsync()).Trim().ShouldBe("生效");
        double.Parse((await active.Locator(".model-auc").InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(0.6, 1.0);
        var version = await active.GetAttributeAsync("data-version");
        (await page.GetAttributeAsync("#model-detail", "data-version")).ShouldBe(version);
        (await page.Locator("#points-table tbody tr.points-row").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("#points-table tbody tr.points-neutral").CountAsync()).ShouldBeGreaterThan(0);
        (await page.InnerTextAsync("#points-table")).ShouldContain("WoE");
        (await active.Locator(".model-retire").CountAsync()).ShouldBe(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("models"), FullPage = true });

        var auditor = await app.SignedIn("auditor");
        await app.GoTo(auditor, "/models");
        await auditor.WaitForSelectorAsync("#points-table tbody tr.points-row");
        (await auditor.Locator(".model-retire, .model-request, .model-approve").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_model_monitoring_page_charts_the_psi_against_the_alert_line_and_shows_ranking_and_calibration()
    {
        var page = await app.SignedIn("exec");
        await page.ClickAsync("#nav-model-monitoring");
        await page.WaitForSelectorAsync("#psi svg");
        (await page.InnerTextAsync("#psi")).ShouldContain("0.25 预警线");
        var months = await page.Locator("#psi-table tbody tr.psi-row").CountAsync();
        months.ShouldBeInRange(1, 12);
        // Every cell holds a PSI; the ones above 0.25 as a red chip.
        var cells = await page.Locator("#psi-table tbody td[data-segment='all']").AllInnerTextsAsync();
        cells.Count.ShouldBe(months);
        foreach (var cell in cells)
        {
            var psi = double.Parse(cell.Split('·')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            cell.Contains("超过 0.25").ShouldBe(psi > 0.25, cell);
        }
        // The demo's training month end has its 12 months behind it: AUC, KS and calibration.
        double.Parse((await page.Locator("#outcomes-table .outcome-auc").First.InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(0.5, 1.0);
        await page.WaitForSelectorAsync("#calibration svg");
        (await page.Locator("#calibration-table tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("model-monitoring"), FullPage = true });
    }

    [Fact]
    public async Task A_loan_shows_its_behaviour_score_with_history_points_and_reason_codes_and_an_unscored_loan_says_so()
    {
        var (loan, score) = await ScoredLoan();
        var page = await app.SignedIn("risk");
        await app.GoTo(page, "/loans/" + loan);
        await page.WaitForSelectorAsync("#loan-score #score-value");
        (await page.InnerTextAsync("#score-value")).Trim().ShouldBe(score.GetProperty("score").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await page.InnerTextAsync("#score-pd")).ShouldContain("%");
        (await page.Locator("#score-parts tbody tr.score-part").CountAsync()).ShouldBe(score.GetProperty("parts").GetArrayLength());
        var reasons = await page.Locator("#score-reasons li").AllInnerTextsAsync();
        reasons.Select(r => r.Trim()).ShouldBe(score.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!));
        await page.WaitForSelectorAsync("#score-history svg");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("loan-score"), FullPage = true });

        // A closed loan was never scored: one sentence says so.
        using var http = await app.Api();
        var closed = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/loans?status=closed&pageSize=1")).RootElement.GetProperty("items")[0].GetProperty("externalId").GetString()!;
        (await http.GetAsync($"/api/loans/{closed}/score")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        await app.GoTo(page, "/loans/" + closed);
        (await (await page.WaitForSelectorAsync("#loan-score #no-score"))!.InnerTextAsync()).ShouldContain("尚无行为评分");
    }

    [Fact]
    public async Task On_a_phone_the_behaviour_score_section_fits_the_width()
    {
        var (loan, _) = await ScoredLoan();
        var page = await app.SignedIn("risk", 390, 844);
        await app.GoTo(page, "/loans/" + loan);
        await page.WaitForSelectorAsync("#score-history svg");
        var fit = await page.EvaluateAsync<double[]>("""
            () => {
                const section = document.querySelector('#loan-score');
                const box = section.getBoundingClientRect();
                const table = document.querySelector('#score-parts .mud-table-container') ?? document.querySelector('#score-parts');
                const chart = document.querySelector('#score-history svg').getBoundingClientRect();
                return [box.left, box.right, document.documentElement.clientWidth, section.scrollWidth - section.clientWidth,
                        table.scrollWidth - table.clientWidth, chart.right - box.right];
            }
            """);
        var (left, right, width, sectionOverflow, tableOverflow, chartOverflow) = (fit[0], fit[1], fit[2], fit[3], fit[4], fit[5]);
        width.ShouldBeLessThanOrEqualTo(390);
        left.ShouldBeGreaterThanOrEqualTo(0);
        right.ShouldBeLessThanOrEqualTo(width);
        sectionOverflow.ShouldBeLessThanOrEqualTo(0);
        tableOverflow.ShouldBeLessThanOrEqualTo(0); // the points table wraps instead of scrolling sideways
        chartOverflow.ShouldBeLessThanOrEqualTo(0);
        // Nor does the page as a whole scroll sideways.
        (await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")).ShouldBeLessThanOrEqualTo(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("loan-score-390"), FullPage = true });
    }
}
