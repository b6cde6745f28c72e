using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PostLoan.Infrastructure.Identity;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Web.Security;

/// <summary>
/// Integrations call the API with a per-client key in the <c>X-Api-Key</c> header. Only the key's
/// SHA-256 is stored; a revoked key stops working at once.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DatabaseSettings database)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return Task.FromResult(AuthenticateResult.NoResult());
        var hash = ApiKeys.Hash(values[0]!);
        using var db = database.CreateContext();
        var client = db.ApiClients.AsNoTracking().SingleOrDefault(c => c.KeyHash == hash && c.RevokedAt == null);
        if (client is null) return Task.FromResult(AuthenticateResult.Fail("unknown or revoked API key"));
        var claims = new List<Claim> { new(ClaimTypes.Name, "api:" + client.Name), new(ClaimTypes.Role, client.Role) };
        if (client.Branch is { Length: > 0 } b) claims.Add(new Claim(PostLoanClaims.Branch, b));
        if (client.ManagerCode is { Length: > 0 } m) claims.Add(new Claim(PostLoanClaims.Manager, m));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
