namespace PostLoan.Domain.Schedules;

/// <summary>How a loan repays (SPEC §3).</summary>
public enum RepaymentMethod
{
    /// <summary>等额本息: equal total payment each month.</summary>
    EqualInstallment,
    /// <summary>等额本金: equal principal each month plus interest on the balance.</summary>
    EqualPrincipal,
    /// <summary>按月付息、到期还本: interest monthly, all principal at maturity.</summary>
    InterestOnly,
    /// <summary>到期一次还本付息: principal and all interest at maturity.</summary>
    Bullet,
    /// <summary>An imported schedule (typical for project finance).</summary>
    Custom,
}

/// <summary>The external names of <see cref="RepaymentMethod"/> used in files and on the command line.</summary>
public static class RepaymentMethodNames
{
    private static readonly (RepaymentMethod Method, string Name)[] Names =
    [
        (RepaymentMethod.EqualInstallment, "equal-installment"),
        (RepaymentMethod.EqualPrincipal, "equal-principal"),
        (RepaymentMethod.InterestOnly, "interest-only"),
        (RepaymentMethod.Bullet, "bullet"),
        (RepaymentMethod.Custom, "custom"),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name);

    public static string ToName(this RepaymentMethod method) => Names.First(n => n.Method == method).Name;

    public static bool TryParse(string? text, out RepaymentMethod method)
    {
        foreach (var (m, name) in Names)
        {
            if (string.Equals(name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                method = m;
                return true;
            }
        }
        method = default;
        return false;
    }
}
