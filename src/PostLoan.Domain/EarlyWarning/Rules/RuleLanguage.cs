using System.Globalization;

namespace PostLoan.Domain.EarlyWarning.Rules;

/// <summary>The outcome of checking a rule text: a <see cref="CheckedRule"/> or the errors that refuse it.</summary>
public sealed record RuleCheck(CheckedRule? Rule, IReadOnlyList<RuleError> Errors)
{
    public bool IsValid => Rule is not null;
}

/// <summary>
/// Entry point of the early-warning rule language (see docs/rule-language.md): a small typed
/// expression language over named features, interpreted over our own tree — nothing in a rule
/// can name or run code.
/// </summary>
public static class RuleLanguage
{
    /// <summary>
    /// Checks <paramref name="text"/> against the catalog and limits. Never throws on any text;
    /// throws only when the catalog or limits themselves are unusable.
    /// </summary>
    public static RuleCheck Check(string? text, IFeatureCatalog catalog, RuleLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        limits ??= RuleLimits.Default;
        limits.Validate();
        text ??= "";
        var errors = new List<RuleError>();

        if (text.Length > limits.MaxLength)
        {
            errors.Add(new RuleError(limits.MaxLength + 1, text.Length - limits.MaxLength,
                $"the rule is {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; at most {limits.MaxLength.ToString("N0", CultureInfo.InvariantCulture)} are allowed"));
            return new RuleCheck(null, errors);
        }

        var tokens = Lexer.Tokenize(text, limits, errors);
        if (errors.Count > 0) return new RuleCheck(null, errors);
        if (tokens.Count == 1)
        {
            errors.Add(new RuleError(1, 0, "the rule is empty"));
            return new RuleCheck(null, errors);
        }

        var syntax = Parser.Parse(tokens, limits, errors);
        if (syntax is null) return new RuleCheck(null, errors);

        var bound = new Checker(catalog, limits, errors).CheckCondition(syntax);
        if (bound is null || errors.Count > 0) return new RuleCheck(null, errors);

        return new RuleCheck(new CheckedRule(text, CanonicalText.Print(syntax), bound, catalog), []);
    }
}

/// <summary>
/// A rule that passed checking: its canonical text, the inputs it reads, and ways to evaluate it.
/// Immutable and safe to share between threads; its evaluators are not.
/// </summary>
public sealed class CheckedRule
{
    internal CheckedRule(string text, string canonicalText, Bound condition, IFeatureCatalog catalog)
    {
        Text = text;
        CanonicalText = canonicalText;
        Condition = condition;
        var inputs = new HashSet<FeatureInput>();
        BoundWalk.Inputs(condition, 0, inputs);
        RequiredInputs = inputs.Order().ToArray();
        InputTypes = RequiredInputs.Select(i => i.Feature).Distinct()
            .ToDictionary(name => name, name => catalog.Find(name)!.Type, StringComparer.Ordinal);
    }

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>One spelling per rule (spacing, keyword case, needless brackets, trailing zeros normalised); compare stored rules by it.</summary>
    public string CanonicalText { get; }

    /// <summary>The distinct (feature, lag) pairs the rule reads, ordered by feature name then lag.</summary>
    public IReadOnlyList<FeatureInput> RequiredInputs { get; }

    /// <summary>The type of each feature the rule reads.</summary>
    public IReadOnlyDictionary<string, FeatureType> InputTypes { get; }

    internal Bound Condition { get; }

    /// <summary>A column-at-a-time evaluator over <see cref="FeatureFrame"/>s. Create one per thread.</summary>
    public RuleEvaluator CreateEvaluator() => new(this);

    /// <summary>
    /// Evaluates the rule for one loan and returns the values it read, for an alert to keep.
    /// Throws <see cref="ArgumentException"/> when the row lacks a required input or holds one of the wrong type.
    /// </summary>
    public RowEvaluation EvaluateRow(IFeatureRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var readings = new FeatureReading[RequiredInputs.Count];
        var values = new Dictionary<FeatureInput, FeatureValue>(RequiredInputs.Count);
        List<string>? problems = null;
        for (var i = 0; i < RequiredInputs.Count; i++)
        {
            var input = RequiredInputs[i];
            var type = InputTypes[input.Feature];
            if (!row.TryGet(input, out var value))
                (problems ??= []).Add($"{input} is not in the row");
            else if (value.Type != type)
                (problems ??= []).Add($"{input} is {value.Type} in the row but {type} in the catalog");
            readings[i] = new FeatureReading(input, value);
            values[input] = value;
        }
        if (problems is not null)
            throw new ArgumentException($"cannot evaluate '{CanonicalText}': {string.Join("; ", problems)}", nameof(row));
        return new RowEvaluation(RowInterpreter.Evaluate(Condition, values), readings);
    }

    public override string ToString() => CanonicalText;
}
