using System.Net;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Web;

/// <summary><c>postloan users apikey revoke</c>, run as a real process against a running web host's database.</summary>
public sealed class ApiClientRevocationTests : IAsyncLifetime
{
    private readonly WebHostFixture _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_the_revocation_is_audited()
    {
        var client = await _host.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", _host.RiskApiKey);
        (await client.GetAsync("/api/loans")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (exit, output, error) = CliProcess.Run(_host.Db.Folder, "users", "apikey", "revoke", "core-sync", "--db", _host.Db.Db);
        exit.ShouldBe(0, error);
        output.ShouldContain("Revoked API client core-sync at ");
        (await client.GetAsync("/api/loans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _host.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'apikey.revoke' AND entity_id = 'core-sync'").ShouldBe(1);

        var again = CliProcess.Run(_host.Db.Folder, "users", "apikey", "revoke", "core-sync", "--db", _host.Db.Db);
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("API client 'core-sync' was already revoked at ");
        var unknown = CliProcess.Run(_host.Db.Folder, "users", "apikey", "revoke", "nobody", "--db", _host.Db.Db);
        unknown.ExitCode.ShouldBe(1);
        unknown.Error.ShouldContain("no API client named 'nobody'");
        _host.Db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'apikey.revoke'").ShouldBe(1);
    }
}
