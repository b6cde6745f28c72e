using PostLoan.Domain.Inspections;

namespace PostLoan.Application.Inspections;

/// <summary>
/// Inspections configuration, bound from the <c>PostLoan:Inspections</c> section of appsettings.json: the visit plan
/// policy (SPEC §7 defaults) and the teams briefings and KPIs group account managers into.
/// </summary>
public sealed class InspectionSettings
{
    public VisitPolicy Policy { get; set; } = VisitPolicy.Default;

    /// <summary>Team name → the account manager codes in it (borrowers.account_manager). A manager is in one team at most.</summary>
    public Dictionary<string, string[]> Teams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The team an account manager code belongs to, if any.</summary>
    public string? TeamOf(string? manager) =>
        manager is null ? null : Teams.FirstOrDefault(t => t.Value.Contains(manager, StringComparer.OrdinalIgnoreCase)).Key;

    /// <summary>The problem with these settings, or null.</summary>
    public string? Problem()
    {
        if (Policy.Problem() is { } problem) return problem;
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (team, managers) in Teams)
            foreach (var manager in managers)
                if (!seen.TryAdd(manager, team)) return $"Inspections:Teams: account manager {manager} is in both {seen[manager]} and {team}";
        return null;
    }
}
