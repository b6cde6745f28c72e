using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Web;

/// <summary>The REST API through the real pipeline: sign-in, data scope by role, filters, problem details.</summary>
public sealed class ApiTests(WebHostFixture host) : IClassFixture<WebHostFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement;
    }

    private static string[] LoanIds(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("externalId").GetString()!).ToArray();

    [Fact]
    public async Task Health_answers_without_sign_in_and_data_does_not()
    {
        var client = await host.Client();
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var loans = await client.GetAsync("/api/loans");
        loans.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_problem()
    {
        var client = await host.Client();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "risk", password = "wrong-Password-1!" });
        login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        login.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Json(login)).GetProperty("detail").GetString().ShouldBe("user name or password is wrong");
    }

    [Fact]
    public async Task A_risk_officer_sees_the_whole_book_and_can_filter_page_and_sort()
    {
        var client = await host.Client("risk");
        LoanIds(await Json(await client.GetAsync("/api/loans"))).ShouldBe(["L1001", "L1002", "L2001", "L2002", "L3001"]);
        LoanIds(await Json(await client.GetAsync("/api/loans?segment=corporate"))).ShouldBe(["L2001", "L2002"]);
        LoanIds(await Json(await client.GetAsync("/api/loans?bucket=M2"))).ShouldBe(["L1002", "L2001"]);
        LoanIds(await Json(await client.GetAsync("/api/loans?class=substandard"))).ShouldBe(["L1002"]);
        LoanIds(await Json(await client.GetAsync("/api/loans?branch=SC01"))).ShouldBe(["L1002", "L3001"]);
        LoanIds(await Json(await client.GetAsync("/api/loans?manager=ZJ01-AM02"))).ShouldBe(["L2001", "L2002"]);
        LoanIds(await Json(await client.GetAsync("/api/loans?sort=-outstanding&pageSize=2"))).ShouldBe(["L3001", "L2002"]);
        var page2 = await Json(await client.GetAsync("/api/loans?page=2&pageSize=2"));
        LoanIds(page2).ShouldBe(["L2001", "L2002"]);
        page2.GetProperty("total").GetInt32().ShouldBe(5);
    }

    [Theory]
    [InlineData("externalId")]
    [InlineData("-externalId")]
    [InlineData("borrower")]
    [InlineData("-borrower")]
    [InlineData("outstanding")]
    [InlineData("-outstanding")]
    [InlineData("dpd")]
    [InlineData("-dpd")]
    [InlineData("disbursedOn")]
    [InlineData("-disbursedOn")]
    public async Task Following_the_next_cursor_visits_every_loan_once_in_the_order_of_one_long_page(string sort)
    {
        var client = await host.Client("risk");
        var whole = await Json(await client.GetAsync($"/api/loans?sort={sort}&pageSize=200"));
        var expected = LoanIds(whole);
        expected.Length.ShouldBe(5);
        whole.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);

        var walked = new List<string>();
        var byNumber = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var url = $"/api/loans?sort={sort}&pageSize=2" + (next is null ? "" : "&after=" + Uri.EscapeDataString(next));
            var page = await Json(await client.GetAsync(url));
            walked.AddRange(LoanIds(page));
            byNumber.AddRange(LoanIds(await Json(await client.GetAsync($"/api/loans?sort={sort}&pageSize=2&page={++pages}"))));
            page.GetProperty("total").GetInt32().ShouldBe(5);
            next = page.GetProperty("next").GetString();
        } while (next is not null);
        pages.ShouldBe(3);
        walked.ShouldBe(expected);
        byNumber.ShouldBe(expected);
    }

    [Fact]
    public async Task A_cursor_of_another_sort_or_with_a_page_number_is_refused_naming_after()
    {
        var client = await host.Client("risk");
        var next = (await Json(await client.GetAsync("/api/loans?sort=-dpd&pageSize=2"))).GetProperty("next").GetString()!;
        var otherSort = await client.GetAsync($"/api/loans?sort=outstanding&after={Uri.EscapeDataString(next)}");
        otherSort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(otherSort)).GetProperty("errors").GetProperty("after")[0].GetString()!.ShouldContain("not a cursor of this list's sort");
        var withPage = await client.GetAsync($"/api/loans?sort=-dpd&page=2&after={Uri.EscapeDataString(next)}");
        (await Json(withPage)).GetProperty("errors").GetProperty("after")[0].GetString()!.ShouldContain("either page or after");
        (await client.GetAsync("/api/loans?after=%21%21not-a-cursor")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_account_manager_sees_only_their_borrowers_and_gets_404_for_anyone_else()
    {
        var client = await host.Client("am.zj01");
        LoanIds(await Json(await client.GetAsync("/api/loans"))).ShouldBe(["L1001"]);
        // A filter cannot widen the scope.
        LoanIds(await Json(await client.GetAsync("/api/loans?manager=ZJ01-AM02"))).ShouldBeEmpty();
        (await client.GetAsync("/api/loans/L1001")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = await client.GetAsync("/api/loans/L2001");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Content.ReadAsStringAsync()).ShouldNotContain("浙江恒达");
        (await client.GetAsync("/api/borrowers/B2001")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var borrowers = await Json(await client.GetAsync("/api/borrowers"));
        borrowers.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("externalId").GetString()).ShouldBe(["B1001"]);
        var summary = await Json(await client.GetAsync("/api/portfolio/summary"));
        summary.GetProperty("activeLoans").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_branch_manager_sees_the_branch()
    {
        var client = await host.Client("bm.sc01");
        LoanIds(await Json(await client.GetAsync("/api/loans"))).ShouldBe(["L1002", "L3001"]);
        (await client.GetAsync("/api/loans/L1001")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var me = await Json(await client.GetAsync("/api/auth/me"));
        me.GetProperty("scope").GetString().ShouldBe("branch:SC01");
    }

    [Fact]
    public async Task An_account_manager_with_no_borrowers_sees_nothing()
    {
        var client = await host.Client("nobody");
        (await Json(await client.GetAsync("/api/loans"))).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Loan_detail_holds_terms_schedule_transactions_state_and_history()
    {
        var client = await host.Client("auditor");
        var loan = await Json(await client.GetAsync("/api/loans/L2002"));
        loan.GetProperty("principal").GetDecimal().ShouldBe(12_000_000.00m);
        loan.GetProperty("schedule").GetArrayLength().ShouldBe(60);
        loan.GetProperty("schedule")[0].GetProperty("status").GetString().ShouldBe("paid");
        var transactions = loan.GetProperty("transactions").EnumerateArray().ToList();
        transactions.ShouldContain(t => t.GetProperty("externalId").GetString() == "T9003" && t.GetProperty("reversed").GetBoolean());
        loan.GetProperty("state").GetProperty("class").GetString().ShouldBe("normal");
        loan.GetProperty("history").EnumerateArray().ShouldContain(h => h.GetProperty("kind").GetString() == "class");
    }

    [Fact]
    public async Task Bad_query_values_are_validation_problems_naming_the_field()
    {
        var client = await host.Client("risk");
        var tooBig = await client.GetAsync("/api/loans?pageSize=1000");
        tooBig.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(tooBig)).GetProperty("errors").GetProperty("pageSize")[0].GetString()!.ShouldContain("between 1 and 200");
        var bucket = await Json(await client.GetAsync("/api/loans?bucket=M9"));
        bucket.GetProperty("errors").GetProperty("bucket")[0].GetString()!.ShouldContain("M7+");
        var missing = await client.GetAsync("/api/loans/NOPE");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(missing)).GetProperty("detail").GetString().ShouldBe("no loan with external id 'NOPE'");
    }

    [Fact]
    public async Task An_api_key_signs_an_integration_in_with_its_role_and_a_wrong_key_is_refused()
    {
        var client = await host.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", host.RiskApiKey);
        LoanIds(await Json(await client.GetAsync("/api/loans"))).Length.ShouldBe(5);

        var wrong = await host.Client();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "plk_not-a-key");
        (await wrong.GetAsync("/api/loans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_strict_and_pages_carry_security_headers()
    {
        var client = new HttpClient { BaseAddress = host.Address };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "risk", password = WebHostFixture.Password });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("postloan=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        var health = await client.GetAsync("/health");
        health.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        health.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        health.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var client = await host.Client();
        var doc = await Json(await client.GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        paths.TryGetProperty("/api/loans", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/loans/{externalId}", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/borrowers/{externalId}", out _).ShouldBeTrue();
        (await client.GetAsync("/api/docs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("auditor", "330106********2428", "139****0001")]
    [InlineData("risk", "330106********2428", "139****0001")]
    [InlineData("admin", "330106198803152428", "13957100001")]
    [InlineData("am.zj01", "330106198803152428", "13957100001")] // the borrower is in their own book
    public async Task Borrower_identifiers_are_masked_unless_the_role_may_see_them(string user, string idNumber, string phone)
    {
        var client = await host.Client(user);
        var borrower = await Json(await client.GetAsync("/api/borrowers/B1001"));
        borrower.GetProperty("nationalId").GetString().ShouldBe(idNumber);
        borrower.GetProperty("phone").GetString().ShouldBe(phone);
    }

    [Theory]
    [InlineData("admin", "L1001,L1002,L2001,L2002,L3001")]
    [InlineData("risk", "L1001,L1002,L2001,L2002,L3001")]
    [InlineData("legal", "L1001,L1002,L2001,L2002,L3001")]
    [InlineData("exec", "L1001,L1002,L2001,L2002,L3001")]
    [InlineData("auditor", "L1001,L1002,L2001,L2002,L3001")]
    [InlineData("collector", "L1001,L1002,L2001,L2002,L3001")]
    [InlineData("collector.sc01", "L1002,L3001")]
    [InlineData("bm.sc01", "L1002,L3001")]
    [InlineData("am.zj01", "L1001")]
    [InlineData("nobody", "")]
    public async Task Every_role_sees_exactly_its_scope_in_lists_summaries_and_details(string user, string expected)
    {
        var client = await host.Client(user);
        var visible = expected.Split(',', StringSplitOptions.RemoveEmptyEntries);
        LoanIds(await Json(await client.GetAsync("/api/loans"))).ShouldBe(visible);
        (await Json(await client.GetAsync("/api/portfolio/summary"))).GetProperty("activeLoans").GetInt32().ShouldBe(visible.Length);
        foreach (var id in new[] { "L1001", "L1002", "L2001", "L2002", "L3001" })
            (await client.GetAsync($"/api/loans/{id}")).StatusCode.ShouldBe(visible.Contains(id) ? HttpStatusCode.OK : HttpStatusCode.NotFound, id);
    }
}
