using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using PostLoan.Infrastructure.Identity;
using PostLoan.Web.Localization;

namespace PostLoan.Web.Api;

/// <summary>Browser-only endpoints of the screens: sign-out (a form post with an antiforgery token) and the language switch.</summary>
public static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<PostLoanUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/login");
        }).ExcludeFromDescription();

        app.MapGet("/culture", (string name, string? redirect, HttpContext context) =>
        {
            var culture = name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? UiText.English : UiText.Chinese;
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            // Only a local address: the switch can never send the person elsewhere.
            var target = redirect is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) && !r.Contains('\\') ? r : "/";
            return TypedResults.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
