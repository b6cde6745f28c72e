namespace PostLoan.Domain.Common;

/// <summary>
/// Who may see a borrower's id number and phone in full (SPEC §1, §12; docs/sensitive-data.md).
/// Everyone else sees them masked (<see cref="Masking"/>) — on screen, in API output and in exports.
/// </summary>
/// <remarks>
/// Full values go to people who must contact or identify the borrower as part of their work:
/// the account manager the borrower is assigned to, legal officers (litigation and enforcement
/// need the exact id) and administrators. Collectors, risk officers, auditors, branch managers and
/// executives work on the loan, not the person's identifiers, and see masked values; an account
/// manager looking at someone else's borrower does too. Roles are named as in SPEC §1, in snake case.
/// </remarks>
public static class SensitiveDataAccess
{
    public const string AccountManager = "account_manager";
    public const string LegalOfficer = "legal_officer";
    public const string Administrator = "administrator";

    /// <summary>
    /// True when <paramref name="role"/> may see full values; for an account manager only when
    /// <paramref name="assignedToBorrower"/> (the borrower is in their own book). Unknown roles may not.
    /// </summary>
    public static bool MaySee(string? role, bool assignedToBorrower = false) => role switch
    {
        LegalOfficer or Administrator => true,
        AccountManager => assignedToBorrower,
        _ => false,
    };

    /// <summary>The value itself when the role may see it, else <paramref name="mask"/> of it.</summary>
    public static string? Reveal(string? value, Func<string?, string?> mask, string? role, bool assignedToBorrower = false) =>
        MaySee(role, assignedToBorrower) ? value : mask(value);
}
