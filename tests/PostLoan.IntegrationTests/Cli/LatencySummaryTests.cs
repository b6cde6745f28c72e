using PostLoan.Application.Benchmarks;
using Shouldly;

namespace PostLoan.IntegrationTests.Cli;

/// <summary>The percentiles <c>postloan bench api</c> prints: nearest rank on the sorted samples, never interpolated.</summary>
public sealed class LatencySummaryTests
{
    [Fact]
    public void Nearest_rank_takes_the_sample_at_rank_ceiling_of_p_times_n()
    {
        double[] sorted = [15, 20, 35, 40, 50];
        LatencySummary.Percentile(sorted, 0).ShouldBe(15);
        LatencySummary.Percentile(sorted, 5).ShouldBe(15);   // rank ⌈0.25⌉ = 1
        LatencySummary.Percentile(sorted, 30).ShouldBe(20);  // rank ⌈1.5⌉ = 2
        LatencySummary.Percentile(sorted, 40).ShouldBe(20);  // rank 2 exactly
        LatencySummary.Percentile(sorted, 50).ShouldBe(35);  // rank ⌈2.5⌉ = 3
        LatencySummary.Percentile(sorted, 100).ShouldBe(50);
    }

    [Fact]
    public void An_exact_rank_is_not_pushed_up_by_floating_point()
    {
        var sorted = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
        LatencySummary.Percentile(sorted, 95).ShouldBe(19); // 0.95 × 20 is rank 19, not 19.000000000000004 → 20
        LatencySummary.Percentile(sorted, 50).ShouldBe(10);
        var hundred = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        LatencySummary.Percentile(hundred, 99).ShouldBe(99);
        LatencySummary.Percentile(hundred, 95).ShouldBe(95);
    }

    [Fact]
    public void Summary_sorts_the_samples_and_leaves_them_as_they_were()
    {
        double[] samples = [9, 1, 7, 3, 5, 2, 8, 4, 10, 6];
        var s = LatencySummary.Of(samples);
        s.ShouldBe(new LatencySummary(10, 5, 10, 10, 10));
        samples[0].ShouldBe(9);
    }

    [Fact]
    public void One_sample_is_every_percentile_and_none_gives_zeros()
    {
        LatencySummary.Of([4.2]).ShouldBe(new LatencySummary(1, 4.2, 4.2, 4.2, 4.2));
        LatencySummary.Of([]).ShouldBe(LatencySummary.Empty);
        Should.Throw<ArgumentOutOfRangeException>(() => LatencySummary.Percentile([], 50));
        Should.Throw<ArgumentOutOfRangeException>(() => LatencySummary.Percentile([1.0], 101));
    }
}
