using System.Net.Http.Json;
using System.Text.Json;
using PostLoan.Application.Import;
using PostLoan.Application.Loans;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Web;

/// <summary>The loan list's orders and totals are remembered between pages and read again once the book changes.</summary>
public sealed class LoanListCacheTests : IAsyncLifetime
{
    private readonly WebHostFixture _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private static async Task<int> Total(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/loans?{query}");
        return page.GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task A_new_loan_shows_in_the_total_of_a_list_already_paged()
    {
        var client = await _host.Client("risk");
        (await Total(client, "pageSize=2&page=1")).ShouldBe(5);
        (await Total(client, "pageSize=2&page=2")).ShouldBe(5);
        (await Total(client, "segment=retail&pageSize=2")).ShouldBe(await Total(client, "segment=retail&pageSize=2&page=3"));

        // An import appends to the audit trail, which is the book's version: the next page counts again.
        Book.ImportCsv(_host.Db, ImportKind.Loans, """
            external_id,borrower_external_id,product,segment,currency,principal,annual_rate_percent,term_months,disbursed_on,first_due_on,method
            L9901,B1001,CONSUMER,retail,CNY,10000.00,6.00,12,2025-01-10,2025-02-10,equal-installment
            """);
        (await Total(client, "pageSize=2&page=2")).ShouldBe(6);
    }

    [Theory]
    [InlineData("-outstanding")]
    [InlineData("dpd")]
    public async Task Sorted_by_a_servicing_figure_loans_not_serviced_yet_come_last_on_every_path(string sort)
    {
        var client = await _host.Client("risk");
        var serviced = (await client.GetFromJsonAsync<JsonElement>($"/api/loans?sort={sort}&pageSize=200")).GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("externalId").GetString()!).ToList();
        serviced.Count.ShouldBe(5);
        Book.ImportCsv(_host.Db, ImportKind.Loans, """
            external_id,borrower_external_id,product,segment,currency,principal,annual_rate_percent,term_months,disbursed_on,first_due_on,method
            L9902,B1001,CONSUMER,retail,CNY,10000.00,6.00,12,2025-01-10,2025-02-10,equal-installment
            L9901,B1001,CONSUMER,retail,CNY,20000.00,6.00,12,2025-01-10,2025-02-10,equal-installment
            """);
        string[] expected = [.. serviced, "L9902", "L9901"]; // by loan id: L9902 was imported first

        var walked = new List<string>();
        var byNumber = new List<string>();
        string? next = null;
        var page = 0;
        do
        {
            var byCursor = await client.GetFromJsonAsync<JsonElement>($"/api/loans?sort={sort}&pageSize=2" + (next is null ? "" : "&after=" + Uri.EscapeDataString(next)));
            walked.AddRange(byCursor.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("externalId").GetString()!));
            next = byCursor.GetProperty("next").GetString();
            var numbered = await client.GetFromJsonAsync<JsonElement>($"/api/loans?sort={sort}&pageSize=2&page={++page}");
            byNumber.AddRange(numbered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("externalId").GetString()!));
        } while (next is not null);
        walked.ShouldBe(expected);
        byNumber.ShouldBe(expected);
        var whole = await client.GetFromJsonAsync<JsonElement>($"/api/loans?sort={sort}&pageSize=200");
        whole.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("externalId").GetString()!).ShouldBe(expected);
        // A page that starts beyond the serviced loans finds its place among the unserviced ones.
        (await client.GetFromJsonAsync<JsonElement>($"/api/loans?sort={sort}&pageSize=1&page=7")).GetProperty("items")[0].GetProperty("externalId").GetString().ShouldBe("L9901");
    }

    [Fact]
    public async Task A_cursor_made_before_the_book_changed_continues_after_its_loan()
    {
        var client = await _host.Client("risk");
        var first = await client.GetFromJsonAsync<JsonElement>("/api/loans?sort=externalId&pageSize=2");
        first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("externalId").GetString()).ShouldBe(["L1001", "L1002"]);
        var next = first.GetProperty("next").GetString()!;

        // A loan that sorts right after the cursor's arrives: the remembered order is gone, the cursor is found again by its key.
        Book.ImportCsv(_host.Db, ImportKind.Loans, """
            external_id,borrower_external_id,product,segment,currency,principal,annual_rate_percent,term_months,disbursed_on,first_due_on,method
            L1003,B1001,CONSUMER,retail,CNY,10000.00,6.00,12,2025-01-10,2025-02-10,equal-installment
            """);
        var second = await client.GetFromJsonAsync<JsonElement>("/api/loans?sort=externalId&pageSize=2&after=" + Uri.EscapeDataString(next));
        second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("externalId").GetString()).ShouldBe(["L1003", "L2001"]);
        second.GetProperty("total").GetInt32().ShouldBe(6);
    }
}

/// <summary>The cache itself: one read per filter and version, forgotten on a newer version or past its budget.</summary>
public sealed class LoanListCacheRulesTests
{
    [Fact]
    public void An_order_is_read_once_per_version_and_again_when_the_book_changes()
    {
        var cache = new LoanListCache();
        var reads = 0;
        long[] Read() { reads++; return [3, 1, 2]; }
        cache.Order(5, "k", Read).ShouldBe([3, 1, 2]);
        cache.Order(5, "k", Read);
        reads.ShouldBe(1);
        cache.Order(6, "k", Read);
        reads.ShouldBe(2);
        // A request that read an older version is answered, but what it read is not remembered.
        cache.Order(5, "k", Read);
        cache.Order(5, "k", Read);
        reads.ShouldBe(4);
        cache.Order(6, "k", Read);
        reads.ShouldBe(4);
    }

    [Fact]
    public void Orders_past_the_budget_are_all_forgotten()
    {
        var cache = new LoanListCache(maxRememberedIds: 10);
        var reads = 0;
        long[] Six() { reads++; return [1, 2, 3, 4, 5, 6]; }
        cache.Order(1, "a", Six);
        cache.RememberedIds.ShouldBe(6);
        cache.Order(1, "b", Six);
        cache.RememberedIds.ShouldBe(0);
        cache.Order(1, "a", Six);
        reads.ShouldBe(3);
    }

    [Fact]
    public void A_failed_read_is_not_remembered()
    {
        var cache = new LoanListCache();
        Should.Throw<InvalidOperationException>(() => cache.Order(1, "k", () => throw new InvalidOperationException("database gone")));
        cache.Order(1, "k", () => [7]).ShouldBe([7]);
    }
}
