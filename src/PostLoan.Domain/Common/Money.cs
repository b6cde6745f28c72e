namespace PostLoan.Domain.Common;

/// <summary>
/// The one place that knows how money is rounded and stored. Amounts are <see cref="decimal"/>
/// in the loan's currency with two decimal places; storage uses whole minor units (cents) so
/// that sums and comparisons in SQL are exact on every database.
/// </summary>
public static class Money
{
    /// <summary>SPEC §3: 四舍五入, half away from zero.</summary>
    public const MidpointRounding Midpoint = MidpointRounding.AwayFromZero;

    /// <summary>Rounds to 0.01 with the midpoint rule above.</summary>
    public static decimal Round(decimal amount) => decimal.Round(amount, 2, Midpoint);

    /// <summary>Converts an amount with at most two decimals to minor units (cents).</summary>
    /// <exception cref="DomainException">when the amount has more than two decimals.</exception>
    public static long ToMinor(decimal amount)
    {
        var cents = amount * 100m;
        if (cents != decimal.Truncate(cents))
            throw new DomainException($"Amount {amount} has more than two decimal places.");
        return (long)cents;
    }

    public static decimal FromMinor(long minor) => minor / 100m;

    /// <summary>True when the amount has at most two decimal places.</summary>
    public static bool HasCents(decimal amount) => amount * 100m == decimal.Truncate(amount * 100m);
}
