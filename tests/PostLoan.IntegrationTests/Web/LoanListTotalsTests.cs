using System.Net.Http.Json;
using System.Text.Json;
using PostLoan.Application.Import;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Web;

/// <summary>The loan list's totals are remembered between pages and counted again once the book changes.</summary>
public sealed class LoanListTotalsTests : IAsyncLifetime
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
}
