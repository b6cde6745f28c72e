namespace PostLoan.Domain.EarlyWarning.Rules;

/// <summary>A source of one loan's feature values, e.g. to explain an alert.</summary>
public interface IFeatureRow
{
    /// <summary>The value of the feature at the lag, or false when the source does not hold it at all.</summary>
    bool TryGet(FeatureInput input, out FeatureValue value);
}

/// <summary>A loan's feature values held in a dictionary; build it with <see cref="Set(string, int, FeatureValue)"/>.</summary>
public sealed class FeatureRow : IFeatureRow
{
    private readonly Dictionary<FeatureInput, FeatureValue> _values = [];

    public FeatureRow() { }

    public FeatureRow(IEnumerable<KeyValuePair<FeatureInput, FeatureValue>> values)
    {
        foreach (var (input, value) in values) _values[input] = value;
    }

    public IReadOnlyDictionary<FeatureInput, FeatureValue> Values => _values;

    public FeatureRow Set(string feature, int lag, FeatureValue value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lag);
        _values[new FeatureInput(feature, lag)] = value;
        return this;
    }

    public FeatureRow Set(string feature, decimal value) => Set(feature, 0, FeatureValue.Of(value));
    public FeatureRow Set(string feature, bool value) => Set(feature, 0, FeatureValue.Of(value));
    public FeatureRow Set(string feature, string value) => Set(feature, 0, FeatureValue.Of(value));

    public bool TryGet(FeatureInput input, out FeatureValue value) => _values.TryGetValue(input, out value);
}

/// <summary>A feature value a rule read for one loan.</summary>
public readonly record struct FeatureReading(FeatureInput Input, FeatureValue Value)
{
    public override string ToString() => $"{Input} = {Value}";
}

/// <summary>The outcome of a rule for one loan and every feature value it read to get there.</summary>
public sealed record RowEvaluation(Truth Result, IReadOnlyList<FeatureReading> Readings)
{
    public bool Fired => Result == Truth.True;
}

/// <summary>
/// Walks the checked tree for one row. Deliberately independent of the column compiler so each
/// can check the other; the arithmetic helpers are shared so both round alike.
/// </summary>
internal static class RowInterpreter
{
    /// <summary>A value while evaluating: numbers and texts with presence; bools as <see cref="Truth"/> (unknown = missing).</summary>
    private readonly record struct V(bool Present, decimal N = 0m, Truth T = Truth.Unknown, string? S = null)
    {
        public static readonly V None = new(false);
        public static V Num(decimal n) => new(true, n);
        public static V Bool(Truth t) => new(t != Truth.Unknown, T: t);
    }

    public static Truth Evaluate(Bound root, IReadOnlyDictionary<FeatureInput, FeatureValue> values) => Eval(root, 0, values).T;

    private static V Eval(Bound node, int lag, IReadOnlyDictionary<FeatureInput, FeatureValue> values)
    {
        switch (node)
        {
            case BNumber n: return V.Num(n.Value);
            case BBool b: return V.Bool(b.Value ? Truth.True : Truth.False);
            case BText t: return new V(true, S: t.Value);
            case BFeature f:
            {
                var fv = values[new FeatureInput(f.Name, lag)];
                if (fv.IsMissing) return V.None;
                return f.Type switch
                {
                    FeatureType.Number => V.Num(fv.Number),
                    FeatureType.Bool => V.Bool(fv.Bool ? Truth.True : Truth.False),
                    _ => new V(true, S: fv.Text),
                };
            }
            case BLag l: return Eval(l.Inner, lag + l.Months, values);
            case BArith a:
            {
                var x = Eval(a.Left, lag, values);
                var y = Eval(a.Right, lag, values);
                return x.Present && y.Present && Arith.TryApply(a.Op, x.N, y.N, out var r) ? V.Num(r) : V.None;
            }
            case BNegate n:
            {
                var x = Eval(n.Operand, lag, values);
                return x.Present ? V.Num(-x.N) : V.None;
            }
            case BAbs a:
            {
                var x = Eval(a.Operand, lag, values);
                return x.Present ? V.Num(Math.Abs(x.N)) : V.None;
            }
            case BMinMax m:
            {
                var x = Eval(m.Left, lag, values);
                var y = Eval(m.Right, lag, values);
                if (!x.Present || !y.Present) return V.None;
                return V.Num(m.IsMax ? Math.Max(x.N, y.N) : Math.Min(x.N, y.N));
            }
            case BCompare c:
            {
                var x = Eval(c.Left, lag, values);
                var y = Eval(c.Right, lag, values);
                if (!x.Present || !y.Present) return V.Bool(Truth.Unknown);
                var holds = c.Left.Type switch
                {
                    FeatureType.Number => Arith.Compare(c.Op, x.N, y.N),
                    FeatureType.Bool => (x.T == y.T) == (c.Op == CompareOp.Eq),
                    _ => string.Equals(x.S, y.S, StringComparison.Ordinal) == (c.Op == CompareOp.Eq),
                };
                return V.Bool(holds ? Truth.True : Truth.False);
            }
            case BLogic l:
            {
                var x = Eval(l.Left, lag, values).T;
                var y = Eval(l.Right, lag, values).T;
                return V.Bool(l.IsAnd ? (x < y ? x : y) : (x > y ? x : y));
            }
            case BNot n: return V.Bool((Truth)(2 - (int)Eval(n.Operand, lag, values).T));
            case BIn i:
            {
                var x = Eval(i.Left, lag, values);
                if (!x.Present) return V.Bool(Truth.Unknown);
                var found = i.Left.Type switch
                {
                    FeatureType.Number => Array.IndexOf(i.Numbers, x.N) >= 0,
                    FeatureType.Bool => Array.IndexOf(i.Bools, x.T == Truth.True) >= 0,
                    _ => Array.IndexOf(i.Texts, x.S) >= 0,
                };
                return V.Bool(found != i.Negated ? Truth.True : Truth.False);
            }
            case BWindow { Kind: WindowKind.Count } w:
            {
                var count = 0;
                for (var k = 0; k <= w.Months; k++)
                    if (Eval(w.Inner, lag + k, values).T == Truth.True) count++;
                return V.Num(count);
            }
            case BWindow w:
            {
                var acc = 0m;
                var seen = 0;
                var overflow = false;
                for (var k = 0; k <= w.Months; k++)
                {
                    var x = Eval(w.Inner, lag + k, values);
                    if (!x.Present) continue;
                    if (seen == 0) acc = x.N;
                    else if (w.Kind == WindowKind.Max) acc = Math.Max(acc, x.N);
                    else if (w.Kind == WindowKind.Min) acc = Math.Min(acc, x.N);
                    else if (!Arith.TryApply(ArithOp.Add, acc, x.N, out acc)) overflow = true;
                    seen++;
                }
                if (seen == 0 || overflow) return V.None;
                return w.Kind == WindowKind.Avg ? (Arith.TryApply(ArithOp.Div, acc, seen, out var avg) ? V.Num(avg) : V.None) : V.Num(acc);
            }
            case BCoalesce c:
            {
                var x = Eval(c.Value, lag, values);
                return x.Present ? x : Eval(c.Fallback, lag, values);
            }
            case BIsMissing m:
                return V.Bool(Eval(m.Operand, lag, values).Present ? Truth.False : Truth.True);
            default:
                throw new InvalidOperationException($"unhandled node {node.GetType().Name}");
        }
    }
}

/// <summary>Decimal arithmetic where anything unrepresentable (overflow, division by zero) is missing.</summary>
internal static class Arith
{
    public static bool TryApply(ArithOp op, decimal x, decimal y, out decimal result)
    {
        try
        {
            switch (op)
            {
                case ArithOp.Add: result = x + y; return true;
                case ArithOp.Sub: result = x - y; return true;
                case ArithOp.Mul: result = x * y; return true;
                default:
                    if (y == 0m)
                    {
                        result = 0m;
                        return false;
                    }
                    result = x / y;
                    return true;
            }
        }
        catch (OverflowException)
        {
            result = 0m;
            return false;
        }
    }

    public static bool Compare(CompareOp op, decimal x, decimal y) => op switch
    {
        CompareOp.Lt => x < y,
        CompareOp.Le => x <= y,
        CompareOp.Gt => x > y,
        CompareOp.Ge => x >= y,
        CompareOp.Eq => x == y,
        _ => x != y,
    };
}
