using Microsoft.AspNetCore.Identity;

namespace PostLoan.Infrastructure.Identity;

/// <summary>A person who signs in. Roles are Identity roles named as in <see cref="Roles"/>.</summary>
public sealed class PostLoanUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The account manager code borrowers are assigned by (borrowers.account_manager), for account managers.</summary>
    public string? ManagerCode { get; set; }

    /// <summary>The branch the person belongs to (borrowers.branch), for branch managers and account managers.</summary>
    public string? Branch { get; set; }
}

/// <summary>The roles of SPEC §1.</summary>
public static class Roles
{
    public const string AccountManager = "account_manager";
    public const string BranchManager = "branch_manager";
    public const string RiskOfficer = "risk_officer";
    public const string Collector = "collector";
    public const string LegalOfficer = "legal_officer";
    public const string Executive = "executive";
    public const string Auditor = "auditor";
    public const string Administrator = "administrator";

    public static readonly string[] All = [AccountManager, BranchManager, RiskOfficer, Collector, LegalOfficer, Executive, Auditor, Administrator];
}

/// <summary>An integration client calling the API with a key. Only a hash of the key is stored.</summary>
public sealed class ApiClient
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>SHA-256 of the key, hex.</summary>
    public string KeyHash { get; set; } = "";
    /// <summary>The role the client acts with; its data scope follows from it as for a person.</summary>
    public string Role { get; set; } = Roles.RiskOfficer;
    public string? Branch { get; set; }
    public string? ManagerCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
