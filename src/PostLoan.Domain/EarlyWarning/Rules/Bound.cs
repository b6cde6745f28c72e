namespace PostLoan.Domain.EarlyWarning.Rules;

/// <summary>
/// A type-checked node: what both the single-row interpreter and the column compiler work from.
/// Sugar is gone: change/growth are arithmetic over <see cref="BLag"/>.
/// </summary>
internal abstract record Bound(FeatureType Type);

internal sealed record BNumber(decimal Value) : Bound(FeatureType.Number);

internal sealed record BBool(bool Value) : Bound(FeatureType.Bool);

internal sealed record BText(string Value) : Bound(FeatureType.Text);

internal sealed record BFeature(string Name, FeatureType FeatureType) : Bound(FeatureType);

/// <summary>The inner value <see cref="Months"/> month ends further back.</summary>
internal sealed record BLag(Bound Inner, int Months) : Bound(Inner.Type);

internal enum ArithOp { Add, Sub, Mul, Div }

internal sealed record BArith(ArithOp Op, Bound Left, Bound Right) : Bound(FeatureType.Number);

internal sealed record BNegate(Bound Operand) : Bound(FeatureType.Number);

internal sealed record BAbs(Bound Operand) : Bound(FeatureType.Number);

internal sealed record BMinMax(bool IsMax, Bound Left, Bound Right) : Bound(FeatureType.Number);

internal enum CompareOp { Lt, Le, Gt, Ge, Eq, Ne }

internal sealed record BCompare(CompareOp Op, Bound Left, Bound Right) : Bound(FeatureType.Bool);

internal sealed record BLogic(bool IsAnd, Bound Left, Bound Right) : Bound(FeatureType.Bool);

internal sealed record BNot(Bound Operand) : Bound(FeatureType.Bool);

/// <summary>Membership; exactly one of the value lists matches <see cref="Left"/>'s type.</summary>
internal sealed record BIn(Bound Left, decimal[] Numbers, string[] Texts, bool[] Bools, bool Negated) : Bound(FeatureType.Bool);

internal enum WindowKind { Max, Min, Avg, Count }

/// <summary>An aggregate of the inner value over lags 0..<see cref="Months"/>.</summary>
internal sealed record BWindow(WindowKind Kind, Bound Inner, int Months) : Bound(FeatureType.Number);

internal sealed record BCoalesce(Bound Value, Bound Fallback) : Bound(Value.Type);

internal sealed record BIsMissing(Bound Operand) : Bound(FeatureType.Bool);

internal static class BoundWalk
{
    /// <summary>Adds the (feature, lag) pairs the node reads when evaluated at <paramref name="lag"/>.</summary>
    public static void Inputs(Bound node, int lag, HashSet<FeatureInput> into)
    {
        switch (node)
        {
            case BFeature f: into.Add(new FeatureInput(f.Name, lag)); break;
            case BLag l: Inputs(l.Inner, lag + l.Months, into); break;
            case BWindow w:
                for (var k = 0; k <= w.Months; k++) Inputs(w.Inner, lag + k, into);
                break;
            default:
                foreach (var child in Children(node)) Inputs(child, lag, into);
                break;
        }
    }

    /// <summary>Values computed to evaluate the node once: windows repeat their inner work per month.</summary>
    public static long Steps(Bound node)
    {
        // Saturates: nested windows can multiply past any long, and past the limit the count is moot.
        const long cap = 1L << 40;
        var steps = node switch
        {
            BWindow w => Steps(w.Inner) > cap / (w.Months + 1) ? cap : (w.Months + 1) * Steps(w.Inner) + 1,
            _ => 1 + Children(node).Sum(Steps),
        };
        return Math.Min(cap, steps);
    }

    public static IEnumerable<Bound> Children(Bound node) => node switch
    {
        BLag l => [l.Inner],
        BArith a => [a.Left, a.Right],
        BNegate n => [n.Operand],
        BAbs a => [a.Operand],
        BMinMax m => [m.Left, m.Right],
        BCompare c => [c.Left, c.Right],
        BLogic l => [l.Left, l.Right],
        BNot n => [n.Operand],
        BIn i => [i.Left],
        BWindow w => [w.Inner],
        BCoalesce c => [c.Value, c.Fallback],
        BIsMissing m => [m.Operand],
        _ => [],
    };
}
