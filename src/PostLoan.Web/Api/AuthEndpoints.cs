using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using PostLoan.Infrastructure.Identity;
using PostLoan.Web.Security;

namespace PostLoan.Web.Api;

public sealed record LoginRequest(string UserName, string Password);

public sealed record CurrentUser(string UserName, string? DisplayName, IReadOnlyList<string> Roles, string Scope);

/// <summary>Sign-in for the browser (an HttpOnly cookie). Integrations use API keys instead.</summary>
public static class AuthEndpoints
{
    public const string LoginRateLimit = "login";

    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");
        auth.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(LoginRateLimit);
        auth.MapPost("/logout", async (SignInManager<PostLoanUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        });
        auth.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new CurrentUser(
            user.Identity!.Name!, user.FindFirstValue("name"),
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), user.Scope().ToString())));
    }

    private static async Task<IResult> Login(LoginRequest request, SignInManager<PostLoanUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["user name and password are required"] });
        var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return TypedResults.Problem("too many failed sign-ins: the account is locked for 15 minutes", statusCode: StatusCodes.Status423Locked, title: "Locked.");
        if (!result.Succeeded)
            return TypedResults.Problem("user name or password is wrong", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.");
        return TypedResults.NoContent();
    }
}
