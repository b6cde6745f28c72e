namespace PostLoan.Domain.EarlyWarning.Backtesting;

/// <summary>
/// One loan at one observation month end: whether the rule fired on it then, and the first date after that month
/// end on which it was 90 or more days past due (null if it never was, as far as the book knows).
/// </summary>
public readonly record struct BacktestCase(long LoanId, bool Fired, DateOnly? BadOn);

/// <summary>
/// A rule's record at one month end (SPEC §6). <see cref="Population"/> is the loans observed: active and under 90 DPD
/// at the month end (a loan already 90+ has nothing left to predict). A loan is <em>bad</em> when it reaches 90+ DPD
/// after the month end and no later than <see cref="Backtest.HorizonMonths"/> months after it. Ratios are fractions;
/// each is null when its denominator is zero.
/// </summary>
public sealed record BacktestMonth(DateOnly MonthEnd, int Population, int Alerts, int Bad, int Hits, bool OutcomeKnown)
{
    /// <summary>Of the loans the rule fired on, the share that went bad.</summary>
    public decimal? Precision => Ratio(Hits, Alerts);

    /// <summary>Of the loans that went bad, the share the rule had fired on.</summary>
    public decimal? Recall => Ratio(Hits, Bad);

    /// <summary>The share of the whole population that went bad.</summary>
    public decimal? BaseRate => Ratio(Bad, Population);

    /// <summary>Precision over the base rate: how many times likelier a flagged loan is to go bad than any loan.</summary>
    public decimal? Lift => Precision is { } p && BaseRate is { } b && b > 0 ? p / b : null;

    internal static decimal? Ratio(int part, int whole) => whole == 0 ? null : (decimal)part / whole;
}

/// <summary>The months of a back-test and their totals over the months whose outcome is known.</summary>
public sealed record BacktestResult(IReadOnlyList<BacktestMonth> Months)
{
    private IEnumerable<BacktestMonth> Known => Months.Where(m => m.OutcomeKnown);

    /// <summary>The sums over the months whose whole horizon the book has seen; the ratios are of those sums.</summary>
    public BacktestMonth Total => new(
        Months.Count == 0 ? default : Months[^1].MonthEnd,
        Known.Sum(m => m.Population), Known.Sum(m => m.Alerts), Known.Sum(m => m.Bad), Known.Sum(m => m.Hits), OutcomeKnown: true);
}

/// <summary>
/// Back-testing a rule on history: per month end, how many alerts it would have raised and how many of those loans
/// reached 90+ DPD within the horizon. A month whose horizon runs past the last business date the book has reached
/// is reported with <see cref="BacktestMonth.OutcomeKnown"/> false (its bad count is a lower bound) and left out of
/// the totals.
/// </summary>
public static class Backtest
{
    /// <summary>SPEC §6: the outcome is 90+ DPD within 6 months of the alert.</summary>
    public const int HorizonMonths = 6;

    /// <param name="cases">The observed loans at <paramref name="monthEnd"/>, each once.</param>
    /// <param name="knownThrough">The latest business date the history covers.</param>
    public static BacktestMonth Month(DateOnly monthEnd, IEnumerable<BacktestCase> cases, DateOnly knownThrough, int horizonMonths = HorizonMonths)
    {
        var horizonEnd = monthEnd.AddMonths(horizonMonths);
        int population = 0, alerts = 0, bad = 0, hits = 0;
        foreach (var c in cases)
        {
            population++;
            var isBad = c.BadOn is { } d && d > monthEnd && d <= horizonEnd;
            if (c.Fired) alerts++;
            if (isBad) bad++;
            if (isBad && c.Fired) hits++;
        }
        return new BacktestMonth(monthEnd, population, alerts, bad, hits, OutcomeKnown: horizonEnd <= knownThrough);
    }
}
