using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PostLoan.Infrastructure.Identity;

namespace PostLoan.Web.Security;

/// <summary>Adds a person's branch and account manager code to their sign-in, so that every request knows its data scope.</summary>
public sealed class PostLoanClaimsFactory(UserManager<PostLoanUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PostLoanUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PostLoanUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.Branch is { Length: > 0 } b) identity.AddClaim(new Claim(PostLoanClaims.Branch, b));
        if (user.ManagerCode is { Length: > 0 } m) identity.AddClaim(new Claim(PostLoanClaims.Manager, m));
        if (user.DisplayName is { Length: > 0 } d) identity.AddClaim(new Claim("name", d));
        return identity;
    }
}
