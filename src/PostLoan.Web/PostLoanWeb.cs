using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using PostLoan.Application.Borrowers;
using PostLoan.Application.Configuration;
using PostLoan.Application.Loans;
using PostLoan.Application.Reports;
using PostLoan.Infrastructure.Identity;
using PostLoan.Infrastructure.Persistence;
using PostLoan.Web.Api;
using PostLoan.Web.Security;
using Scalar.AspNetCore;

namespace PostLoan.Web;

/// <summary>How to host the web application.</summary>
/// <param name="Urls">Addresses to listen on, e.g. <c>http://127.0.0.1:5080</c> (port 0 picks a free one).</param>
public sealed record WebOptions(DatabaseSettings Database, ServicingSettings Servicing, string Urls, TimeProvider? Clock = null);

/// <summary>
/// The PostLoan web host: the REST API under <c>/api</c>, sign-in with roles and data scopes, the
/// OpenAPI document and its interactive page, and a health check. Started by <c>postloan serve</c>.
/// </summary>
public static class PostLoanWeb
{
    public static WebApplication Build(WebOptions options, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ApplicationName = typeof(PostLoanWeb).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton(options.Servicing);
        services.AddSingleton(options.Clock ?? TimeProvider.System);
        services.AddScoped<LoanListQuery>();
        services.AddScoped<LoanDetailsQuery>();
        services.AddScoped<BorrowerQueries>();
        services.AddScoped<PortfolioSummaryQuery>();

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
            o.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthEndpoints.LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddProblemDetails();
        services.AddHealthChecks();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/docs").AllowAnonymous();
        app.MapGet("/", () => Results.Content(HomePage, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        AuthEndpoints.Map(app);
        LoanEndpoints.Map(app);
        return app;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
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
        if (!context.Request.Path.StartsWithSegments("/api/docs"))
            headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";
        return next(context);
    }

    private const string HomePage = """
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>PostLoan 贷后管理</title></head>
        <body>
        <h1>PostLoan 贷后管理</h1>
        <p>The web API is running. Sign in with <code>POST /api/auth/login</code>, then use the endpoints listed in the
        <a href="/api/docs">interactive API reference</a> (<a href="/openapi/v1.json">OpenAPI document</a>).</p>
        <p><a href="/health">health</a></p>
        </body></html>
        """;
}
