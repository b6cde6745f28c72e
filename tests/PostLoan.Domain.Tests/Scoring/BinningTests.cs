using PostLoan.Domain.Scoring;
using Shouldly;

namespace PostLoan.Domain.Tests.Scoring;

public sealed class BinningTests
{
    /// <summary>Rows of one value: <paramref name="goods"/> good and <paramref name="bads"/> bad.</summary>
    private static IEnumerable<(T Value, bool Bad)> Rows<T>(T value, int goods, int bads) =>
        Enumerable.Repeat((value, false), goods).Concat(Enumerable.Repeat((value, true), bads));

    private static (CategoricalColumn Column, bool[] Bad) Categories(params (string? Value, int Goods, int Bads)[] groups)
    {
        var rows = groups.SelectMany(g => Rows(g.Value, g.Goods, g.Bads)).ToArray();
        return (new CategoricalColumn("c", [.. rows.Select(r => r.Value)]), [.. rows.Select(r => r.Bad)]);
    }

    private static (NumericColumn Column, bool[] Bad) Numbers(params (double? Value, int Goods, int Bads)[] groups)
    {
        var rows = groups.SelectMany(g => Rows(g.Value, g.Goods, g.Bads)).ToArray();
        return (new NumericColumn("x", [.. rows.Select(r => r.Value)]), [.. rows.Select(r => r.Bad)]);
    }

    [Fact]
    public void Woe_and_iv_of_two_categories_match_the_hand_computed_values()
    {
        // 40 goods and 20 bads. A: 10 good, 10 bad; B: 30 good, 10 bad.
        var (column, bad) = Categories(("A", 10, 10), ("B", 30, 10));
        var bins = Binning.Of(column, bad, new BinningOptions(Smoothing: 0));

        bins.Bins.Select(b => b.Label).ShouldBe(["B", "A"]); // ordered by bad rate
        bins.Bins[0].Woe.ShouldBe(Math.Log(30.0 / 40 / (10.0 / 20)), 1e-12); // ln 1.5
        bins.Bins[1].Woe.ShouldBe(Math.Log(10.0 / 40 / (10.0 / 20)), 1e-12); // ln 0.5
        // IV = (0.75 − 0.5)·ln 1.5 + (0.25 − 0.5)·ln 0.5 = 0.25·ln 3
        bins.Iv.ShouldBe(0.25 * Math.Log(3), 1e-12);
    }

    [Fact]
    public void Smoothing_adds_half_a_row_to_each_count_so_a_bin_without_bads_has_a_finite_woe()
    {
        var (column, bad) = Categories(("A", 20, 0), ("B", 20, 10));
        var bins = Binning.Of(column, bad, new BinningOptions(MinBinShare: 0.01));
        // A has no bad, so it is merged into its only neighbour: one bin, nothing to tell apart.
        bins.Bins.Count.ShouldBe(1);
        bins.Iv.ShouldBe(0, 1e-12);

        var (missing, bad2) = Categories(("A", 20, 5), (null, 3, 0));
        var withMissing = Binning.Of(missing, bad2);
        var m = withMissing.Bins.Single(b => b.Kind == BinKind.Missing);
        // The missing bin keeps its own WoE however small: ln(((3 + 0.5) / (23 + 1)) / ((0 + 0.5) / (5 + 1))).
        m.Woe.ShouldBe(Math.Log(3.5 / 24 / (0.5 / 6)), 1e-12);
        double.IsFinite(m.Woe).ShouldBeTrue();
    }

    [Fact]
    public void Numeric_bins_are_merged_until_the_bad_rate_rises_steadily()
    {
        // Values 1..6, ten rows each, with 1, 3, 2, 5, 6, 8 bads: 2 and 3 break the order and are pooled.
        var (column, bad) = Numbers((1, 9, 1), (2, 7, 3), (3, 8, 2), (4, 5, 5), (5, 4, 6), (6, 2, 8));
        var bins = Binning.Of(column, bad);

        bins.Bins.Select(b => b.Label).ShouldBe(["≤ 1", "(1, 3]", "(3, 4]", "(4, 5]", "> 5"]);
        bins.Bins.Select(b => b.Bad).ShouldBe([1, 5, 5, 6, 8]);
        bins.Bins.Select(b => b.BadRate).ShouldBeInOrder(SortDirection.Ascending);
        bins.BinOf(2.5).ShouldBe(1);
        bins.BinOf(3).ShouldBe(1); // upper bound inclusive
        bins.BinOf(3.0001).ShouldBe(2);
        bins.BinOf(-100).ShouldBe(0);
        bins.BinOf(1e9).ShouldBe(4);
    }

    [Fact]
    public void A_falling_bad_rate_gives_falling_bins_and_without_monotony_the_turn_is_kept()
    {
        var (column, bad) = Numbers((1, 2, 8), (2, 4, 6), (3, 6, 4), (4, 8, 2));
        Binning.Of(column, bad).Bins.Select(b => b.BadRate).ShouldBe([0.8, 0.6, 0.4, 0.2]);

        // A U shape: a monotone binning flattens it, an unconstrained one keeps it.
        var (u, ubad) = Numbers((1, 2, 8), (2, 8, 2), (3, 8, 2), (4, 2, 8));
        Binning.Of(u, ubad).Bins.Count.ShouldBeLessThan(4);
        Binning.Of(u, ubad, new BinningOptions(Monotone: false)).Bins.Select(b => b.Bad).ShouldBe([8, 4, 8]);
    }

    [Fact]
    public void Missing_values_get_a_bin_of_their_own_and_a_value_no_bin_takes_is_neutral()
    {
        var (column, bad) = Numbers((1, 10, 2), (2, 10, 8), (null, 3, 7));
        var bins = Binning.Of(column, bad);
        var missing = bins.BinOf((double?)null);
        bins.Bins[missing].Kind.ShouldBe(BinKind.Missing);
        bins.Bins[missing].Total.ShouldBe(10);

        var (complete, bad2) = Numbers((1, 10, 2), (2, 10, 8));
        var noMissing = Binning.Of(complete, bad2);
        noMissing.Bins.ShouldNotContain(b => b.Kind == BinKind.Missing);
        noMissing.BinOf((double?)null).ShouldBe(-1);
        noMissing.WoeOf(-1).ShouldBe(0);
    }

    [Fact]
    public void Rare_categories_are_pooled_and_the_pool_takes_categories_never_seen()
    {
        // 5 % of 103 rows is 6: C (3 rows) and D (2 rows) are pooled; the pool (5 rows) is still too small and joins
        // the category whose bad rate is closest.
        var (column, bad) = Categories(("A", 45, 5), ("B", 30, 18), ("C", 1, 2), ("D", 2, 0));
        var bins = Binning.Of(column, bad);
        var pool = bins.Bins.Single(b => b.TakesOtherCategories);
        pool.Categories.ShouldBe(["B", "C", "D"]);
        pool.Label.ShouldBe("B, C, D and any other");
        bins.BinOf("Z").ShouldBe(bins.Bins.ToList().IndexOf(pool));
        bins.BinOf("A").ShouldNotBe(bins.BinOf("Z"));

        // With no rare category there is no pool: an unseen category is neutral.
        var (plain, bad2) = Categories(("A", 45, 5), ("B", 30, 18));
        Binning.Of(plain, bad2).BinOf("Z").ShouldBe(-1);
    }

    [Fact]
    public void No_more_bins_than_the_maximum_remain_and_the_closest_bad_rates_merge_first()
    {
        var (column, bad) = Categories(("A", 90, 10), ("B", 89, 11), ("C", 60, 40), ("D", 20, 80));
        var bins = Binning.Of(column, bad, new BinningOptions(MaxBins: 3));
        bins.Bins.Select(b => b.Label).ShouldBe(["A, B", "C", "D"]);
    }
}
