using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using PostLoan.Application.Borrowers;
using PostLoan.Application.Configuration;
using PostLoan.Application.EarlyWarning;
using PostLoan.Application.Inspections;
using PostLoan.Application.Loans;
using PostLoan.Application.Reports;
using PostLoan.Application.Scoring;
using PostLoan.Infrastructure.Identity;
using PostLoan.Infrastructure.Persistence;
using MudBlazor.Services;
using PostLoan.Web.Api;
using PostLoan.Web.Components;
using PostLoan.Web.Localization;
using PostLoan.Web.Security;
using Scalar.AspNetCore;

namespace PostLoan.Web;

/// <summary>How to host the web application.</summary>
/// <param name="Urls">Addresses to listen on, e.g. <c>http://127.0.0.1:5080</c> (port 0 picks a free one).</param>
/// <param name="SignInsPerMinute">Sign-in attempts allowed per client address and minute.</param>
public sealed record WebOptions(DatabaseSettings Database, ServicingSettings Servicing, string Urls, TimeProvider? Clock = null, int SignInsPerMinute = 10);

/// <summary>
/// The PostLoan web host: the REST API under <c>/api</c>, sign-in with roles and data scopes, the
/// OpenAPI document and its interactive page, and a health check. Started by <c>postloan serve</c>.
/// </summary>
public static class PostLoanWeb
{
    public static WebApplication Build(WebOptions options, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton(options.Servicing);
        services.AddSingleton(options.Clock ?? TimeProvider.System);
        services.AddScoped<LoanListQuery>();
        services.AddSingleton<LoanListCache>(_ => new LoanListCache());
        services.AddScoped<LoanDetailsQuery>();
        services.AddScoped<LoanFeaturesQuery>();
        services.AddScoped<BorrowerQueries>();
        services.AddScoped<BorrowerMonitoringQuery>();
        services.AddScoped<PostLoan.Application.Import.ImportService>();
        services.AddScoped<PortfolioSummaryQuery>();
        services.AddScoped<DashboardQuery>();
        services.AddScoped<AlertQueue>();
        services.AddScoped<AlertActions>();
        services.AddScoped<WatchListService>();
        services.AddScoped<RuleBook>();
        services.AddScoped<RuleBacktest>();
        services.AddScoped<ModelBook>();
        services.AddScoped<ModelMonitoring>();
        services.AddScoped<LoanScoreQuery>();
        services.AddScoped<PostLoan.Infrastructure.Audit.AuditTrail>();
        services.AddSingleton(options.Servicing.Inspections);
        services.AddScoped<TaskBook>();
        services.AddScoped<ReportBook>();
        services.AddScoped<BriefingQuery>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddAntiforgery(o => o.Cookie.Name = "postloan.af");

        services.AddPostLoanIdentity(options.Database)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PostLoanClaimsFactory>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "PostLoan";
                o.DefaultChallengeScheme = "PostLoan";
            })
            // One scheme in front: an API key when the request carries one, otherwise the sign-in cookie.
            .AddPolicyScheme("PostLoan", "cookie or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "postloan";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is: production sits behind TLS; loopback development may not.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API answers 401; a page sends the person to sign in.
            o.Events.OnRedirectToLogin = context => context.Request.Path.StartsWithSegments("/api")
                ? Status(context.Response, StatusCodes.Status401Unauthorized)
                : Redirect(context.Response, "/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path.Value?.TrimStart('/') ?? ""));
            o.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthEndpoints.LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddProblemDetails();
        services.AddHealthChecks();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        builder.WebHost.UseStaticWebAssets();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(UiText.Chinese.Name);
            o.AddSupportedCultures(UiText.Chinese.Name, UiText.English.Name);
            o.AddSupportedUICultures(UiText.Chinese.Name, UiText.English.Name);
        });
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/docs").AllowAnonymous();
        // Static assets (MudBlazor, the Blazor script) come from the hosting program's build manifest;
        // a host without one (an API-only test host) serves the API alone.
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json")))
            app.MapStaticAssets().AllowAnonymous();
        // Pages check sign-in themselves (AuthorizeRouteView) so that a person is sent to the sign-in page, not refused.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowAnonymous();
        AuthEndpoints.Map(app);
        AccountEndpoints.Map(app);
        LoanEndpoints.Map(app);
        EarlyWarningEndpoints.Map(app);
        ScoringEndpoints.Map(app);
        ImportEndpoints.Map(app);
        InspectionEndpoints.Map(app);
        return app;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Redirect(HttpResponse response, string location)
    {
        response.Redirect(location);
        return Task.CompletedTask;
    }

    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // Blazor and MudBlazor set inline styles; the API reference page loads its own scripts.
        if (!context.Request.Path.StartsWithSegments("/api/docs"))
            headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";
        return next(context);
    }
}
