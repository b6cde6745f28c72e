namespace PostLoan.Domain.EarlyWarning.Rules;

internal enum BinaryOp { Or, And, Lt, Le, Gt, Ge, Eq, Ne, Add, Sub, Mul, Div }

internal enum UnaryOp { Not, Negate }

/// <summary>A node of the rule as written. <see cref="Start"/> is 0-based; <see cref="Height"/> bounds recursion over it.</summary>
internal abstract record Syntax(int Start, int Length)
{
    public int End => Start + Length;
    public abstract int Height { get; }
}

internal sealed record NumberLit(decimal Value, int Start, int Length) : Syntax(Start, Length)
{
    public override int Height => 1;
}

internal sealed record StringLit(string Value, int Start, int Length) : Syntax(Start, Length)
{
    public override int Height => 1;
}

internal sealed record BoolLit(bool Value, int Start, int Length) : Syntax(Start, Length)
{
    public override int Height => 1;
}

internal sealed record NameRef(string Name, int Start, int Length) : Syntax(Start, Length)
{
    public override int Height => 1;
}

internal sealed record Call(string Name, IReadOnlyList<Syntax> Args, int Start, int Length) : Syntax(Start, Length)
{
    public int NameLength => Name.Length;
    public override int Height { get; } = 1 + (Args.Count == 0 ? 0 : Args.Max(a => a.Height));
}

internal sealed record Unary(UnaryOp Op, Syntax Operand, int Start, int Length) : Syntax(Start, Length)
{
    public override int Height { get; } = 1 + Operand.Height;
}

internal sealed record Binary(BinaryOp Op, Syntax Left, Syntax Right, int OpStart, int OpLength)
    : Syntax(Left.Start, Right.End - Left.Start)
{
    public override int Height { get; } = 1 + Math.Max(Left.Height, Right.Height);
}

internal sealed record InList(Syntax Left, IReadOnlyList<Syntax> Items, bool Negated, int OpStart, int OpLength, int Start, int Length)
    : Syntax(Start, Length)
{
    public override int Height { get; } = 2 + Left.Height;
}

internal static class Operators
{
    public static string Text(BinaryOp op) => op switch
    {
        BinaryOp.Or => "or",
        BinaryOp.And => "and",
        BinaryOp.Lt => "<",
        BinaryOp.Le => "<=",
        BinaryOp.Gt => ">",
        BinaryOp.Ge => ">=",
        BinaryOp.Eq => "==",
        BinaryOp.Ne => "!=",
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        _ => "/",
    };

    /// <summary>Binding strength, lowest first: or, and, not, comparisons, + -, * /, unary minus, primary.</summary>
    public static int Precedence(Syntax node) => node switch
    {
        Binary b => Precedence(b.Op),
        Unary { Op: UnaryOp.Not } => 3,
        InList => 4,
        Unary => 7,
        _ => 8,
    };

    public static int Precedence(BinaryOp op) => op switch
    {
        BinaryOp.Or => 1,
        BinaryOp.And => 2,
        BinaryOp.Add or BinaryOp.Sub => 5,
        BinaryOp.Mul or BinaryOp.Div => 6,
        _ => 4,
    };
}
