using System.Globalization;

namespace PostLoan.Domain.EarlyWarning.Rules;

/// <summary>
/// Why a rule text was refused: <see cref="Column"/> is the 1-based character offset in the text
/// where the problem starts, <see cref="Length"/> how many characters it spans (0 at the end of the
/// text), <see cref="Message"/> the cause in plain English.
/// </summary>
public sealed record RuleError(int Column, int Length, string Message)
{
    public override string ToString() => $"column {Column.ToString(CultureInfo.InvariantCulture)}: {Message}";
}

/// <summary>
/// The safety limits a rule is checked against. Defaults: 2,000 characters, 400 tokens, nesting
/// 40 deep, months 1..36, and 5,000 evaluation steps per loan (each value computed at each month
/// counts one step, so nested windows multiply).
/// </summary>
public sealed record RuleLimits
{
    public static RuleLimits Default { get; } = new();

    /// <summary>Most characters in a rule text, 1..1,000,000.</summary>
    public int MaxLength { get; init; } = 2_000;

    /// <summary>Most tokens (names, numbers, texts, operators, brackets, commas), 1..100,000.</summary>
    public int MaxTokens { get; init; } = 400;

    /// <summary>Deepest nesting of brackets, function calls and unary operators, 1..200.</summary>
    public int MaxDepth { get; init; } = 40;

    /// <summary>Largest month count a history function accepts, 1..120.</summary>
    public int MaxMonths { get; init; } = 36;

    /// <summary>Most values computed per loan to evaluate a rule once, 1..1,000,000.</summary>
    public int MaxSteps { get; init; } = 5_000;

    internal void Validate()
    {
        if (MaxLength is < 1 or > 1_000_000 || MaxTokens is < 1 or > 100_000 || MaxDepth is < 1 or > 200
            || MaxMonths is < 1 or > 120 || MaxSteps is < 1 or > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(RuleLimits), this, "rule limits out of their allowed ranges");
    }
}
