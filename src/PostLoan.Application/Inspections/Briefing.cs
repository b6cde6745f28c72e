namespace PostLoan.Application.Inspections;

/// <summary>
/// A briefing (贷后/回访工作简报, SPEC §7) for one calendar month and one scope: what was planned and done, how, what
/// was found, what followed, and how the book moved, each beside the month before. Built by <c>BriefingQuery</c>,
/// written by the briefing writers as Markdown, XLSX or PDF. Dates are business dates; amounts are in the book's
/// currency; rates are fractions (0.85 = 85 %), null when there is nothing to divide by.
/// </summary>
/// <param name="Period">The month, as its first day.</param>
/// <param name="Scope">What the briefing covers, as given: <c>bank</c>, <c>branch:B01</c>, <c>team:T</c> or <c>manager:AM001</c>.</param>
/// <param name="ScopeTitle">The scope as people read it (the branch or team name, or 全行 for the bank).</param>
public sealed record Briefing(
    DateOnly Period,
    string Scope,
    string ScopeTitle,
    DateTimeOffset GeneratedAt,
    BriefingFigures Current,
    BriefingFigures Previous,
    IReadOnlyList<MethodCount> Methods,
    IReadOnlyList<FindingLine> Findings,
    IReadOnlyList<ActionCount> Actions,
    IReadOnlyList<SeverityCount> NewAlerts,
    IReadOnlyList<ClassMove> ClassMigrations,
    IReadOnlyList<LoanAtRisk> TopLoansAtRisk,
    IReadOnlyList<ManagerKpi> Managers)
{
    /// <summary>The month's last day.</summary>
    public DateOnly PeriodEnd => Period.AddMonths(1).AddDays(-1);
}

/// <summary>The headline figures of one month, so that two months can be set side by side.</summary>
/// <param name="Planned">Tasks (inspections and visits) due in the month.</param>
/// <param name="Done">Of those, done (a report submitted or the work recorded) by the month's end.</param>
/// <param name="DoneOnTime">Of those, done on or before their due date.</param>
/// <param name="Reports">Visit reports submitted in the month.</param>
/// <param name="RiskPoints">Reports of the month rated high risk, plus checklist answers that flagged a problem.</param>
/// <param name="ActionsOpened">Tasks and proposals opened by the month's reports.</param>
/// <param name="AlertsRaised">Early-warning alerts raised in the month.</param>
/// <param name="Downgrades">Loans whose class got worse in the month.</param>
/// <param name="Upgrades">Loans whose class got better in the month.</param>
/// <param name="MeanDaysToFirstAction">Mean days from a task's trigger to the first action on it, for tasks first acted on in the month.</param>
public sealed record BriefingFigures(
    int Planned,
    int Done,
    int DoneOnTime,
    int Reports,
    int RiskPoints,
    int ActionsOpened,
    int AlertsRaised,
    int Downgrades,
    int Upgrades,
    double? MeanDaysToFirstAction)
{
    public double? CompletionRate => Planned == 0 ? null : (double)Done / Planned;
    public double? OnTimeRate => Planned == 0 ? null : (double)DoneOnTime / Planned;
}

/// <summary>Reports of the month by method: <c>phone</c>, <c>on_site</c> or <c>online_check</c>.</summary>
public sealed record MethodCount(string Method, int Current, int Previous);

/// <summary>A finding worth a manager's eye: a report rated high or medium risk, with what the visit found.</summary>
public sealed record FindingLine(DateOnly VisitedOn, string LoanExternalId, string BorrowerName, string Method, string RiskRating, string Findings, string Author);

/// <summary>Actions the month's reports opened, by kind (<c>follow_up_task</c>, <c>propose_class</c>, <c>propose_restructuring</c>).</summary>
public sealed record ActionCount(string Kind, int Current, int Previous);

/// <summary>Alerts raised in the month by severity (<c>red</c>, <c>orange</c>, <c>yellow</c>).</summary>
public sealed record SeverityCount(string Severity, int Current, int Previous);

/// <summary>Loans that moved from one class to another in the month (codes as in <c>RiskClasses.Code</c>), with their balance at month end.</summary>
public sealed record ClassMove(string From, string To, int Loans, decimal Balance);

/// <summary>A loan among the month's riskiest: by expected credit loss, then balance.</summary>
public sealed record LoanAtRisk(string LoanExternalId, string BorrowerName, string Segment, string RiskClass, int Dpd, decimal OutstandingPrincipal, decimal? Pd, decimal? Ecl, string? AccountManager);

/// <summary>
/// One account manager's month (SPEC §10 "visit completion and on-time rates", "time to action"): tasks due, done,
/// done on time, and the mean days from trigger to first action.
/// </summary>
public sealed record ManagerKpi(string Manager, string? Team, int Planned, int Done, int DoneOnTime, double? MeanDaysToFirstAction)
{
    public double? CompletionRate => Planned == 0 ? null : (double)Done / Planned;
    public double? OnTimeRate => Planned == 0 ? null : (double)DoneOnTime / Planned;
}
