using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Common;
using PostLoan.Domain.Audit;
using PostLoan.Infrastructure.Audit;
using PostLoan.Infrastructure.Identity;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Users;

/// <summary>A person to create: user name, display name, one role of SPEC §1, and the branch or manager code their scope needs.</summary>
public sealed record NewUser(string UserName, string DisplayName, string Role, string Password, string? Branch = null, string? ManagerCode = null);

/// <summary>Creates people and API clients (administration from the command line; the web screens come later).</summary>
public sealed class UserAdmin(UserManager<PostLoanUser> users, RoleManager<IdentityRole> roles, PostLoanDbContext db, DatabaseSettings database, TimeProvider clock)
{
    /// <param name="actor">Who adds the person, for the audit trail.</param>
    public async Task<Result<string>> AddUser(NewUser user, string actor)
    {
        if (!Roles.All.Contains(user.Role)) return Result<string>.Invalid("role", $"role must be one of: {string.Join(", ", Roles.All)}");
        if (user.Role == Roles.AccountManager && string.IsNullOrWhiteSpace(user.ManagerCode))
            return Result<string>.Invalid("manager", "an account manager needs the manager code borrowers are assigned by");
        if (user.Role == Roles.BranchManager && string.IsNullOrWhiteSpace(user.Branch))
            return Result<string>.Invalid("branch", "a branch manager needs a branch");
        if (await users.FindByNameAsync(user.UserName) is not null) return Result<string>.Conflict($"user '{user.UserName}' already exists");
        await EnsureRoles();
        var created = new PostLoanUser { UserName = user.UserName, DisplayName = user.DisplayName, Branch = user.Branch, ManagerCode = user.ManagerCode };
        var result = await users.CreateAsync(created, user.Password);
        if (!result.Succeeded) return Result<string>.Invalid("password", string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(created, user.Role);
        new AuditTrail(database, clock).Append(new AuditRecord(actor, "user.create", "user", user.UserName, null,
            AuditJson.Of(("user", user.UserName), ("display_name", user.DisplayName), ("role", user.Role), ("branch", user.Branch), ("manager", user.ManagerCode))));
        return Result<string>.Ok(created.Id);
    }

    /// <summary>Creates an API client and returns its key, which is shown only this once.</summary>
    public async Task<Result<string>> AddApiClient(string name, string role, string actor, string? branch = null, string? managerCode = null)
    {
        if (!Roles.All.Contains(role)) return Result<string>.Invalid("role", $"role must be one of: {string.Join(", ", Roles.All)}");
        if (await db.ApiClients.AnyAsync(c => c.Name == name)) return Result<string>.Conflict($"API client '{name}' already exists");
        var key = ApiKeys.NewKey();
        db.ApiClients.Add(new ApiClient { Name = name, KeyHash = ApiKeys.Hash(key), Role = role, Branch = branch, ManagerCode = managerCode, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync();
        new AuditTrail(database, clock).Append(new AuditRecord(actor, "apikey.create", "api_client", name, null,
            AuditJson.Of(("client", name), ("role", role), ("branch", branch), ("manager", managerCode))));
        return Result<string>.Ok(key);
    }

    /// <summary>Revokes an API client: its key stops working on the next request. Returns when it was revoked.</summary>
    public async Task<Result<DateTimeOffset>> RevokeApiClient(string name, string actor)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Name == name);
        if (client is null) return Result<DateTimeOffset>.NotFound($"no API client named '{name}'");
        if (client.RevokedAt is { } at) return Result<DateTimeOffset>.Conflict($"API client '{name}' was already revoked at {at:yyyy-MM-dd HH:mm:ss} UTC");
        var now = clock.GetUtcNow();
        client.RevokedAt = now;
        await db.SaveChangesAsync();
        new AuditTrail(database, clock).Append(new AuditRecord(actor, "apikey.revoke", "api_client", name, null, AuditJson.Of(("client", name), ("role", client.Role))));
        return Result<DateTimeOffset>.Ok(now);
    }

    private async Task EnsureRoles()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }
}
