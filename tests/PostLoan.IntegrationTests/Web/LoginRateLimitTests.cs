using System.Net;
using System.Net.Http.Json;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Web;

/// <summary>Sign-in is rate limited per address and locks an account after repeated failures.</summary>
public sealed class LoginRateLimitTests : IAsyncLifetime
{
    private readonly WebHostFixture _host = new() { SignInsPerMinute = 10 };

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Repeated_failed_sign_ins_lock_the_account_then_the_address_is_throttled()
    {
        var client = await _host.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { userName = "auditor", password = $"Wrong-{i}-Password!" })).StatusCode);

        statuses.Take(4).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses[4].ShouldBe((HttpStatusCode)423); // fifth failure locks the account
        statuses.Skip(10).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);

        // Locked: even the right password is refused now.
        var right = await (await _host.Client()).PostAsJsonAsync("/api/auth/login", new { userName = "auditor", password = WebHostFixture.Password });
        right.StatusCode.ShouldBeOneOf((HttpStatusCode)423, HttpStatusCode.TooManyRequests);
    }
}
