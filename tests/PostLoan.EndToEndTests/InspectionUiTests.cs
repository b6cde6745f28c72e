using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shouldly;

namespace PostLoan.EndToEndTests;

/// <summary>
/// Post-loan inspection in real Chromium: an account manager works a task from their queue and files its visit report on
/// a phone-sized screen, the branch manager approves it, and the month's briefing counts it.
/// </summary>
public sealed class InspectionUiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const int PhoneWidth = 390, PhoneHeight = 844;

    private string Shot(string name) => Path.Combine(app.Screenshots, name + ".png");

    private async Task<HttpClient> Api(string user)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(app.BaseUrl) };
        (await http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = WebAppFixture.Password })).EnsureSuccessStatusCode();
        return http;
    }

    private static Task<bool> Overflows(IPage page) => page.EvaluateAsync<bool>($"() => document.documentElement.scrollWidth > {PhoneWidth}");

    [Fact]
    public async Task A_visit_is_reported_on_a_phone_approved_by_the_branch_manager_and_counted_in_the_briefing()
    {
        // A task on one of the account manager's loans, due on the business date so that this month's briefing counts it.
        using var api = await Api("am.zj01");
        var loans = JsonDocument.Parse(await api.GetStringAsync("/api/loans?status=active&pageSize=1")).RootElement;
        var loan = loans.GetProperty("items")[0].GetProperty("externalId").GetString()!;
        var opened = await api.PostAsJsonAsync("/api/tasks", new { loan, kind = "follow_up_visit", dueOn = "2025-06-30", reason = "客户来电反映经营变化，需回访" });
        var task = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement;
        opened.StatusCode.ShouldBe(HttpStatusCode.OK, task.ToString());
        var taskId = task.GetProperty("id").GetInt64();

        // The queue on a phone: the task is there with its "write report" link.
        var page = await app.SignedIn("am.zj01", PhoneWidth, PhoneHeight);
        await app.GoTo(page, "/tasks");
        var write = page.Locator($"a.act-report[href='/reports/new?task={taskId}']");
        await write.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("tasks-phone"), FullPage = true });
        await write.ClickAsync();

        // The report form fits the phone's width.
        await page.WaitForSelectorAsync("#report-checklist .checklist-item");
        await page.WaitForSelectorAsync("#app-interactive[data-interactive]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        (await Overflows(page)).ShouldBeFalse("the report form scrolls sideways at 390 px");
        (await page.InnerTextAsync("#report-subject")).ShouldContain(loan);

        await page.FillAsync("#report-participants", "客户经理; 借款人本人");
        await page.FillAsync("#report-findings", "经营正常，现金流稳定，无不利事件");
        // Submitting with the checklist unanswered lists every missing item.
        await page.ClickAsync("#submit-report");
        await page.WaitForSelectorAsync("#report-problems .report-problem");
        (await page.InnerTextAsync("#report-problems")).ShouldContain("checklist.");
        var items = page.Locator("#report-checklist .checklist-item");
        var count = await items.CountAsync();
        count.ShouldBeGreaterThan(2);
        for (var i = 0; i < count; i++) await items.Nth(i).Locator(".answer-yes").ClickAsync();
        (await Overflows(page)).ShouldBeFalse("the filled report form scrolls sideways at 390 px");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("report-form-phone"), FullPage = true });
        await page.ClickAsync("#submit-report");
        // The submission writes the report, closes the task and audits both: on a loaded machine it has a minute, and a
        // refusal fails the test with what the page says.
        var settled = page.Locator("#report-status[data-status='submitted'], #report-message").First;
        try
        {
            await settled.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"the report was not submitted; the page says: {await page.InnerTextAsync("body")}");
        }
        (await page.GetAttributeAsync("#report-status", "data-status")).ShouldBe("submitted", await page.InnerTextAsync("body"));
        var reportUrl = page.Url;
        reportUrl.ShouldContain("/reports/");
        (await Overflows(page)).ShouldBeFalse("the submitted report scrolls sideways at 390 px");

        // The task is done.
        await app.GoTo(page, "/tasks?status=done");
        var doneRow = page.Locator(".task-row", new PageLocatorOptions { Has = page.Locator($"a.act-open-report[href='{new Uri(reportUrl).AbsolutePath}']") });
        await doneRow.WaitForAsync();
        (await doneRow.Locator(".cell-status").InnerTextAsync()).Trim().ShouldBe("已完成");

        // The branch manager finds it in the review queue and approves it.
        var manager = await app.SignedIn("bm.zj01");
        await app.GoTo(manager, "/reports");
        var link = manager.Locator($"#report-table a.report-link[href='{new Uri(reportUrl).AbsolutePath}']");
        await link.WaitForAsync();
        await link.ClickAsync();
        await manager.WaitForSelectorAsync("#approve-report");
        await manager.WaitForSelectorAsync("#app-interactive[data-interactive]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await manager.ClickAsync("#approve-report");
        await manager.WaitForSelectorAsync("#report-status[data-status='approved']");
        await manager.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("report-approved"), FullPage = true });

        // The briefing of June counts the visit planned and done.
        await app.GoTo(manager, "/briefings?period=2025-06");
        await manager.WaitForSelectorAsync("#figure-planned .figure-value");
        int.Parse((await manager.InnerTextAsync("#figure-planned .figure-value")).Replace(",", "").Trim()).ShouldBeGreaterThanOrEqualTo(1);
        int.Parse((await manager.InnerTextAsync("#figure-done .figure-value")).Replace(",", "").Trim()).ShouldBeGreaterThanOrEqualTo(1);
        int.Parse((await manager.InnerTextAsync("#figure-reports_filed .figure-value")).Replace(",", "").Trim()).ShouldBeGreaterThanOrEqualTo(1);
        (await manager.InnerTextAsync("#briefing-methods")).ShouldContain("电话回访");
        await manager.WaitForSelectorAsync("#briefing-work-chart svg");
        await manager.WaitForSelectorAsync("#briefing-managers tr[data-manager='ZJ01-AM01']");
        await manager.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("briefing"), FullPage = true });
    }
}
