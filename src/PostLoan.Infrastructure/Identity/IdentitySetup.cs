using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.Identity;

public static class IdentitySetup
{
    /// <summary>
    /// Identity over the PostLoan database: hashed passwords (ASP.NET Core Identity's PBKDF2), a
    /// password policy and lockout after repeated failures. Shared by the web host and the command line.
    /// </summary>
    public static IdentityBuilder AddPostLoanIdentity(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddSingleton(database);
        services.AddDbContext<PostLoanDbContext>(database.Configure);
        return services.AddIdentityCore<PostLoanUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PostLoanDbContext>();
    }
}
