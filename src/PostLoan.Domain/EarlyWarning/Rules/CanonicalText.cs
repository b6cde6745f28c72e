using System.Globalization;
using System.Text;

namespace PostLoan.Domain.EarlyWarning.Rules;

/// <summary>
/// Prints a parsed rule in one spelling: single spaces around operators, lowercase keywords,
/// numbers without trailing zeros, texts in single quotes (double when they hold one), and only the
/// brackets precedence needs. Printing then parsing gives the same tree back.
/// </summary>
internal static class CanonicalText
{
    public static string Print(Syntax root)
    {
        var sb = new StringBuilder();
        Write(root, sb);
        return sb.ToString();
    }

    private static void Write(Syntax node, StringBuilder sb)
    {
        switch (node)
        {
            case NumberLit n:
                sb.Append(Number(n.Value));
                break;
            case StringLit s:
                var quote = s.Value.Contains('\'') ? '"' : '\'';
                sb.Append(quote).Append(s.Value).Append(quote);
                break;
            case BoolLit b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case NameRef r:
                sb.Append(r.Name);
                break;
            case Call c:
                sb.Append(c.Name).Append('(');
                for (var i = 0; i < c.Args.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(c.Args[i], sb);
                }
                sb.Append(')');
                break;
            case Unary { Op: UnaryOp.Not } u:
                sb.Append("not ");
                Operand(u.Operand, sb, needsBrackets: Operators.Precedence(u.Operand) < 3);
                break;
            case Unary u:
                sb.Append('-');
                // A negative literal or a negation right after '-' reads as '--'; bracket it.
                Operand(u.Operand, sb, needsBrackets: Operators.Precedence(u.Operand) < 7 || u.Operand is Unary || u.Operand is NumberLit { Value: < 0 });
                break;
            case Binary b:
            {
                var p = Operators.Precedence(b.Op);
                // Comparisons do not chain, so a comparison inside one is bracketed on either side.
                Operand(b.Left, sb, needsBrackets: p == 4 ? Operators.Precedence(b.Left) <= p : Operators.Precedence(b.Left) < p);
                sb.Append(' ').Append(Operators.Text(b.Op)).Append(' ');
                Operand(b.Right, sb, needsBrackets: Operators.Precedence(b.Right) <= p);
                break;
            }
            case InList i:
                Operand(i.Left, sb, needsBrackets: Operators.Precedence(i.Left) <= 4);
                sb.Append(i.Negated ? " not in [" : " in [");
                for (var k = 0; k < i.Items.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    Write(i.Items[k], sb);
                }
                sb.Append(']');
                break;
            default:
                throw new InvalidOperationException($"unhandled syntax {node.GetType().Name}");
        }
    }

    private static void Operand(Syntax node, StringBuilder sb, bool needsBrackets)
    {
        if (needsBrackets) sb.Append('(');
        Write(node, sb);
        if (needsBrackets) sb.Append(')');
    }

    private static string Number(decimal value)
    {
        var s = value.ToString(CultureInfo.InvariantCulture);
        return s.Contains('.') ? s.TrimEnd('0').TrimEnd('.') : s;
    }
}
