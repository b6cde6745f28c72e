using System.Globalization;

namespace PostLoan.Domain.Servicing;

/// <summary>
/// Partition <see cref="Number"/> of <see cref="Count"/> of an end-of-day run. A borrower belongs
/// to partition <c>borrower id mod Count + 1</c>: a stable assignment by borrower, so all of a
/// borrower's loans (and the cross default between them) stay in one partition. The whole book is
/// partition 1 of 1.
/// </summary>
public readonly record struct EodPartition
{
    public EodPartition(int number, int count)
    {
        if (count < 1 || number < 1 || number > count)
            throw new Common.DomainException($"partition {number}/{count} does not exist: give K/N with 1 ≤ K ≤ N");
        Number = number;
        Count = count;
    }

    public static EodPartition Whole { get; } = new(1, 1);

    /// <summary>K, from 1.</summary>
    public int Number { get; }

    /// <summary>N, the number of partitions the book is split into.</summary>
    public int Count { get; }

    public bool IsWhole => Count == 1;

    /// <summary>The borrower id remainder (mod <see cref="Count"/>) this partition takes.</summary>
    public int Remainder => Number - 1;

    public bool Holds(long borrowerId) => borrowerId % Count == Remainder;

    /// <summary>Reads <c>K/N</c>, e.g. <c>2/3</c>.</summary>
    public static bool TryParse(string? text, out EodPartition partition, out string? error)
    {
        partition = Whole;
        error = null;
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            error = $"'{text}' is not a partition: give K/N, e.g. 2/3";
            return false;
        }
        if (n < 1 || k < 1 || k > n)
        {
            error = $"partition {k}/{n} does not exist: give K/N with 1 ≤ K ≤ N";
            return false;
        }
        partition = new EodPartition(k, n);
        return true;
    }

    public override string ToString() => $"{Number}/{Count}";
}
