using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Web;

/// <summary>
/// The work queue, visit reports and the briefing over HTTP, on the example book after end-of-day through 30 June 2025:
/// scopes, the report's path from draft to approval and amendment, files and their hashes, and the month's figures.
/// </summary>
public sealed class InspectionApiTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    private const string BusinessDate = "2025-06-30";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    private static async Task<long> Open(HttpClient client, string loan, string kind = "follow_up_visit", string dueOn = "2025-07-10", string reason = "borrower asked for a visit") =>
        (await Json(await client.PostAsJsonAsync("/api/tasks", new { loan, kind, dueOn, reason }), HttpStatusCode.OK)).GetProperty("id").GetInt64();

    /// <summary>Every item of the loan's checklist answered yes, except <paramref name="leaveOut"/>.</summary>
    private static async Task<object[]> Checklist(HttpClient client, string loan, string? leaveOut = null)
    {
        var items = await Json(await client.GetAsync($"/api/loans/{loan}/checklist"), HttpStatusCode.OK);
        return [.. items.EnumerateArray().Select(i => i.GetProperty("code").GetString()!).Where(c => c != leaveOut).Select(c => (object)new { code = c, answer = "yes" })];
    }

    private static object Report(long? taskId, string? loan, object[] checklist, object[]? actions = null, string risk = "medium") => new
    {
        taskId,
        loan,
        method = "on_site",
        visitedOn = BusinessDate,
        participants = "客户经理; 借款人王芳",
        checklist,
        findings = "经营正常，按时还款",
        riskRating = risk,
        actions = actions ?? [],
    };

    [Fact]
    public async Task An_account_manager_sees_only_their_tasks_and_a_task_outside_their_scope_is_not_found()
    {
        using var risk = await host.Client("risk");
        var own = await Open(risk, "L1001");       // B1001: ZJ01-AM01
        var colleague = await Open(risk, "L2001"); // B2001: ZJ01-AM02, same branch
        var otherBranch = await Open(risk, "L1002");

        using var manager = await host.Client("am.zj01");
        var queue = await Json(await manager.GetAsync("/api/tasks?pageSize=500"), HttpStatusCode.OK);
        var rows = queue.GetProperty("tasks").EnumerateArray().ToList();
        queue.GetProperty("businessDate").GetString().ShouldBe(BusinessDate);
        rows.Select(r => r.GetProperty("id").GetInt64()).ShouldContain(own);
        rows.ShouldAllBe(r => r.GetProperty("assignee").GetString() == "ZJ01-AM01" || r.GetProperty("escalatedTo").GetString() == "ZJ01-AM01");
        var scoped = await Json(await manager.GetAsync("/api/tasks?mine=false&pageSize=500"), HttpStatusCode.OK);
        scoped.GetProperty("tasks").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ShouldNotContain(colleague);

        (await manager.GetAsync($"/api/tasks/{colleague}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.GetAsync($"/api/tasks/{otherBranch}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.PostAsync($"/api/tasks/{otherBranch}/start", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.PostAsJsonAsync("/api/tasks", new { loan = "L1002", kind = "follow_up_visit", dueOn = "2025-07-10", reason = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The branch manager sees the whole branch, not the other one.
        using var branch = await host.Client("bm.zj01");
        (await Json(await branch.GetAsync($"/api/tasks/{colleague}"), HttpStatusCode.OK)).GetProperty("loanExternalId").GetString().ShouldBe("L2001");
        (await branch.GetAsync($"/api/tasks/{otherBranch}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Readers read and do not act.
        using var auditor = await host.Client("auditor");
        (await auditor.GetAsync($"/api/tasks/{own}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await auditor.PostAsync($"/api/tasks/{own}/start", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Tasks_are_started_cancelled_with_a_reason_reassigned_and_filtered()
    {
        using var manager = await host.Client("am.zj01");
        var visit = await Open(manager, "L1001", dueOn: "2025-07-03");
        var review = await Open(manager, "L1001", kind: "class_review", dueOn: "2025-07-04");
        (await Json(await manager.GetAsync($"/api/tasks/{visit}"), HttpStatusCode.OK)).GetProperty("assignee").GetString().ShouldBe("ZJ01-AM01");

        (await Json(await manager.PostAsync($"/api/tasks/{visit}/start", null), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("in_progress");
        (await manager.PostAsync($"/api/tasks/{visit}/start", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await manager.PostAsJsonAsync($"/api/tasks/{visit}/complete", new { note = "done" })).StatusCode.ShouldBe(HttpStatusCode.Conflict); // a visit needs its report
        (await manager.PostAsJsonAsync($"/api/tasks/{visit}/cancel", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var cancelled = await Json(await manager.PostAsJsonAsync($"/api/tasks/{visit}/cancel", new { reason = "borrower repaid in full" }), HttpStatusCode.OK);
        cancelled.GetProperty("status").GetString().ShouldBe("cancelled");
        cancelled.GetProperty("cancelReason").GetString().ShouldBe("borrower repaid in full");

        (await manager.PostAsJsonAsync($"/api/tasks/{review}/complete", new { note = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(await manager.PostAsJsonAsync($"/api/tasks/{review}/reassign", new { to = "ZJ01-AM02" }), HttpStatusCode.OK))
            .GetProperty("assignee").GetString().ShouldBe("ZJ01-AM02");
        (await Json(await manager.GetAsync("/api/tasks?status=cancelled&loan=L1001"), HttpStatusCode.OK))
            .GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ShouldContain(visit);
        (await manager.GetAsync("/api/tasks?status=later")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Reassigned, the review leaves the manager's own calendar and stays in their scope's.
        static IEnumerable<long> Ids(JsonElement days) => days.EnumerateArray().SelectMany(d => d.GetProperty("tasks").EnumerateArray()).Select(t => t.GetProperty("id").GetInt64());
        var scope = await Json(await manager.GetAsync("/api/tasks/calendar?month=2025-07&mine=false"), HttpStatusCode.OK);
        scope.EnumerateArray().Single(d => d.GetProperty("date").GetString() == "2025-07-04").GetProperty("tasks").EnumerateArray()
            .Select(t => t.GetProperty("id").GetInt64()).ShouldContain(review);
        Ids(scope).ShouldNotContain(visit); // cancelled
        Ids(await Json(await manager.GetAsync("/api/tasks/calendar?month=2025-07"), HttpStatusCode.OK)).ShouldNotContain(review);
        (await manager.GetAsync("/api/tasks/calendar?month=July")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        host.Db.Count($"SELECT COUNT(*) FROM audit_entries WHERE entity_type = 'task' AND entity_id = '{visit}' AND actor = 'user:am.zj01'").ShouldBe(3);
    }

    [Fact]
    public async Task A_report_is_drafted_submitted_approved_and_amended()
    {
        using var manager = await host.Client("am.zj01");
        var task = await Open(manager, "L1001", dueOn: "2025-07-07");
        object[] followUp = [new { kind = "follow_up_task", note = "再次回访核实经营", taskKind = "follow_up_visit", dueOn = "2025-07-31" }];

        var draft = await Json(await manager.PostAsJsonAsync("/api/reports", Report(task, null, await Checklist(manager, "L1001", leaveOut: "able_to_repay"), followUp)),
            HttpStatusCode.OK);
        var id = draft.GetProperty("id").GetInt64();
        draft.GetProperty("status").GetString().ShouldBe("draft");
        draft.GetProperty("required").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ShouldContain("able_to_repay");
        (await Json(await manager.GetAsync($"/api/tasks/{task}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("in_progress");

        // A missing answer refuses the submission and names the item.
        var refused = await Json(await manager.PostAsync($"/api/reports/{id}/submit", null), HttpStatusCode.BadRequest);
        refused.GetProperty("errors").GetProperty("checklist.able_to_repay")[0].GetString()!.ShouldContain("not answered");
        (await Json(await manager.GetAsync($"/api/tasks/{task}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("in_progress");
        (await manager.PutAsJsonAsync($"/api/reports/{id}", new { method = "by pigeon", visitedOn = BusinessDate, riskRating = "low" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await Json(await manager.PutAsJsonAsync($"/api/reports/{id}", Report(null, null, await Checklist(manager, "L1001"), followUp)), HttpStatusCode.OK))
            .GetProperty("checklist").GetArrayLength().ShouldBeGreaterThan(3);
        var submitted = await Json(await manager.PostAsync($"/api/reports/{id}/submit", null), HttpStatusCode.OK);
        submitted.GetProperty("status").GetString().ShouldBe("submitted");
        var opened = submitted.GetProperty("tasksOpened").EnumerateArray().Select(t => t.GetInt64()).ShouldHaveSingleItem();

        var closed = await Json(await manager.GetAsync($"/api/tasks/{task}"), HttpStatusCode.OK);
        closed.GetProperty("status").GetString().ShouldBe("done");
        closed.GetProperty("reportId").GetInt64().ShouldBe(id);
        var next = await Json(await manager.GetAsync($"/api/tasks/{opened}"), HttpStatusCode.OK);
        (next.GetProperty("kind").GetString(), next.GetProperty("dueOn").GetString(), next.GetProperty("assignee").GetString(), next.GetProperty("origin").GetString())
            .ShouldBe(("follow_up_visit", "2025-07-31", "ZJ01-AM01", "report"));

        // Approval: account managers may not; the branch manager, not the author, may.
        (await manager.PostAsJsonAsync($"/api/reports/{id}/approve", new { note = "ok" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var branch = await host.Client("bm.zj01");
        (await Json(await branch.GetAsync("/api/reports?status=submitted"), HttpStatusCode.OK)).EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ShouldContain(id);
        var approved = await Json(await branch.PostAsJsonAsync($"/api/reports/{id}/approve", new { note = "同意" }), HttpStatusCode.OK);
        (approved.GetProperty("status").GetString(), approved.GetProperty("reviewedBy").GetString()).ShouldBe(("approved", "user:bm.zj01"));
        (await manager.PutAsJsonAsync($"/api/reports/{id}", Report(null, null, await Checklist(manager, "L1001")))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Amendment: a second version, drafted and submitted by the branch manager, who then cannot approve it.
        var amendment = await Json(await branch.PostAsync($"/api/reports/{id}/amend", null), HttpStatusCode.OK);
        var v2 = amendment.GetProperty("id").GetInt64();
        (amendment.GetProperty("version").GetInt32(), amendment.GetProperty("status").GetString(), amendment.GetProperty("previousVersionId").GetInt64()).ShouldBe((2, "draft", id));
        amendment.GetProperty("versions").GetArrayLength().ShouldBe(2);
        (await branch.PostAsync($"/api/reports/{id}/amend", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Json(await branch.PostAsync($"/api/reports/{v2}/submit", null), HttpStatusCode.OK)).GetProperty("tasksOpened").GetArrayLength().ShouldBe(0);
        (await branch.PostAsJsonAsync($"/api/reports/{v2}/approve", new { note = "self" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var risk = await host.Client("risk");
        (await Json(await risk.PostAsJsonAsync($"/api/reports/{v2}/approve", new { }), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("approved");
        (await Json(await manager.GetAsync($"/api/reports/{id}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("superseded");
    }

    [Fact]
    public async Task A_returned_report_goes_back_to_its_author_with_the_note()
    {
        using var manager = await host.Client("am.zj01");
        var id = (await Json(await manager.PostAsJsonAsync("/api/reports", Report(null, "L1001", await Checklist(manager, "L1001"))), HttpStatusCode.OK)).GetProperty("id").GetInt64();
        (await manager.PostAsync($"/api/reports/{id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var branch = await host.Client("bm.zj01");
        (await branch.PostAsJsonAsync($"/api/reports/{id}/return", new { note = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var returned = await Json(await branch.PostAsJsonAsync($"/api/reports/{id}/return", new { note = "补充参与人员" }), HttpStatusCode.OK);
        (returned.GetProperty("status").GetString(), returned.GetProperty("reviewNote").GetString()).ShouldBe(("returned", "补充参与人员"));
        using var other = await host.Client("bm.sc01");
        (await other.GetAsync($"/api/reports/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_attachment_comes_back_byte_for_byte_with_its_hash()
    {
        using var manager = await host.Client("am.zj01");
        var id = (await Json(await manager.PostAsJsonAsync("/api/reports", Report(null, "L1001", await Checklist(manager, "L1001"))), HttpStatusCode.OK)).GetProperty("id").GetInt64();
        var bytes = new byte[70_000];
        new Random(7).NextBytes(bytes);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "file", "现场照片.jpg");

        var file = await Json(await manager.PostAsync($"/api/reports/{id}/attachments", form), HttpStatusCode.OK);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        (file.GetProperty("sha256").GetString(), file.GetProperty("sizeBytes").GetInt64(), file.GetProperty("fileName").GetString()).ShouldBe((hash, 70_000L, "现场照片.jpg"));

        var download = await manager.GetAsync($"/api/reports/{id}/attachments/{file.GetProperty("id").GetInt64()}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        var back = await download.Content.ReadAsByteArrayAsync();
        back.ShouldBe(bytes);
        Convert.ToHexStringLower(SHA256.HashData(back)).ShouldBe(hash);
        (await Json(await manager.GetAsync($"/api/reports/{id}"), HttpStatusCode.OK)).GetProperty("attachments")[0].GetProperty("sha256").GetString().ShouldBe(hash);

        using var other = await host.Client("bm.sc01");
        (await other.GetAsync($"/api/reports/{id}/attachments/{file.GetProperty("id").GetInt64()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.PostAsync($"/api/reports/{id}/attachments", new StringContent("x"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_briefing_counts_the_months_planned_and_done_visits()
    {
        using var manager = await host.Client("am.zj01");
        const string url = "/api/briefings?period=2025-06&scope=manager:ZJ01-AM01";
        var before = (await Json(await manager.GetAsync(url), HttpStatusCode.OK)).GetProperty("current");

        var done = await Open(manager, "L1001", dueOn: BusinessDate);
        await Open(manager, "L1001", kind: "adhoc_inspection", dueOn: BusinessDate);
        var report = (await Json(await manager.PostAsJsonAsync("/api/reports", Report(done, null, await Checklist(manager, "L1001"))), HttpStatusCode.OK)).GetProperty("id").GetInt64();
        (await manager.PostAsync($"/api/reports/{report}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var briefing = await Json(await manager.GetAsync(url), HttpStatusCode.OK);
        var now = briefing.GetProperty("current");
        briefing.GetProperty("period").GetString().ShouldBe("2025-06-01");
        (now.GetProperty("planned").GetInt32() - before.GetProperty("planned").GetInt32()).ShouldBe(2);
        (now.GetProperty("done").GetInt32() - before.GetProperty("done").GetInt32()).ShouldBe(1);
        (now.GetProperty("doneOnTime").GetInt32() - before.GetProperty("doneOnTime").GetInt32()).ShouldBe(1);
        (now.GetProperty("reports").GetInt32() - before.GetProperty("reports").GetInt32()).ShouldBe(1);
        briefing.GetProperty("methods").EnumerateArray().Single(m => m.GetProperty("method").GetString() == "on_site").GetProperty("current").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        briefing.GetProperty("managers").EnumerateArray().Select(m => m.GetProperty("manager").GetString()).ShouldContain("ZJ01-AM01");

        (await manager.GetAsync("/api/briefings?period=2025-13")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await manager.GetAsync("/api/briefings?period=2025-08")).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // not begun
        (await manager.GetAsync("/api/briefings?period=2025-06&scope=galaxy")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_briefing_exports_open_as_markdown_a_workbook_and_a_pdf_inside_the_callers_scope()
    {
        using var manager = await host.Client("am.zj01");
        const string url = "/api/briefings/export?period=2025-06&scope=manager:ZJ01-AM01&format=";
        var planned = (await Json(await manager.GetAsync("/api/briefings?period=2025-06&scope=manager:ZJ01-AM01"), HttpStatusCode.OK))
            .GetProperty("current").GetProperty("planned").GetInt32();

        var md = await manager.GetAsync(url + "md");
        md.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await md.Content.ReadAsStringAsync()).ShouldContain("贷后/回访工作简报");
        var xlsx = await manager.GetAsync(url + "xlsx");
        xlsx.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("briefing-2025-06-manager-ZJ01-AM01.xlsx");
        using (var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            book.Worksheets.Select(w => w.Name).ShouldContain("客户经理 Managers");
            var row = book.Worksheet("概要 Summary").RowsUsed().First(r => r.Cell(1).GetString().StartsWith("计划", StringComparison.Ordinal));
            row.Cell(2).GetDouble().ShouldBe(planned);
        }
        var pdf = await manager.GetAsync(url + "pdf");
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
            string.Concat(document.GetPages().Select(p => p.Text)).ShouldContain("贷后/回访工作简报");

        (await manager.GetAsync(url + "docx")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // An account manager asking for the bank gets their own book: the same figures as their manager scope.
        var bank = await manager.GetAsync("/api/briefings/export?period=2025-06&scope=bank&format=md");
        (await bank.Content.ReadAsStringAsync()).ShouldContain("全行");
    }
}
