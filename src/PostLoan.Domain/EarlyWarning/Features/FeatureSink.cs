namespace PostLoan.Domain.EarlyWarning.Features;

/// <summary>
/// Receives one loan's feature values as a feature group computes them; null is a missing value. End-of-day writes
/// them into columns over all loans, the loan view into a list.
/// </summary>
public interface IFeatureSink
{
    void Number(string feature, decimal? value);

    void Flag(string feature, bool? value);
}

/// <summary>A sink that keeps one loan's values by feature name, to read a group's results directly (tests do).</summary>
public sealed class FeatureDictionary : IFeatureSink
{
    public Dictionary<string, decimal?> Numbers { get; } = [];
    public Dictionary<string, bool?> Flags { get; } = [];

    public void Number(string feature, decimal? value) => Numbers[feature] = value;

    public void Flag(string feature, bool? value) => Flags[feature] = value;
}

/// <summary>Window arithmetic the feature groups share: "the last N months" is the days after the date N months back, through the date.</summary>
public static class FeatureWindow
{
    public static bool Within(DateOnly day, DateOnly asOf, int months) => day <= asOf && day > asOf.AddMonths(-months);

    /// <summary>A change as a fraction of the older figure; missing when the older figure is not above zero.</summary>
    public static decimal? Change(decimal now, decimal before) => before > 0 ? Ratio(now - before, before) : null;

    /// <summary>A ratio rounded to 6 decimals, so that features read the same on every engine; missing on a zero divisor.</summary>
    public static decimal? Ratio(decimal numerator, decimal denominator) => denominator == 0 ? null : Round(numerator / denominator);

    /// <summary>Ratios are kept to 6 decimals, rounded half to even.</summary>
    public static decimal Round(decimal ratio) => Math.Round(ratio, 6, MidpointRounding.ToEven);
}
