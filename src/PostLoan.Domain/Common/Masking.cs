using PostLoan.Domain.Loans;

namespace PostLoan.Domain.Common;

/// <summary>
/// How sensitive borrower data is shown to someone who may not see it in full (SPEC §2, §12;
/// docs/sensitive-data.md): the characters in the middle become <c>*</c>, the length stays. A value
/// too short to keep both ends with something hidden between them is masked completely. Null stays null.
/// </summary>
public static class Masking
{
    public const char MaskChar = '*';

    /// <summary>A resident id number: the first 6 (the region) and last 4 kept, <c>110105********1234</c>.</summary>
    public static string? NationalId(string? value) => Keep(value, 6, 4);

    /// <summary>A unified social credit code (统一社会信用代码): the first 2 and last 4 kept, <c>91************5D5E</c>.</summary>
    public static string? CreditCode(string? value) => Keep(value, 2, 4);

    /// <summary>A phone number: the first 3 and last 4 kept, <c>138****0001</c>.</summary>
    public static string? Phone(string? value) => Keep(value, 3, 4);

    /// <summary>The borrower's id number by its kind: a national id for a person, a credit code for a company.</summary>
    public static string? IdNumber(BorrowerKind kind, string? value) =>
        kind == BorrowerKind.Corporate ? CreditCode(value) : NationalId(value);

    private static string? Keep(string? value, int first, int last)
    {
        if (value is null) return null;
        var text = value.Trim();
        if (text.Length <= first + last) return new string(MaskChar, text.Length);
        return string.Concat(text.AsSpan(0, first), new string(MaskChar, text.Length - first - last), text.AsSpan(text.Length - last));
    }
}
