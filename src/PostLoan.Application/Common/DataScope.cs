using PostLoan.Domain.Loans;

namespace PostLoan.Application.Common;

/// <summary>
/// Which borrowers someone may see (SPEC §1): everything, one branch, or the borrowers assigned to
/// one account manager. Every query that returns borrower or loan data takes a scope and applies it
/// in SQL, so a scope can never be bypassed by asking for an id directly.
/// </summary>
public sealed record DataScope
{
    private DataScope(DataScopeKind kind, string? value)
    {
        Kind = kind;
        Value = value;
    }

    public DataScopeKind Kind { get; }

    /// <summary>The branch or the account manager code; null for <see cref="DataScopeKind.All"/> and <see cref="DataScopeKind.None"/>.</summary>
    public string? Value { get; }

    public static readonly DataScope All = new(DataScopeKind.All, null);
    public static readonly DataScope None = new(DataScopeKind.None, null);

    public static DataScope Branch(string? branch) => string.IsNullOrWhiteSpace(branch) ? None : new(DataScopeKind.Branch, branch);

    public static DataScope Manager(string? code) => string.IsNullOrWhiteSpace(code) ? None : new(DataScopeKind.Manager, code);

    /// <summary>Keeps the borrowers inside the scope.</summary>
    public IQueryable<Borrower> Apply(IQueryable<Borrower> borrowers) => Kind switch
    {
        DataScopeKind.All => borrowers,
        DataScopeKind.Branch => borrowers.Where(b => b.Branch == Value),
        DataScopeKind.Manager => borrowers.Where(b => b.AccountManager == Value),
        _ => borrowers.Where(b => false),
    };

    public bool Allows(Borrower borrower) => Kind switch
    {
        DataScopeKind.All => true,
        DataScopeKind.Branch => borrower.Branch == Value,
        DataScopeKind.Manager => borrower.AccountManager == Value,
        _ => false,
    };

    public override string ToString() => Value is null ? Kind.ToString().ToLowerInvariant() : $"{Kind.ToString().ToLowerInvariant()}:{Value}";
}

public enum DataScopeKind
{
    None,
    All,
    Branch,
    Manager,
}
