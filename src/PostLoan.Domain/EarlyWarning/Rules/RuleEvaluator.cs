namespace PostLoan.Domain.EarlyWarning.Rules;

/// <summary>
/// A checked rule compiled to column operations: each node processes a block of up to
/// <see cref="BlockSize"/> rows per call, so the cost of walking the tree is paid once a block, not
/// once a row. Buffers are allocated once, when the evaluator is made, and reused; evaluating
/// allocates nothing per row. One evaluator serves one thread at a time.
/// </summary>
public sealed class RuleEvaluator
{
    /// <summary>Rows per block: small enough for a node's buffers to stay in cache.</summary>
    public const int BlockSize = 1024;

    private readonly BoolOp _root;
    private readonly Truth[] _block = new Truth[BlockSize];
    private readonly Block _rows = new();
    private FeatureFrame? _verified;

    internal RuleEvaluator(CheckedRule rule)
    {
        Rule = rule;
        _root = (BoolOp)Compile(rule.Condition);
    }

    public CheckedRule Rule { get; }

    /// <summary>Why the frame cannot be evaluated: required inputs it lacks or holds with another type; empty when it can.</summary>
    public IReadOnlyList<string> Problems(FeatureFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var problems = new List<string>();
        foreach (var input in Rule.RequiredInputs)
        {
            var expected = Rule.InputTypes[input.Feature];
            var actual = frame.TypeOf(input);
            if (actual is null) problems.Add($"the frame has no column for {input}");
            else if (actual != expected) problems.Add($"the frame's column for {input} holds {actual} values, the feature is {expected}");
        }
        return problems;
    }

    /// <summary>Evaluates every row of the frame into <paramref name="results"/> (as long as the frame).</summary>
    public void Evaluate(FeatureFrame frame, Span<Truth> results) => Evaluate(frame, 0, results);

    /// <summary>
    /// Evaluates rows <paramref name="firstRow"/> .. firstRow + results.Length − 1, e.g. one share of
    /// the frame per thread (each with its own evaluator). Throws <see cref="ArgumentException"/> when
    /// the frame lacks a column the rule reads: a missing column is a set-up error, never a missing value.
    /// </summary>
    public void Evaluate(FeatureFrame frame, int firstRow, Span<Truth> results)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        if (firstRow + results.Length > frame.RowCount)
            throw new ArgumentOutOfRangeException(nameof(results), $"rows {firstRow}..{firstRow + results.Length - 1} are beyond the frame's {frame.RowCount}");
        if (!ReferenceEquals(frame, _verified))
        {
            var problems = Problems(frame);
            if (problems.Count > 0)
                throw new ArgumentException($"cannot evaluate '{Rule.CanonicalText}': {string.Join("; ", problems)}", nameof(frame));
            // Frames only gain columns, so a frame once fit for this rule stays fit.
            _verified = frame;
        }

        _rows.Frame = frame;
        for (var done = 0; done < results.Length; done += BlockSize)
        {
            _rows.Start = firstRow + done;
            _rows.Count = Math.Min(BlockSize, results.Length - done);
            _root.Run(_rows, 0, _block);
            _block.AsSpan(0, _rows.Count).CopyTo(results[done..]);
        }
        _rows.Frame = null;
    }

    private static object Compile(Bound node) => node switch
    {
        BNumber n => new NumConst(n.Value),
        BBool b => new BoolConst(b.Value ? Truth.True : Truth.False),
        BText t => new TextConst(t.Value),
        BFeature { Type: FeatureType.Number } f => new NumFeature(f.Name),
        BFeature { Type: FeatureType.Bool } f => new BoolFeature(f.Name),
        BFeature f => new TextFeature(f.Name),
        BLag { Type: FeatureType.Number } l => new NumLag(Num(l.Inner), l.Months),
        BLag { Type: FeatureType.Bool } l => new BoolLag(Bool(l.Inner), l.Months),
        BLag l => new TextLag(Text(l.Inner), l.Months),
        BArith a => new NumArith(a.Op, Num(a.Left), Num(a.Right)),
        BNegate n => new NumUnary(Num(n.Operand), abs: false),
        BAbs a => new NumUnary(Num(a.Operand), abs: true),
        BMinMax m => new NumMinMax(m.IsMax, Num(m.Left), Num(m.Right)),
        BCompare { Left.Type: FeatureType.Number } c => new NumCompare(c.Op, Num(c.Left), Num(c.Right)),
        BCompare { Left.Type: FeatureType.Bool } c => new BoolEquals(c.Op == CompareOp.Eq, Bool(c.Left), Bool(c.Right)),
        BCompare c => new TextEquals(c.Op == CompareOp.Eq, Text(c.Left), Text(c.Right)),
        BLogic l => new Logic(l.IsAnd, Bool(l.Left), Bool(l.Right)),
        BNot n => new Not(Bool(n.Operand)),
        BIn { Left.Type: FeatureType.Number } i => new NumIn(Num(i.Left), i.Numbers, i.Negated),
        BIn { Left.Type: FeatureType.Bool } i => new BoolIn(Bool(i.Left), i.Bools, i.Negated),
        BIn i => new TextIn(Text(i.Left), i.Texts, i.Negated),
        BWindow { Kind: WindowKind.Count } w => new NumCount(Bool(w.Inner), w.Months),
        BWindow w => new NumWindow(w.Kind, Num(w.Inner), w.Months),
        BCoalesce { Type: FeatureType.Number } c => new NumCoalesce(Num(c.Value), Num(c.Fallback)),
        BCoalesce { Type: FeatureType.Bool } c => new BoolCoalesce(Bool(c.Value), Bool(c.Fallback)),
        BCoalesce c => new TextCoalesce(Text(c.Value), Text(c.Fallback)),
        BIsMissing { Operand.Type: FeatureType.Number } m => new NumIsMissing(Num(m.Operand)),
        BIsMissing { Operand.Type: FeatureType.Bool } m => new BoolIsMissing(Bool(m.Operand)),
        BIsMissing m => new TextIsMissing(Text(m.Operand)),
        _ => throw new InvalidOperationException($"unhandled node {node.GetType().Name}"),
    };

    private static NumOp Num(Bound node) => (NumOp)Compile(node);
    private static BoolOp Bool(Bound node) => (BoolOp)Compile(node);
    private static TextOp Text(Bound node) => (TextOp)Compile(node);

    /// <summary>The rows being evaluated: [Start, Start + Count) of the frame.</summary>
    private sealed class Block
    {
        public FeatureFrame? Frame;
        public int Start;
        public int Count;

        public FrameColumn Column(string feature, int lag) => Frame!.Column(new FeatureInput(feature, lag));
    }

    // Each op owns the scratch buffers for its children's results. An op never contains itself, and
    // a window runs its child once per month in turn, so a buffer is never in use twice at once.

    /// <summary>A block of numbers to read: values and presence, each b.Count long.</summary>
    private readonly ref struct NumView(ReadOnlySpan<decimal> values, ReadOnlySpan<bool> present)
    {
        public readonly ReadOnlySpan<decimal> V = values;
        public readonly ReadOnlySpan<bool> P = present;
    }

    private static readonly bool[] AllPresent = Enumerable.Repeat(true, BlockSize).ToArray();

    private abstract class NumOp
    {
        /// <summary>Writes the block's values into the buffers.</summary>
        public abstract void Run(Block b, int lag, decimal[] v, bool[] p);

        /// <summary>
        /// The block's values for reading only: in the buffers, or, for a feature, straight from
        /// the frame's column — reading a column needs no copy.
        /// </summary>
        public virtual NumView Read(Block b, int lag, decimal[] v, bool[] p)
        {
            Run(b, lag, v, p);
            return new NumView(v.AsSpan(0, b.Count), p.AsSpan(0, b.Count));
        }
    }

    private abstract class BoolOp
    {
        public abstract void Run(Block b, int lag, Truth[] t);
    }

    private abstract class TextOp
    {
        public abstract void Run(Block b, int lag, string?[] s);
    }

    private sealed class NumConst(decimal value) : NumOp
    {
        public readonly decimal Value = value;

        public override void Run(Block b, int lag, decimal[] v, bool[] p)
        {
            v.AsSpan(0, b.Count).Fill(Value);
            p.AsSpan(0, b.Count).Fill(true);
        }
    }

    private sealed class NumFeature(string name) : NumOp
    {
        public override void Run(Block b, int lag, decimal[] v, bool[] p)
        {
            var view = Read(b, lag, v, p);
            view.V.CopyTo(v);
            view.P.CopyTo(p);
        }

        public override NumView Read(Block b, int lag, decimal[] v, bool[] p)
        {
            var column = (NumberColumn)b.Column(name, lag);
            return new NumView(column.Values.AsSpan(b.Start, b.Count),
                column.Present is null ? AllPresent.AsSpan(0, b.Count) : column.Present.AsSpan(b.Start, b.Count));
        }
    }

    private sealed class NumLag(NumOp inner, int months) : NumOp
    {
        public override void Run(Block b, int lag, decimal[] v, bool[] p) => inner.Run(b, lag + months, v, p);

        public override NumView Read(Block b, int lag, decimal[] v, bool[] p) => inner.Read(b, lag + months, v, p);
    }

    private sealed class NumArith(ArithOp op, NumOp left, NumOp right) : NumOp
    {
        private readonly decimal[] _v = new decimal[BlockSize];
        private readonly bool[] _p = new bool[BlockSize];

        private readonly decimal[] _lv = new decimal[BlockSize];
        private readonly bool[] _lp = new bool[BlockSize];

        public override void Run(Block b, int lag, decimal[] v, bool[] p)
        {
            var x = left.Read(b, lag, _lv, _lp);
            var y = right.Read(b, lag, _v, _p);
            var n = b.Count;
            for (var i = 0; i < n; i++) p[i] = x.P[i] & y.P[i];
            // Overflow is rare: run the plain loop, and only after an overflow redo the block value by value.
            try
            {
                switch (op)
                {
                    case ArithOp.Add: for (var i = 0; i < n; i++) v[i] = x.V[i] + y.V[i]; return;
                    case ArithOp.Sub: for (var i = 0; i < n; i++) v[i] = x.V[i] - y.V[i]; return;
                    case ArithOp.Mul: for (var i = 0; i < n; i++) v[i] = x.V[i] * y.V[i]; return;
                    default:
                        for (var i = 0; i < n; i++)
                        {
                            if (y.V[i] == 0m) p[i] = false;
                            else v[i] = x.V[i] / y.V[i];
                        }
                        return;
                }
            }
            catch (OverflowException)
            {
            }
            for (var i = 0; i < n; i++)
                p[i] = p[i] && Arith.TryApply(op, x.V[i], y.V[i], out v[i]);
        }
    }

    private sealed class NumUnary(NumOp operand, bool abs) : NumOp
    {
        public override void Run(Block b, int lag, decimal[] v, bool[] p)
        {
            operand.Run(b, lag, v, p);
            for (var i = 0; i < b.Count; i++)
                v[i] = abs ? Math.Abs(v[i]) : -v[i];
        }
    }

    private sealed class NumMinMax(bool isMax, NumOp left, NumOp right) : NumOp
    {
        private readonly decimal[] _v = new decimal[BlockSize];
        private readonly bool[] _p = new bool[BlockSize];

        public override void Run(Block b, int lag, decimal[] v, bool[] p)
        {
            left.Run(b, lag, v, p);
            var y = right.Read(b, lag, _v, _p);
            for (var i = 0; i < b.Count; i++)
            {
                p[i] &= y.P[i];
                v[i] = isMax ? Math.Max(v[i], y.V[i]) : Math.Min(v[i], y.V[i]);
            }
        }
    }

    /// <summary>max/min/avg over lags 0..months, skipping missing points; same order of additions as the row interpreter.</summary>
    private sealed class NumWindow(WindowKind kind, NumOp inner, int months) : NumOp
    {
        private readonly decimal[] _v = new decimal[BlockSize];
        private readonly bool[] _p = new bool[BlockSize];
        private readonly int[] _seen = new int[BlockSize];
        private readonly bool[] _overflow = new bool[BlockSize];

        public override void Run(Block b, int lag, decimal[] v, bool[] p)
        {
            var n = b.Count;
            _seen.AsSpan(0, n).Clear();
            _overflow.AsSpan(0, n).Clear();
            v.AsSpan(0, n).Clear();
            for (var k = 0; k <= months; k++)
            {
                var x = inner.Read(b, lag + k, _v, _p);
                switch (kind)
                {
                    case WindowKind.Max:
                        for (var i = 0; i < n; i++)
                        {
                            if (!x.P[i]) continue;
                            if (_seen[i]++ == 0 || x.V[i] > v[i]) v[i] = x.V[i];
                        }
                        break;
                    case WindowKind.Min:
                        for (var i = 0; i < n; i++)
                        {
                            if (!x.P[i]) continue;
                            if (_seen[i]++ == 0 || x.V[i] < v[i]) v[i] = x.V[i];
                        }
                        break;
                    default:
                        Sum(x, v, n);
                        break;
                }
            }
            for (var i = 0; i < n; i++)
            {
                p[i] = _seen[i] > 0 && !_overflow[i];
                if (p[i] && kind == WindowKind.Avg)
                    p[i] = Arith.TryApply(ArithOp.Div, v[i], _seen[i], out v[i]);
            }
        }

        private void Sum(NumView x, decimal[] v, int n)
        {
            // The try sits outside the loop so the loop stays tight; an overflow marks its row and the loop resumes after it.
            var i = 0;
            while (i < n)
            {
                try
                {
                    for (; i < n; i++)
                    {
                        if (!x.P[i]) continue;
                        v[i] = _seen[i] == 0 ? x.V[i] : v[i] + x.V[i];
                        _seen[i]++;
                    }
                }
                catch (OverflowException)
                {
                    _overflow[i] = true;
                    _seen[i]++;
                    i++;
                }
            }
        }
    }

    private sealed class NumCount(BoolOp inner, int months) : NumOp
    {
        private readonly Truth[] _t = new Truth[BlockSize];

        public override void Run(Block b, int lag, decimal[] v, bool[] p)
        {
            var n = b.Count;
            v.AsSpan(0, n).Clear();
            p.AsSpan(0, n).Fill(true);
            for (var k = 0; k <= months; k++)
            {
                inner.Run(b, lag + k, _t);
                for (var i = 0; i < n; i++)
                    if (_t[i] == Truth.True) v[i]++;
            }
        }
    }

    private sealed class NumCoalesce(NumOp value, NumOp fallback) : NumOp
    {
        private readonly decimal[] _v = new decimal[BlockSize];
        private readonly bool[] _p = new bool[BlockSize];

        public override void Run(Block b, int lag, decimal[] v, bool[] p)
        {
            value.Run(b, lag, v, p);
            var y = fallback.Read(b, lag, _v, _p);
            for (var i = 0; i < b.Count; i++)
            {
                if (p[i]) continue;
                v[i] = y.V[i];
                p[i] = y.P[i];
            }
        }
    }

    private sealed class BoolConst(Truth value) : BoolOp
    {
        public override void Run(Block b, int lag, Truth[] t) => t.AsSpan(0, b.Count).Fill(value);
    }

    private sealed class BoolFeature(string name) : BoolOp
    {
        public override void Run(Block b, int lag, Truth[] t)
        {
            var column = (BoolColumn)b.Column(name, lag);
            var values = column.Values.AsSpan(b.Start, b.Count);
            var present = column.Present is null ? default : column.Present.AsSpan(b.Start, b.Count);
            for (var i = 0; i < values.Length; i++)
                t[i] = column.Present is not null && !present[i] ? Truth.Unknown : values[i] ? Truth.True : Truth.False;
        }
    }

    private sealed class BoolLag(BoolOp inner, int months) : BoolOp
    {
        public override void Run(Block b, int lag, Truth[] t) => inner.Run(b, lag + months, t);
    }

    private sealed class NumCompare(CompareOp op, NumOp left, NumOp right) : BoolOp
    {
        private readonly decimal[] _lv = new decimal[BlockSize];
        private readonly bool[] _lp = new bool[BlockSize];
        private readonly decimal[] _rv = new decimal[BlockSize];
        private readonly bool[] _rp = new bool[BlockSize];
        // The common 'feature > literal' compares against the literal without filling a buffer with it.
        private readonly NumConst? _constant = right as NumConst;

        public override void Run(Block b, int lag, Truth[] t)
        {
            var x = left.Read(b, lag, _lv, _lp);
            var dest = t.AsSpan(0, b.Count);
            if (_constant is not null)
            {
                var c = _constant.Value;
                switch (op)
                {
                    case CompareOp.Lt: Compare<Lt>(x, c, dest); break;
                    case CompareOp.Le: Compare<Le>(x, c, dest); break;
                    case CompareOp.Gt: Compare<Gt>(x, c, dest); break;
                    case CompareOp.Ge: Compare<Ge>(x, c, dest); break;
                    case CompareOp.Eq: Compare<Eq>(x, c, dest); break;
                    default: Compare<Ne>(x, c, dest); break;
                }
                return;
            }
            var y = right.Read(b, lag, _rv, _rp);
            switch (op)
            {
                case CompareOp.Lt: Compare<Lt>(x, y, dest); break;
                case CompareOp.Le: Compare<Le>(x, y, dest); break;
                case CompareOp.Gt: Compare<Gt>(x, y, dest); break;
                case CompareOp.Ge: Compare<Ge>(x, y, dest); break;
                case CompareOp.Eq: Compare<Eq>(x, y, dest); break;
                default: Compare<Ne>(x, y, dest); break;
            }
        }

        // Generic over a struct so the JIT emits one tight loop per operator, with no branch on it inside.
        private static void Compare<TOp>(NumView x, decimal c, Span<Truth> t) where TOp : struct, IDecimalTest
        {
            for (var i = 0; i < t.Length; i++)
                t[i] = !x.P[i] ? Truth.Unknown : TOp.Test(x.V[i], c) ? Truth.True : Truth.False;
        }

        private static void Compare<TOp>(NumView x, NumView y, Span<Truth> t) where TOp : struct, IDecimalTest
        {
            for (var i = 0; i < t.Length; i++)
                t[i] = !(x.P[i] & y.P[i]) ? Truth.Unknown : TOp.Test(x.V[i], y.V[i]) ? Truth.True : Truth.False;
        }
    }

    private interface IDecimalTest
    {
        static abstract bool Test(decimal x, decimal y);
    }

    private struct Lt : IDecimalTest { public static bool Test(decimal x, decimal y) => x < y; }
    private struct Le : IDecimalTest { public static bool Test(decimal x, decimal y) => x <= y; }
    private struct Gt : IDecimalTest { public static bool Test(decimal x, decimal y) => x > y; }
    private struct Ge : IDecimalTest { public static bool Test(decimal x, decimal y) => x >= y; }
    private struct Eq : IDecimalTest { public static bool Test(decimal x, decimal y) => x == y; }
    private struct Ne : IDecimalTest { public static bool Test(decimal x, decimal y) => x != y; }

    private sealed class BoolEquals(bool equal, BoolOp left, BoolOp right) : BoolOp
    {
        private readonly Truth[] _t = new Truth[BlockSize];

        public override void Run(Block b, int lag, Truth[] t)
        {
            left.Run(b, lag, t);
            right.Run(b, lag, _t);
            for (var i = 0; i < b.Count; i++)
                t[i] = t[i] == Truth.Unknown || _t[i] == Truth.Unknown ? Truth.Unknown
                    : (t[i] == _t[i]) == equal ? Truth.True : Truth.False;
        }
    }

    private sealed class TextEquals(bool equal, TextOp left, TextOp right) : BoolOp
    {
        private readonly string?[] _l = new string?[BlockSize];
        private readonly string?[] _r = new string?[BlockSize];

        public override void Run(Block b, int lag, Truth[] t)
        {
            left.Run(b, lag, _l);
            right.Run(b, lag, _r);
            for (var i = 0; i < b.Count; i++)
                t[i] = _l[i] is null || _r[i] is null ? Truth.Unknown
                    : string.Equals(_l[i], _r[i], StringComparison.Ordinal) == equal ? Truth.True : Truth.False;
        }
    }

    private sealed class Logic(bool isAnd, BoolOp left, BoolOp right) : BoolOp
    {
        private readonly Truth[] _t = new Truth[BlockSize];

        public override void Run(Block b, int lag, Truth[] t)
        {
            left.Run(b, lag, t);
            right.Run(b, lag, _t);
            // Kleene logic on False < Unknown < True: 'and' is the minimum, 'or' the maximum.
            for (var i = 0; i < b.Count; i++)
                t[i] = isAnd ? (t[i] < _t[i] ? t[i] : _t[i]) : (t[i] > _t[i] ? t[i] : _t[i]);
        }
    }

    private sealed class Not(BoolOp operand) : BoolOp
    {
        public override void Run(Block b, int lag, Truth[] t)
        {
            operand.Run(b, lag, t);
            for (var i = 0; i < b.Count; i++)
                t[i] = (Truth)(2 - (int)t[i]);
        }
    }

    private sealed class NumIn(NumOp left, decimal[] values, bool negated) : BoolOp
    {
        private readonly decimal[] _v = new decimal[BlockSize];
        private readonly bool[] _p = new bool[BlockSize];

        public override void Run(Block b, int lag, Truth[] t)
        {
            var x = left.Read(b, lag, _v, _p);
            for (var i = 0; i < b.Count; i++)
                t[i] = !x.P[i] ? Truth.Unknown : (Array.IndexOf(values, x.V[i]) >= 0) != negated ? Truth.True : Truth.False;
        }
    }

    private sealed class BoolIn(BoolOp left, bool[] values, bool negated) : BoolOp
    {
        private readonly bool _hasTrue = values.Contains(true);
        private readonly bool _hasFalse = values.Contains(false);

        public override void Run(Block b, int lag, Truth[] t)
        {
            left.Run(b, lag, t);
            for (var i = 0; i < b.Count; i++)
                t[i] = t[i] == Truth.Unknown ? Truth.Unknown
                    : (t[i] == Truth.True ? _hasTrue : _hasFalse) != negated ? Truth.True : Truth.False;
        }
    }

    private sealed class TextIn(TextOp left, string[] values, bool negated) : BoolOp
    {
        private readonly string?[] _s = new string?[BlockSize];
        private readonly HashSet<string> _values = new(values, StringComparer.Ordinal);

        public override void Run(Block b, int lag, Truth[] t)
        {
            left.Run(b, lag, _s);
            for (var i = 0; i < b.Count; i++)
                t[i] = _s[i] is not { } s ? Truth.Unknown : _values.Contains(s) != negated ? Truth.True : Truth.False;
        }
    }

    private sealed class BoolCoalesce(BoolOp value, BoolOp fallback) : BoolOp
    {
        private readonly Truth[] _t = new Truth[BlockSize];

        public override void Run(Block b, int lag, Truth[] t)
        {
            value.Run(b, lag, t);
            fallback.Run(b, lag, _t);
            for (var i = 0; i < b.Count; i++)
                if (t[i] == Truth.Unknown) t[i] = _t[i];
        }
    }

    private sealed class NumIsMissing(NumOp operand) : BoolOp
    {
        private readonly decimal[] _v = new decimal[BlockSize];
        private readonly bool[] _p = new bool[BlockSize];

        public override void Run(Block b, int lag, Truth[] t)
        {
            var x = operand.Read(b, lag, _v, _p);
            for (var i = 0; i < b.Count; i++) t[i] = x.P[i] ? Truth.False : Truth.True;
        }
    }

    private sealed class BoolIsMissing(BoolOp operand) : BoolOp
    {
        public override void Run(Block b, int lag, Truth[] t)
        {
            operand.Run(b, lag, t);
            for (var i = 0; i < b.Count; i++) t[i] = t[i] == Truth.Unknown ? Truth.True : Truth.False;
        }
    }

    private sealed class TextIsMissing(TextOp operand) : BoolOp
    {
        private readonly string?[] _s = new string?[BlockSize];

        public override void Run(Block b, int lag, Truth[] t)
        {
            operand.Run(b, lag, _s);
            for (var i = 0; i < b.Count; i++) t[i] = _s[i] is null ? Truth.True : Truth.False;
        }
    }

    private sealed class TextConst(string value) : TextOp
    {
        public override void Run(Block b, int lag, string?[] s) => s.AsSpan(0, b.Count).Fill(value);
    }

    private sealed class TextFeature(string name) : TextOp
    {
        public override void Run(Block b, int lag, string?[] s) =>
            ((TextColumn)b.Column(name, lag)).Values.AsSpan(b.Start, b.Count).CopyTo(s);
    }

    private sealed class TextLag(TextOp inner, int months) : TextOp
    {
        public override void Run(Block b, int lag, string?[] s) => inner.Run(b, lag + months, s);
    }

    private sealed class TextCoalesce(TextOp value, TextOp fallback) : TextOp
    {
        private readonly string?[] _s = new string?[BlockSize];

        public override void Run(Block b, int lag, string?[] s)
        {
            value.Run(b, lag, s);
            fallback.Run(b, lag, _s);
            for (var i = 0; i < b.Count; i++) s[i] ??= _s[i];
        }
    }
}
