namespace PostLoan.Domain.Scoring;

/// <summary>How well a score separates bads from goods: AUC, KS and Gini (docs/scoring.md).</summary>
public sealed record Discrimination(double Auc, double Ks, double Gini)
{
    /// <summary>
    /// The figures of <paramref name="risk"/> (higher means more likely bad: a PD, or a score negated) against the
    /// outcomes. AUC is the chance that a random bad ranks above a random good, a tie counting half; KS the largest gap
    /// between the cumulative shares of bads and goods over the thresholds; Gini = 2·AUC − 1.
    /// </summary>
    public static Discrimination Of(IReadOnlyList<double> risk, IReadOnlyList<bool> bad)
    {
        if (risk.Count != bad.Count) throw new ArgumentException($"{risk.Count} scores for {bad.Count} outcomes", nameof(risk));
        var bads = bad.Count(b => b);
        var goods = bad.Count - bads;
        if (bads == 0 || goods == 0) throw new ArgumentException("AUC and KS need both bads and goods", nameof(bad));
        var order = Enumerable.Range(0, risk.Count).OrderBy(i => risk[i]).ToArray();
        double badRankSum = 0;
        double ks = 0;
        int seenBad = 0, seenGood = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && risk[order[end]] == risk[order[start]]) end++;
            // Tied rows share the mean of the ranks start+1 .. end.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                if (bad[order[k]])
                {
                    badRankSum += rank;
                    seenBad++;
                }
                else seenGood++;
            }
            ks = Math.Max(ks, Math.Abs((double)seenGood / goods - (double)seenBad / bads));
            start = end;
        }
        var auc = (badRankSum - bads * (bads + 1) / 2.0) / ((double)bads * goods);
        return new Discrimination(auc, ks, 2 * auc - 1);
    }

    /// <summary>The mean of each figure over the folds of a cross-validation.</summary>
    public static Discrimination Mean(IReadOnlyCollection<Discrimination> folds) =>
        new(folds.Average(f => f.Auc), folds.Average(f => f.Ks), folds.Average(f => f.Gini));
}

/// <summary>Stratified k-fold: each fold holds about the same share of bads as the whole, drawn with a seeded shuffle.</summary>
public static class Folds
{
    /// <summary>The fold (0 .. <paramref name="folds"/> − 1) of each row; the same seed gives the same folds.</summary>
    public static int[] Stratified(IReadOnlyList<bool> bad, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "cross-validation needs at least 2 folds");
        var random = new Random(seed);
        var result = new int[bad.Count];
        var next = 0;
        foreach (var cls in new[] { true, false })
        {
            var rows = Enumerable.Range(0, bad.Count).Where(i => bad[i] == cls).ToArray();
            random.Shuffle(rows);
            foreach (var row in rows) result[row] = next++ % folds;
        }
        return result;
    }
}
