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
        await page.GotoAsync(app.BaseUrl + "/loans");
        await page.WaitForSelectorAsync("#loan-table tbody tr .loan-link");
        var managers = await page.Locator("#loan-table tbody tr td:nth-child(9)").AllInnerTextsAsync();
        managers.ShouldAllBe(m => m.Trim() == "ZJ01-AM01");

        // A loan of another branch's borrower (found through the API as a risk officer) is not shown, even by address.
        var other = await app.FirstLoanOfBranch("SC01");
        await page.GotoAsync(app.BaseUrl + "/loans/" + other);
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
        actions.ShouldContain("eod.run");
        actions.ShouldContain("import.loans");
        actions.ShouldContain("user.create");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("audit"), FullPage = true });

        var manager = await app.SignedIn("am.zj01");
        (await manager.Locator("#nav-audit").CountAsync()).ShouldBe(0);
        await manager.GotoAsync(app.BaseUrl + "/audit");
        await manager.WaitForSelectorAsync("#no-access");
        (await manager.Locator("#audit-table").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_borrower_shows_masked_identifiers_to_a_risk_officer_and_full_ones_to_a_legal_officer()
    {
        var borrower = await app.FirstBorrowerOfBranch("ZJ01");
        var risk = await app.SignedIn("risk");
        await risk.GotoAsync(app.BaseUrl + "/borrowers/" + borrower);
        var masked = await risk.InnerTextAsync("#borrower-id-number");
        masked.ShouldContain("*");

        var legal = await app.SignedIn("legal");
        await legal.GotoAsync(app.BaseUrl + "/borrowers/" + borrower);
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
        await auditor.GotoAsync(app.BaseUrl + "/watchlist");
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
        await page.GotoAsync(app.BaseUrl + "/alerts");
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
        await auditor.GotoAsync(app.BaseUrl + "/alerts");
        await auditor.WaitForSelectorAsync("#alert-table tbody tr .cell-rule");
        (await auditor.Locator(".act-acknowledge").CountAsync()).ShouldBe(0);
        rule.ShouldMatch("^[A-Z]{2}[0-9]{2} v1$"); // a default rule's code and version
    }
}
