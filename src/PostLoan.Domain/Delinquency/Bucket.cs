namespace PostLoan.Domain.Delinquency;

/// <summary>Delinquency buckets by days past due (SPEC §4).</summary>
public enum Bucket
{
    /// <summary>Current: DPD 0.</summary>
    C,
    /// <summary>DPD 1–30.</summary>
    M1,
    /// <summary>DPD 31–60.</summary>
    M2,
    /// <summary>DPD 61–90.</summary>
    M3,
    /// <summary>DPD 91–120.</summary>
    M4,
    /// <summary>DPD 121–150.</summary>
    M5,
    /// <summary>DPD 151–180.</summary>
    M6,
    /// <summary>DPD above 180.</summary>
    M7Plus,
}

public static class Buckets
{
    /// <summary>The bucket of a DPD figure: 0 → C, 1–30 → M1, … , 151–180 → M6, above 180 → M7+.</summary>
    public static Bucket FromDpd(int dpd) => dpd switch
    {
        <= 0 => Bucket.C,
        > 180 => Bucket.M7Plus,
        _ => (Bucket)((dpd - 1) / 30 + 1),
    };

    /// <summary>The label used in reports and files: C, M1 … M6, M7+.</summary>
    public static string Label(this Bucket bucket) => bucket == Bucket.M7Plus ? "M7+" : bucket.ToString();

    public static bool TryParse(string text, out Bucket bucket)
    {
        foreach (var b in Enum.GetValues<Bucket>())
        {
            if (string.Equals(b.Label(), text, StringComparison.OrdinalIgnoreCase) || string.Equals(b.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                bucket = b;
                return true;
            }
        }
        bucket = default;
        return false;
    }
}
