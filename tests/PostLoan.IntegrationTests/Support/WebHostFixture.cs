using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PostLoan.Application.Configuration;
using PostLoan.Application.EndOfDay;
using PostLoan.Application.Import;
using PostLoan.Application.Users;
using PostLoan.Infrastructure.Identity;
using PostLoan.Web;
using Shouldly;

namespace PostLoan.IntegrationTests.Support;

/// <summary>
/// The real web host on a free loopback port over a real SQLite file holding the example book after
/// end-of-day, with one person per role.
/// </summary>
public sealed class WebHostFixture : IAsyncLifetime
{
    public const string Password = "PostLoan-Test-2026!";

    public TempDatabase Db { get; } = new();

    /// <summary>Sign-ins per minute the host allows; the shared fixture signs in often.</summary>
    public int SignInsPerMinute { get; init; } = 1000;
    public Uri Address { get; private set; } = null!;
    public string RiskApiKey { get; private set; } = "";

    /// <summary>Loads the book the host serves; by default the example book after end-of-day through 30 June 2025.</summary>
    public Action<TempDatabase> LoadBook { get; init; } = ExampleBook;
    private WebApplication? _app;

    public static void ExampleBook(TempDatabase db)
    {
        foreach (var kind in new[] { "borrowers", "loans", "schedules", "repayments", "transactions" })
            new ImportService(db.Settings).Import(Enum.Parse<ImportKind>(kind, ignoreCase: true), Examples.File($"{kind}.csv")).Succeeded.ShouldBeTrue();
        new EndOfDayService(db.Settings, new ServicingSettings(), TimeProvider.System).Run(new EndOfDayRequest(Through: new DateOnly(2025, 6, 30))).Succeeded.ShouldBeTrue();
    }

    public async Task InitializeAsync()
    {
        LoadBook(Db);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddPostLoanIdentity(Db.Settings);
        services.AddScoped<UserAdmin>();
        await using (var provider = services.BuildServiceProvider())
        await using (var scope = provider.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            foreach (var user in new[]
            {
                new NewUser("admin", "系统管理员", Roles.Administrator, Password),
                new NewUser("risk", "风险管理部", Roles.RiskOfficer, Password),
                new NewUser("risk2", "风险管理部 复核", Roles.RiskOfficer, Password),
                new NewUser("auditor", "审计", Roles.Auditor, Password),
                new NewUser("am.zj01", "客户经理 ZJ01-AM01", Roles.AccountManager, Password, "ZJ01", "ZJ01-AM01"),
                new NewUser("bm.sc01", "四川分行行长", Roles.BranchManager, Password, "SC01"),
                new NewUser("bm.zj01", "浙江分行行长", Roles.BranchManager, Password, "ZJ01"),
                new NewUser("nobody", "no role scope", Roles.AccountManager, Password, "ZJ01", "ZZ99-AM99"),
                new NewUser("legal", "资产保全", Roles.LegalOfficer, Password),
                new NewUser("exec", "行领导", Roles.Executive, Password),
                new NewUser("collector.sc01", "催收 四川", Roles.Collector, Password, "SC01"),
                new NewUser("collector", "催收 全行", Roles.Collector, Password),
            })
                (await admin.AddUser(user, "user:test-admin")).Succeeded.ShouldBeTrue();
            RiskApiKey = (await admin.AddApiClient("core-sync", Roles.RiskOfficer, "user:test-admin")).Value!;
        }

        _app = PostLoanWeb.Build(new WebOptions(Db.Settings, new ServicingSettings(), "http://127.0.0.1:0", SignInsPerMinute: SignInsPerMinute));
        await _app.StartAsync();
        Address = new Uri(_app.Urls.First());
    }

    /// <summary>A client with its own cookie jar, signed in as <paramref name="user"/> when given.</summary>
    public async Task<HttpClient> Client(string? user = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = Address };
        if (user is not null)
        {
            var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = Password });
            login.StatusCode.ShouldBe(HttpStatusCode.NoContent, await login.Content.ReadAsStringAsync());
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        Db.Dispose();
    }
}
