namespace PostLoan.Domain.Loans;

public enum BorrowerKind
{
    Individual,
    Corporate,
}

/// <summary>The three kinds of book PostLoan serves with one model.</summary>
public enum Segment
{
    Retail,
    Corporate,
    Project,
}

public enum LoanStatus
{
    Active,
    Closed,
    WrittenOff,
}

/// <summary>Kinds of transaction. Every transaction is immutable; a correction is a reversal plus a new entry.</summary>
public enum TransactionKind
{
    /// <summary>Recorded by the loan itself at its disbursement date; not imported separately.</summary>
    Disbursement,
    Repayment,
    /// <summary>A fee charged to the loan, due with the next installment (or at once after maturity).</summary>
    Fee,
    /// <summary>Forgives part of one component (fees, penalty, interest or principal).</summary>
    Waiver,
    WriteOff,
    /// <summary>Money recovered after a write-off, tracked apart from repayments.</summary>
    Recovery,
    /// <summary>Cancels an earlier transaction named by its external id.</summary>
    Reversal,
}

/// <summary>The components a repayment is allocated to, and a waiver forgives.</summary>
public enum AllocationComponent
{
    Fees,
    /// <summary>Penalty interest on overdue principal and compound interest on overdue interest.</summary>
    Penalty,
    Interest,
    Principal,
}

public static class EnumNames
{
    /// <summary>snake_case name of an enum value, as used in files and the database.</summary>
    public static string Snake<T>(this T value) where T : struct, Enum =>
        SnakeNames<T>.Known.TryGetValue(value, out var name) ? name : ToSnake(value);

    private static string ToSnake<T>(T value) where T : struct, Enum
    {
        var s = value.ToString();
        var sb = new System.Text.StringBuilder(s.Length + 4);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsUpper(s[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(s[i]));
        }
        return sb.ToString();
    }

    /// <summary>The snake_case names of an enum's declared values, made once: millions of rows ask for them.</summary>
    private static class SnakeNames<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Known = Enum.GetValues<T>().Distinct().ToDictionary(v => v, ToSnake);
    }

    public static bool TryParseSnake<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            if (string.Equals(v.Snake(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string Allowed<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => v.Snake()));
}
