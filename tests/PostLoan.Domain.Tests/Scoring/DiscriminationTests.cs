using PostLoan.Domain.Scoring;
using Shouldly;

namespace PostLoan.Domain.Tests.Scoring;

public sealed class DiscriminationTests
{
    [Fact]
    public void Auc_and_ks_match_the_hand_computed_values()
    {
        // Pairs (bad, good): 0.35 > 0.1, 0.35 < 0.4, 0.8 > 0.1, 0.8 > 0.4 → 3 of 4.
        var d = Discrimination.Of([0.1, 0.4, 0.35, 0.8], [false, false, true, true]);
        d.Auc.ShouldBe(0.75, 1e-12);
        d.Gini.ShouldBe(0.5, 1e-12);
        // Cumulative shares from the lowest risk: after 0.1 goods 1/2, bads 0 → 0.5; after 0.35: 1/2, 1/2; after 0.4: 1, 1/2 → 0.5.
        d.Ks.ShouldBe(0.5, 1e-12);
    }

    [Fact]
    public void A_tie_between_a_bad_and_a_good_counts_half()
    {
        // Pairs: (1 vs 1) ½, (1 vs 2) 0, (3 vs 1) 1, (3 vs 2) 1 → 2.5 of 4.
        var d = Discrimination.Of([1, 1, 2, 3], [false, true, false, true]);
        d.Auc.ShouldBe(0.625, 1e-12);
        d.Ks.ShouldBe(0.5, 1e-12);
    }

    [Fact]
    public void A_perfect_ranking_scores_one_and_its_reverse_zero()
    {
        bool[] bad = [false, false, true, true];
        var perfect = Discrimination.Of([1, 2, 3, 4], bad);
        (perfect.Auc, perfect.Ks, perfect.Gini).ShouldBe((1.0, 1.0, 1.0));
        var reversed = Discrimination.Of([4, 3, 2, 1], bad);
        (reversed.Auc, reversed.Ks, reversed.Gini).ShouldBe((0.0, 1.0, -1.0));
        Discrimination.Of([5, 5, 5, 5], bad).Auc.ShouldBe(0.5);
    }

    [Fact]
    public void One_class_only_is_refused()
    {
        Should.Throw<ArgumentException>(() => Discrimination.Of([1, 2], [true, true])).Message.ShouldContain("both bads and goods");
    }

    [Fact]
    public void Stratified_folds_share_the_bads_evenly_and_a_seed_repeats_them()
    {
        var bad = Enumerable.Range(0, 100).Select(i => i % 10 < 3).ToArray(); // 30 bads
        var folds = Folds.Stratified(bad, 5, seed: 7);
        for (var f = 0; f < 5; f++)
        {
            Enumerable.Range(0, 100).Count(i => folds[i] == f).ShouldBe(20);
            Enumerable.Range(0, 100).Count(i => folds[i] == f && bad[i]).ShouldBe(6);
        }
        Folds.Stratified(bad, 5, seed: 7).ShouldBe(folds);
        Folds.Stratified(bad, 5, seed: 8).ShouldNotBe(folds);
        Should.Throw<ArgumentOutOfRangeException>(() => Folds.Stratified(bad, 1, 7));
    }
}
