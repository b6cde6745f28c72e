namespace PostLoan.Application.Benchmarks;

/// <summary>
/// Latencies of one kind of request, in milliseconds: how many were measured, the 50th, 95th and
/// 99th percentiles by the nearest-rank method, and the slowest. All zero when nothing was measured.
/// </summary>
public sealed record LatencySummary(int Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0);

    /// <summary>Summarises <paramref name="samplesMs"/> (any order; the list is not changed).</summary>
    public static LatencySummary Of(IEnumerable<double> samplesMs)
    {
        var sorted = samplesMs.ToArray();
        if (sorted.Length == 0) return Empty;
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>
    /// The nearest-rank percentile of samples sorted ascending: the smallest sample with at least
    /// <paramref name="percent"/> % of the samples at or below it, i.e. the one at rank ⌈p/100 · n⌉
    /// (1-based); 0 % gives the smallest. Never interpolates, so the answer is always a measured value.
    /// </summary>
    /// <param name="percent">From 0 to 100 inclusive.</param>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count, nameof(sorted));
        if (percent is < 0 or > 100 || double.IsNaN(percent)) throw new ArgumentOutOfRangeException(nameof(percent), percent, "percent must be from 0 to 100");
        // Decimal arithmetic so that e.g. 95 % of 20 is exactly rank 19, not 19.000000000000004 rounded up to 20.
        var rank = (int)Math.Ceiling((decimal)percent / 100m * sorted.Count);
        return sorted[Math.Max(rank, 1) - 1];
    }
}
