using System.Globalization;

namespace PostLoan.Domain.EarlyWarning.Rules;

/// <summary>
/// Recursive descent over the tokens. Every recursion into a nested group goes through
/// <see cref="Enter"/>, which refuses the nesting before descending, so no input can exhaust the stack.
/// </summary>
internal sealed class Parser
{
    // Chains of binary operators are parsed by loops, not recursion, but later passes recurse over
    // the tree; with raised token limits a chain could otherwise be deep enough to hurt.
    private const int MaxHeight = 1_000;

    private readonly List<Token> _tokens;
    private readonly RuleLimits _limits;
    private int _pos;
    private int _depth;

    private Parser(List<Token> tokens, RuleLimits limits)
    {
        _tokens = tokens;
        _limits = limits;
    }

    /// <summary>The tree, or null with the first syntax error added to <paramref name="errors"/>.</summary>
    public static Syntax? Parse(List<Token> tokens, RuleLimits limits, List<RuleError> errors)
    {
        var parser = new Parser(tokens, limits);
        try
        {
            var root = parser.ParseOr();
            var next = parser.Peek;
            if (next.Kind == TokenKind.RParen)
                throw Fail(next, "')' has no matching '('");
            if (next.Kind != TokenKind.End)
                throw Fail(next, $"{next.Describe()} is unexpected here; join conditions with 'and' or 'or'");
            return root;
        }
        catch (SyntaxFailure failure)
        {
            errors.Add(failure.Error);
            return null;
        }
    }

    private Token Peek => _tokens[_pos];

    private Token PeekAt(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private Token Next() => _tokens[_pos++];

    private void Enter(Token at)
    {
        if (++_depth > _limits.MaxDepth)
            throw Fail(at, $"the condition is nested more than {_limits.MaxDepth.ToString(CultureInfo.InvariantCulture)} levels deep");
    }

    private void Leave() => _depth--;

    private static SyntaxFailure Fail(Token at, string message) => new(new RuleError(at.Column, at.Length, message));

    private Syntax Chain(Binary node, Token op) =>
        node.Height > MaxHeight ? throw Fail(op, "the condition is too long a chain of operators") : node;

    private Syntax ParseOr()
    {
        var left = ParseAnd();
        while (Peek.Kind == TokenKind.Or)
        {
            var op = Next();
            left = Chain(new Binary(BinaryOp.Or, left, ParseAnd(), op.Start, op.Length), op);
        }
        return left;
    }

    private Syntax ParseAnd()
    {
        var left = ParseNot();
        while (Peek.Kind == TokenKind.And)
        {
            var op = Next();
            left = Chain(new Binary(BinaryOp.And, left, ParseNot(), op.Start, op.Length), op);
        }
        return left;
    }

    private Syntax ParseNot()
    {
        if (Peek.Kind != TokenKind.Not) return ParseComparison();
        var op = Next();
        Enter(op);
        var operand = ParseNot();
        Leave();
        return new Unary(UnaryOp.Not, operand, op.Start, operand.End - op.Start);
    }

    private static BinaryOp? Comparison(TokenKind kind) => kind switch
    {
        TokenKind.Lt => BinaryOp.Lt,
        TokenKind.Le => BinaryOp.Le,
        TokenKind.Gt => BinaryOp.Gt,
        TokenKind.Ge => BinaryOp.Ge,
        TokenKind.Eq => BinaryOp.Eq,
        TokenKind.Ne => BinaryOp.Ne,
        _ => null,
    };

    private bool AtComparison => Comparison(Peek.Kind) is not null || Peek.Kind == TokenKind.In
        || (Peek.Kind == TokenKind.Not && PeekAt(1).Kind == TokenKind.In);

    private Syntax ParseComparison()
    {
        var left = ParseAdditive();
        Syntax result;
        if (Comparison(Peek.Kind) is { } cmp)
        {
            var op = Next();
            result = new Binary(cmp, left, ParseAdditive(), op.Start, op.Length);
        }
        else if (Peek.Kind == TokenKind.In || (Peek.Kind == TokenKind.Not && PeekAt(1).Kind == TokenKind.In))
        {
            var first = Next();
            var negated = first.Kind == TokenKind.Not;
            var last = negated ? Next() : first;
            var (items, end) = ParseList(first);
            result = new InList(left, items, negated, first.Start, last.End() - first.Start, left.Start, end - left.Start);
        }
        else
        {
            return left;
        }

        if (AtComparison)
            throw Fail(Peek, "comparisons cannot be chained: write 'a < b and b < c'");
        return result;
    }

    private (List<Syntax> Items, int End) ParseList(Token op)
    {
        var open = Peek;
        if (open.Kind != TokenKind.LBracket)
            throw Fail(open, $"a list such as ['retail', 'sme'] expected after '{(op.Kind == TokenKind.Not ? "not in" : "in")}'");
        Next();
        Enter(open);
        var items = new List<Syntax>();
        if (Peek.Kind == TokenKind.RBracket)
            throw Fail(Peek, "a list needs at least one value");
        while (true)
        {
            items.Add(ParseListItem());
            var sep = Next();
            if (sep.Kind == TokenKind.RBracket)
            {
                Leave();
                return (items, sep.End());
            }
            if (sep.Kind != TokenKind.Comma)
                throw Fail(sep, "',' or ']' expected");
        }
    }

    private Syntax ParseListItem()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Number: return new NumberLit(t.Number, t.Start, t.Length);
            case TokenKind.String: return new StringLit(t.Value!, t.Start, t.Length);
            case TokenKind.True or TokenKind.False: return new BoolLit(t.Kind == TokenKind.True, t.Start, t.Length);
            case TokenKind.Minus when Peek.Kind == TokenKind.Number:
                var n = Next();
                return new NumberLit(-n.Number, t.Start, n.End() - t.Start);
            default:
                throw Fail(t, $"a list holds only written values (numbers, texts in quotes, true, false), found {t.Describe()}");
        }
    }

    private Syntax ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Next();
            var right = ParseMultiplicative();
            left = Chain(new Binary(op.Kind == TokenKind.Plus ? BinaryOp.Add : BinaryOp.Sub, left, right, op.Start, op.Length), op);
        }
        return left;
    }

    private Syntax ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Next();
            var right = ParseUnary();
            left = Chain(new Binary(op.Kind == TokenKind.Star ? BinaryOp.Mul : BinaryOp.Div, left, right, op.Start, op.Length), op);
        }
        return left;
    }

    private Syntax ParseUnary()
    {
        if (Peek.Kind != TokenKind.Minus) return ParsePrimary();
        var op = Next();
        Enter(op);
        var operand = ParseUnary();
        Leave();
        // A negative number is a literal, so that it may also be a month count or list value.
        return operand is NumberLit lit
            ? new NumberLit(-lit.Value, op.Start, lit.End - op.Start)
            : new Unary(UnaryOp.Negate, operand, op.Start, operand.End - op.Start);
    }

    private Syntax ParsePrimary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Number:
                return new NumberLit(t.Number, t.Start, t.Length);
            case TokenKind.String:
                return new StringLit(t.Value!, t.Start, t.Length);
            case TokenKind.True or TokenKind.False:
                return new BoolLit(t.Kind == TokenKind.True, t.Start, t.Length);
            case TokenKind.LParen:
            {
                Enter(t);
                var inner = ParseOr();
                var close = Peek;
                if (close.Kind != TokenKind.RParen)
                    throw Fail(close, "')' expected");
                Next();
                Leave();
                return inner;
            }
            case TokenKind.Name when Peek.Kind == TokenKind.LParen:
                return ParseCall(t);
            case TokenKind.Name:
                return new NameRef(t.Text, t.Start, t.Length);
            case TokenKind.LBracket:
                throw Fail(t, "a list [...] may only follow 'in' or 'not in'");
            default:
                _pos--;
                throw Fail(t, $"a value expected, found {t.Describe()}");
        }
    }

    private Syntax ParseCall(Token name)
    {
        var open = Next();
        Enter(open);
        var args = new List<Syntax>();
        if (Peek.Kind != TokenKind.RParen)
        {
            while (true)
            {
                args.Add(ParseOr());
                if (Peek.Kind == TokenKind.Comma)
                {
                    Next();
                    continue;
                }
                if (Peek.Kind != TokenKind.RParen)
                    throw Fail(Peek, "',' or ')' expected");
                break;
            }
        }
        var close = Next();
        Leave();
        return new Call(name.Text, args, name.Start, close.End() - name.Start);
    }

    private sealed class SyntaxFailure(RuleError error) : Exception(error.Message)
    {
        public RuleError Error { get; } = error;
    }
}

internal static class TokenExtensions
{
    public static int End(this Token token) => token.Start + token.Length;
}
