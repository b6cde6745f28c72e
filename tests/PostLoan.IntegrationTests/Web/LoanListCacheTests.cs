using System.Net.Http.Json;
using System.Text.Json;
using PostLoan.Application.Import;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Web;

/// <summary>The loan list's totals are remembered between pages and counted again once the book changes.</summary>
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
}
