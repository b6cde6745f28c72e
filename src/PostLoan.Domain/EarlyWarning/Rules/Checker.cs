using System.Globalization;

namespace PostLoan.Domain.EarlyWarning.Rules;

/// <summary>The functions of the language, with their arities, for checking and suggestions.</summary>
internal static class RuleFunctions
{
    /// <summary>Name → how it is written, which also gives its arity.</summary>
    public static readonly IReadOnlyDictionary<string, (int Arity, string Signature)> All =
        new Dictionary<string, (int, string)>(StringComparer.Ordinal)
        {
            ["ago"] = (2, "ago(value, months)"),
            ["change"] = (2, "change(number, months)"),
            ["change_yoy"] = (1, "change_yoy(number)"),
            ["change_qoq"] = (1, "change_qoq(number)"),
            ["growth_yoy"] = (1, "growth_yoy(number)"),
            ["max_over"] = (2, "max_over(number, months)"),
            ["min_over"] = (2, "min_over(number, months)"),
            ["avg_over"] = (2, "avg_over(number, months)"),
            ["count_over"] = (2, "count_over(condition, months)"),
            ["abs"] = (1, "abs(number)"),
            ["min"] = (2, "min(number, number)"),
            ["max"] = (2, "max(number, number)"),
            ["coalesce"] = (2, "coalesce(value, default)"),
            ["is_missing"] = (1, "is_missing(value)"),
        };

    public static bool IsFunction(string name) => All.ContainsKey(name);
}

/// <summary>Type-checks a parsed rule against a catalog, collecting every error it can find.</summary>
internal sealed class Checker(IFeatureCatalog catalog, RuleLimits limits, List<RuleError> errors)
{
    public Bound? CheckCondition(Syntax root)
    {
        var bound = Check(root);
        if (bound is null) return null;
        if (bound.Type != FeatureType.Bool)
        {
            Error(root.Start, root.Length, $"the condition is {Describe(bound.Type)}; a rule needs a true/false condition");
            return null;
        }

        var steps = BoundWalk.Steps(bound);
        if (steps > limits.MaxSteps)
        {
            Error(root.Start, root.Length,
                $"the rule needs too much work per loan ({(steps >= 1L << 40 ? "over a trillion" : steps.ToString("N0", CultureInfo.InvariantCulture))} steps, at most {limits.MaxSteps.ToString("N0", CultureInfo.InvariantCulture)}): nested ..._over and count_over multiply their months");
            return null;
        }
        return bound;
    }

    public static string Describe(FeatureType type) => type switch
    {
        FeatureType.Number => "a number",
        FeatureType.Bool => "a true/false value",
        _ => "a text",
    };

    private void Error(int start, int length, string message) => errors.Add(new RuleError(start + 1, length, message));

    private void Error(Syntax at, string message) => Error(at.Start, at.Length, message);

    private Bound? Check(Syntax node) => node switch
    {
        NumberLit n => new BNumber(n.Value),
        StringLit s => new BText(s.Value),
        BoolLit b => new BBool(b.Value),
        NameRef r => CheckName(r),
        Unary u => CheckUnary(u),
        Binary b => CheckBinary(b),
        InList i => CheckIn(i),
        Call c => CheckCall(c),
        _ => throw new InvalidOperationException($"unhandled syntax {node.GetType().Name}"),
    };

    private Bound? CheckName(NameRef r)
    {
        var feature = catalog.Find(r.Name);
        if (feature is not null) return new BFeature(feature.Name, feature.Type);
        if (RuleFunctions.All.TryGetValue(r.Name, out var fn))
            Error(r, $"'{r.Name}' is a function: write {fn.Signature}");
        else
            Error(r, $"unknown feature '{r.Name}'{Suggest(r.Name, catalog.All.Select(f => f.Name))}");
        return null;
    }

    private Bound? CheckUnary(Unary u)
    {
        var operand = Check(u.Operand);
        if (operand is null) return null;
        if (u.Op == UnaryOp.Not)
        {
            if (operand.Type == FeatureType.Bool) return new BNot(operand);
            Error(u.Start, 3, $"'not' needs a true/false value, got {Describe(operand.Type)}");
            return null;
        }
        if (operand.Type == FeatureType.Number) return new BNegate(operand);
        Error(u.Start, 1, $"'-' needs a number, got {Describe(operand.Type)}");
        return null;
    }

    private Bound? CheckBinary(Binary b)
    {
        var left = Check(b.Left);
        var right = Check(b.Right);
        if (left is null || right is null) return null;
        var op = Operators.Text(b.Op);
        switch (b.Op)
        {
            case BinaryOp.And or BinaryOp.Or:
                if (!Expect(left, right, FeatureType.Bool, b, $"'{op}' needs a true/false value on its")) return null;
                return new BLogic(b.Op == BinaryOp.And, left, right);
            case BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div:
                if (!Expect(left, right, FeatureType.Number, b, $"'{op}' needs a number on its")) return null;
                return new BArith(b.Op switch
                {
                    BinaryOp.Add => ArithOp.Add,
                    BinaryOp.Sub => ArithOp.Sub,
                    BinaryOp.Mul => ArithOp.Mul,
                    _ => ArithOp.Div,
                }, left, right);
            case BinaryOp.Eq or BinaryOp.Ne:
                if (left.Type != right.Type)
                {
                    Error(b.OpStart, b.OpLength, $"'{op}' needs the same type on both sides, got {Describe(left.Type)} and {Describe(right.Type)}");
                    return null;
                }
                return new BCompare(b.Op == BinaryOp.Eq ? CompareOp.Eq : CompareOp.Ne, left, right);
            default:
                if (!Expect(left, right, FeatureType.Number, b, $"'{op}' compares numbers only; it needs a number on its")) return null;
                return new BCompare(b.Op switch
                {
                    BinaryOp.Lt => CompareOp.Lt,
                    BinaryOp.Le => CompareOp.Le,
                    BinaryOp.Gt => CompareOp.Gt,
                    _ => CompareOp.Ge,
                }, left, right);
        }
    }

    private bool Expect(Bound left, Bound right, FeatureType type, Binary b, string needs)
    {
        var ok = true;
        if (left.Type != type)
        {
            Error(b.OpStart, b.OpLength, $"{needs} left, got {Describe(left.Type)}");
            ok = false;
        }
        if (right.Type != type)
        {
            Error(b.OpStart, b.OpLength, $"{needs} right, got {Describe(right.Type)}");
            ok = false;
        }
        return ok;
    }

    private Bound? CheckIn(InList i)
    {
        var left = Check(i.Left);
        if (left is null) return null;
        var op = i.Negated ? "not in" : "in";
        var ok = true;
        foreach (var item in i.Items)
        {
            var type = item switch { NumberLit => FeatureType.Number, StringLit => FeatureType.Text, _ => FeatureType.Bool };
            if (type == left.Type) continue;
            Error(item, $"the '{op}' list must hold {Plural(left.Type)} like its left side, got {Describe(type)}");
            ok = false;
        }
        if (!ok) return null;
        return new BIn(left,
            i.Items.OfType<NumberLit>().Select(n => n.Value).ToArray(),
            i.Items.OfType<StringLit>().Select(s => s.Value).ToArray(),
            i.Items.OfType<BoolLit>().Select(b => b.Value).ToArray(),
            i.Negated);
    }

    private static string Plural(FeatureType type) => type switch
    {
        FeatureType.Number => "numbers",
        FeatureType.Bool => "true/false values",
        _ => "texts",
    };

    private Bound? CheckCall(Call c)
    {
        if (!RuleFunctions.All.TryGetValue(c.Name, out var fn))
        {
            if (catalog.Find(c.Name) is not null)
                Error(c.Start, c.NameLength, $"'{c.Name}' is a feature, not a function");
            else
                Error(c.Start, c.NameLength, $"unknown function '{c.Name}'{Suggest(c.Name, RuleFunctions.All.Keys)}");
            return null;
        }
        if (c.Args.Count != fn.Arity)
        {
            var expected = fn.Arity == 1 ? "1 argument" : $"{fn.Arity} arguments";
            Error(c.Start, c.Length, $"'{c.Name}' takes {expected}, {fn.Signature}; got {c.Args.Count}");
            return null;
        }

        var args = c.Args.Select(Check).ToArray();
        // The month count is checked even when the value has an error, to report both at once.
        int? months = fn.Signature.EndsWith("months)", StringComparison.Ordinal) ? Months(c.Args[1]) : null;
        if (args[0] is null || (fn.Arity == 2 && args[1] is null)) return null;
        var x = args[0]!;

        switch (c.Name)
        {
            case "ago":
                return months is { } agoMonths ? new BLag(x, agoMonths) : null;
            case "change" or "change_yoy" or "change_qoq":
            {
                if (!Needs(c, 0, x, FeatureType.Number)) return null;
                var n = c.Name switch { "change_yoy" => 12, "change_qoq" => 3, _ => months };
                return n is { } m ? new BArith(ArithOp.Sub, x, new BLag(x, m)) : null;
            }
            case "growth_yoy":
                if (!Needs(c, 0, x, FeatureType.Number)) return null;
                return new BArith(ArithOp.Sub, new BArith(ArithOp.Div, x, new BLag(x, 12)), new BNumber(1m));
            case "max_over" or "min_over" or "avg_over":
            {
                if (!Needs(c, 0, x, FeatureType.Number) || months is not { } m) return null;
                var kind = c.Name switch { "max_over" => WindowKind.Max, "min_over" => WindowKind.Min, _ => WindowKind.Avg };
                return new BWindow(kind, x, m);
            }
            case "count_over":
                if (!Needs(c, 0, x, FeatureType.Bool, "a true/false condition") || months is not { } cm) return null;
                return new BWindow(WindowKind.Count, x, cm);
            case "abs":
                return Needs(c, 0, x, FeatureType.Number) ? new BAbs(x) : null;
            case "min" or "max":
            {
                var y = args[1]!;
                var ok = Needs(c, 0, x, FeatureType.Number) & Needs(c, 1, y, FeatureType.Number);
                return ok ? new BMinMax(c.Name == "max", x, y) : null;
            }
            case "coalesce":
            {
                var y = args[1]!;
                if (x.Type == y.Type) return new BCoalesce(x, y);
                Error(c.Start, c.Length, $"'coalesce' needs two values of the same type, got {Describe(x.Type)} and {Describe(y.Type)}");
                return null;
            }
            case "is_missing":
                return new BIsMissing(x);
            default:
                throw new InvalidOperationException($"function {c.Name} has no checker");
        }
    }

    private bool Needs(Call c, int index, Bound arg, FeatureType type, string? what = null)
    {
        if (arg.Type == type) return true;
        var ordinal = index == 0 ? "first" : "second";
        var argument = c.Args.Count == 1 ? "argument" : $"{ordinal} argument";
        Error(c.Args[index], $"'{c.Name}' needs {what ?? Describe(type)} as its {argument}, got {Describe(arg.Type)}");
        return false;
    }

    private int? Months(Syntax arg)
    {
        var range = $"a whole number of months from 1 to {limits.MaxMonths.ToString(CultureInfo.InvariantCulture)}";
        if (arg is not NumberLit n)
        {
            Error(arg, $"the months must be {range} written as a number, not a calculation or feature");
            return null;
        }
        if (n.Value != decimal.Truncate(n.Value) || n.Value < 1 || n.Value > limits.MaxMonths)
        {
            Error(arg, $"the months must be {range}, got {n.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return (int)n.Value;
    }

    /// <summary>" (did you mean 'x'?)" for the nearest name within a small edit distance, else "".</summary>
    internal static string Suggest(string name, IEnumerable<string> candidates)
    {
        var lower = name.ToLowerInvariant();
        var budget = Math.Clamp(lower.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            var d = EditDistance(lower, candidate);
            if (d <= budget && d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return best is null ? "" : $" (did you mean '{best}'?)";
    }

    /// <summary>Edits (insert, delete, substitute, swap neighbours) turning one name into the other.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
