using System.Security.Claims;
using PostLoan.Application.Common;
using PostLoan.Infrastructure.Identity;

namespace PostLoan.Web.Security;

/// <summary>The claims PostLoan puts on a signed-in person or API client, and the data scope they give.</summary>
public static class PostLoanClaims
{
    public const string Branch = "postloan:branch";
    public const string Manager = "postloan:manager";

    /// <summary>The viewer as the sensitive-data rules see it: roles and, for an account manager, their code.</summary>
    public static PostLoan.Application.Borrowers.SensitiveViewer Viewer(this ClaimsPrincipal user) =>
        new(user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), user.FindFirstValue(Manager));

    /// <summary>
    /// SPEC §1: risk, legal, auditors, executives and administrators see everything; a branch manager
    /// (and a collector) the branch; an account manager the borrowers assigned to them; anyone else nothing.
    /// </summary>
    public static DataScope Scope(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return DataScope.None;
        if (user.IsInRole(Roles.RiskOfficer) || user.IsInRole(Roles.LegalOfficer) || user.IsInRole(Roles.Executive)
            || user.IsInRole(Roles.Auditor) || user.IsInRole(Roles.Administrator))
            return DataScope.All;
        if (user.IsInRole(Roles.BranchManager)) return DataScope.Branch(user.FindFirstValue(Branch));
        if (user.IsInRole(Roles.Collector))
            return user.FindFirstValue(Branch) is { Length: > 0 } b ? DataScope.Branch(b) : DataScope.All;
        if (user.IsInRole(Roles.AccountManager)) return DataScope.Manager(user.FindFirstValue(Manager));
        return DataScope.None;
    }

    /// <summary>The person as the work queue sees them: who acts, their manager code, roles, branch and data scope.</summary>
    public static PostLoan.Application.Inspections.TaskViewer TaskViewer(this ClaimsPrincipal user) =>
        new(user.Actor(), user.FindFirstValue(Manager), user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), user.FindFirstValue(Branch), user.Scope());

    /// <summary>Who acts, as the audit trail names them: <c>user:NAME</c> for a person, <c>api:NAME</c> for an API client.</summary>
    public static string Actor(this ClaimsPrincipal user)
    {
        var name = user.FindFirstValue(ClaimTypes.Name) ?? throw new InvalidOperationException("an authenticated caller has a name");
        return name.StartsWith("api:", StringComparison.Ordinal) ? name : "user:" + name;
    }
}
