using System.Globalization;

namespace PostLoan.Domain.EarlyWarning.Rules;

internal enum TokenKind
{
    End,
    Number,
    String,
    Name,
    And,
    Or,
    Not,
    In,
    True,
    False,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// <summary>A token; <see cref="Start"/> is the 0-based offset in the text.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, string Text, decimal Number = 0m, string? Value = null)
{
    public int Column => Start + 1;

    public string Describe() => Kind == TokenKind.End ? "the end of the rule" : $"'{Text}'";
}

/// <summary>Turns rule text into tokens, refusing any character outside the grammar.</summary>
internal static class Lexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["in"] = TokenKind.In,
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
    };

    // A rule with many bad characters says enough after the first few.
    private const int MaxErrors = 10;

    public static bool IsKeyword(string name) => Keywords.ContainsKey(name);

    public static bool IsValidName(string name)
    {
        if (string.IsNullOrEmpty(name) || !(name[0] is (>= 'a' and <= 'z') or '_')) return false;
        foreach (var c in name)
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')) return false;
        return true;
    }

    public static List<Token> Tokenize(string text, RuleLimits limits, List<RuleError> errors)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length && errors.Count < MaxErrors)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                i++;
                continue;
            }

            var start = i;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_')
            {
                while (i < text.Length && IsNameChar(text[i])) i++;
                var word = text[start..i];
                tokens.Add(new Token(Keywords.TryGetValue(word, out var kw) ? kw : TokenKind.Name, start, i - start, word));
            }
            else if (c is >= '0' and <= '9')
            {
                i = LexNumber(text, start, tokens, errors);
            }
            else if (c is '\'' or '"')
            {
                var close = text.IndexOf(c, start + 1);
                if (close < 0)
                {
                    errors.Add(new RuleError(start + 1, text.Length - start, $"the text starting here is never closed: {c} expected"));
                    break;
                }
                i = close + 1;
                tokens.Add(new Token(TokenKind.String, start, i - start, text[start..i], Value: text[(start + 1)..close]));
            }
            else
            {
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                (TokenKind kind, int length)? symbol = c switch
                {
                    '(' => (TokenKind.LParen, 1),
                    ')' => (TokenKind.RParen, 1),
                    '[' => (TokenKind.LBracket, 1),
                    ']' => (TokenKind.RBracket, 1),
                    ',' => (TokenKind.Comma, 1),
                    '+' => (TokenKind.Plus, 1),
                    '-' => (TokenKind.Minus, 1),
                    '*' => (TokenKind.Star, 1),
                    '/' => (TokenKind.Slash, 1),
                    '<' when next == '=' => (TokenKind.Le, 2),
                    '<' => (TokenKind.Lt, 1),
                    '>' when next == '=' => (TokenKind.Ge, 2),
                    '>' => (TokenKind.Gt, 1),
                    '=' when next == '=' => (TokenKind.Eq, 2),
                    '!' when next == '=' => (TokenKind.Ne, 2),
                    _ => null,
                };
                if (symbol is { } s)
                {
                    tokens.Add(new Token(s.kind, start, s.length, text.Substring(start, s.length)));
                    i += s.length;
                }
                else
                {
                    errors.Add(new RuleError(start + 1, 1, UnexpectedCharacter(c)));
                    i++;
                }
            }

            if (tokens.Count > limits.MaxTokens)
            {
                var last = tokens[^1];
                errors.Add(new RuleError(last.Column, last.Length,
                    $"the rule has more than {limits.MaxTokens.ToString("N0", CultureInfo.InvariantCulture)} names, numbers, operators and brackets"));
                break;
            }
        }

        tokens.Add(new Token(TokenKind.End, text.Length, 0, ""));
        return tokens;
    }

    private static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static int LexNumber(string text, int start, List<Token> tokens, List<RuleError> errors)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        var wholeDigits = i - start;
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            fractionDigits = i - start - wholeDigits - 1;
        }

        // Something glued on (1e5, 30days, 1.2.3) would otherwise lex as two tokens and confuse.
        var end = i;
        while (end < text.Length && (IsNameChar(text[end]) || text[end] == '.')) end++;
        var written = text[start..end];
        if (end > i || (written.Contains('.') && fractionDigits == 0))
        {
            errors.Add(new RuleError(start + 1, end - start,
                $"'{written}' is not a number: write digits with an optional decimal point and digits after it, no exponent"));
            return end;
        }

        if (!decimal.TryParse(written, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new RuleError(start + 1, end - start,
                $"the number {written} is too large; the largest is {decimal.MaxValue.ToString(CultureInfo.InvariantCulture)}"));
            return end;
        }

        // decimal.TryParse rounds digits it cannot hold; a rule must mean exactly what it says.
        if (Normalise(written) != Normalise(value.ToString(CultureInfo.InvariantCulture)))
        {
            errors.Add(new RuleError(start + 1, end - start,
                $"the number {written} has more digits than can be held exactly (at most 28 after the point, 29 in all)"));
            return end;
        }

        tokens.Add(new Token(TokenKind.Number, start, end - start, written, value));
        return end;
    }

    private static string Normalise(string number)
    {
        var s = number.Contains('.') ? number.TrimEnd('0').TrimEnd('.') : number;
        s = s.TrimStart('0');
        return s.Length == 0 || s[0] == '.' ? "0" + s : s;
    }

    private static string UnexpectedCharacter(char c)
    {
        var hint = c switch
        {
            '=' => ": write '==' to compare",
            '!' => ": write 'not' to negate, '!=' for 'differs from'",
            '&' => ": write 'and'",
            '|' => ": write 'or'",
            '.' => ": a number needs digits before its decimal point, and names have no dots",
            ';' => ": a rule is a single condition",
            _ => "",
        };
        var shown = c < ' ' || c == 127 ? $"U+{(int)c:X4}"
            : c > 126 && !char.IsSurrogate(c) ? $"'{c}' (U+{(int)c:X4})"
            : c > 126 ? $"U+{(int)c:X4}"
            : $"'{c}'";
        return $"unexpected character {shown}{hint}";
    }
}
