using System.Globalization;

namespace PostLoan.Domain.EarlyWarning.Rules;

/// <summary>The three value types of the rule language.</summary>
public enum FeatureType
{
    /// <summary>An exact <see cref="decimal"/>: amounts, ratios, day counts.</summary>
    Number,
    /// <summary>True or false.</summary>
    Bool,
    /// <summary>A piece of text such as a segment code, compared ordinally (case matters).</summary>
    Text,
}

/// <summary>
/// A named input a rule may read, e.g. <c>dpd</c> (days past due, a number of days) or
/// <c>segment</c> (text). The name is lowercase <c>[a-z_][a-z0-9_]*</c>; <see cref="Unit"/> is
/// for people (e.g. "days", "ratio", "" for none) and never affects evaluation.
/// </summary>
public sealed record FeatureInfo(string Name, FeatureType Type, string Unit, string Description);

/// <summary>The features rules are checked against. The language itself defines none.</summary>
public interface IFeatureCatalog
{
    /// <summary>The feature of exactly this (lowercase) name, or null.</summary>
    FeatureInfo? Find(string name);

    IReadOnlyCollection<FeatureInfo> All { get; }
}

/// <summary>A fixed catalog held in memory. Names must be valid, unique and not clash with a keyword or function.</summary>
public sealed class FeatureCatalog : IFeatureCatalog
{
    private readonly Dictionary<string, FeatureInfo> _byName = new(StringComparer.Ordinal);

    public FeatureCatalog(IEnumerable<FeatureInfo> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        foreach (var feature in features)
        {
            if (!Lexer.IsValidName(feature.Name))
                throw new ArgumentException($"feature name '{feature.Name}' is not lowercase [a-z_][a-z0-9_]*", nameof(features));
            if (Lexer.IsKeyword(feature.Name) || RuleFunctions.IsFunction(feature.Name))
                throw new ArgumentException($"feature name '{feature.Name}' is a keyword or function of the rule language", nameof(features));
            if (!_byName.TryAdd(feature.Name, feature))
                throw new ArgumentException($"feature '{feature.Name}' is listed twice", nameof(features));
        }
    }

    public FeatureCatalog(params FeatureInfo[] features) : this((IEnumerable<FeatureInfo>)features) { }

    public FeatureInfo? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyCollection<FeatureInfo> All => _byName.Values;
}

/// <summary>
/// A feature at a point of its history: <see cref="Lag"/> 0 is its value on the business date,
/// lag k its value at the k-th month end before it.
/// </summary>
public readonly record struct FeatureInput(string Feature, int Lag) : IComparable<FeatureInput>
{
    public int CompareTo(FeatureInput other)
    {
        var byName = string.CompareOrdinal(Feature, other.Feature);
        return byName != 0 ? byName : Lag.CompareTo(other.Lag);
    }

    public override string ToString() => Lag == 0 ? Feature : $"{Feature}[lag {Lag.ToString(CultureInfo.InvariantCulture)}]";
}

/// <summary>One feature value, possibly missing (no statement yet, no bureau report...).</summary>
public readonly record struct FeatureValue
{
    private FeatureValue(FeatureType type, bool isMissing, decimal number, bool @bool, string? text)
    {
        Type = type;
        IsMissing = isMissing;
        Number = number;
        Bool = @bool;
        Text = text;
    }

    public FeatureType Type { get; }
    public bool IsMissing { get; }
    /// <summary>The value of a present number; 0 otherwise.</summary>
    public decimal Number { get; }
    /// <summary>The value of a present bool; false otherwise.</summary>
    public bool Bool { get; }
    /// <summary>The value of a present text; null otherwise.</summary>
    public string? Text { get; }

    public static FeatureValue Of(decimal value) => new(FeatureType.Number, false, value, false, null);
    public static FeatureValue Of(bool value) => new(FeatureType.Bool, false, 0m, value, null);
    public static FeatureValue Of(string value) => new(FeatureType.Text, false, 0m, false, value ?? throw new ArgumentNullException(nameof(value)));
    public static FeatureValue Missing(FeatureType type) => new(type, true, 0m, false, null);

    public override string ToString() => IsMissing ? "missing" : Type switch
    {
        FeatureType.Number => Number.ToString(CultureInfo.InvariantCulture),
        FeatureType.Bool => Bool ? "true" : "false",
        _ => $"'{Text}'",
    };
}

/// <summary>Kleene truth: the outcome of a condition. A rule fires only on <see cref="True"/>.</summary>
/// <remarks>Ordered so that 'and' is the minimum, 'or' the maximum and 'not' is 2 − x.</remarks>
public enum Truth : byte
{
    False = 0,
    Unknown = 1,
    True = 2,
}
