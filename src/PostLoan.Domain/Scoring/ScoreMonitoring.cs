namespace PostLoan.Domain.Scoring;

/// <summary>One band of a population stability comparison: its score range, its counts and share in each population, and its part of the PSI.</summary>
public sealed record PsiBand(double? Lower, double? Upper, int Expected, int Actual, double ExpectedShare, double ActualShare, double Contribution);

/// <summary>The population stability index of a score distribution against a reference one, with its bands.</summary>
public sealed record PsiResult(double Psi, IReadOnlyList<PsiBand> Bands)
{
    /// <summary>SPEC §6: a PSI above 0.25 says the population has shifted enough to question the model.</summary>
    public const double AlertAbove = 0.25;

    public bool Alert => Psi > AlertAbove;
}

/// <summary>One band of predicted PD with the PD the model gave and the bad rate that followed.</summary>
public sealed record CalibrationBand(double PdFrom, double PdTo, int Loans, double MeanPd, int Bad)
{
    public double BadRate => Loans == 0 ? 0 : (double)Bad / Loans;
}

/// <summary>How a score model is watched once it scores the book (SPEC §6): stability month over month, and calibration against outcomes.</summary>
public static class ScoreMonitoring
{
    /// <summary>Added to an empty band's share so that its log stays finite.</summary>
    public const double EmptyShare = 0.0001;

    /// <summary>
    /// PSI = Σ (actual share − expected share) · ln(actual share / expected share) over score bands cut at the
    /// reference population's deciles (fewer when scores repeat): (−∞, e₁], (e₁, e₂], …, (eₖ, ∞).
    /// </summary>
    public static PsiResult Psi(IReadOnlyList<double> reference, IReadOnlyList<double> current, int bands = 10)
    {
        if (reference.Count == 0 || current.Count == 0) throw new ArgumentException("PSI needs scores in both populations");
        var sorted = reference.Order().ToArray();
        var edges = new List<double>();
        for (var q = 1; q < bands; q++)
        {
            var edge = sorted[Math.Max(0, (int)Math.Ceiling((double)q * sorted.Length / bands) - 1)];
            if (edge < sorted[^1] && (edges.Count == 0 || edge > edges[^1])) edges.Add(edge);
        }
        int Band(double v)
        {
            var b = 0;
            while (b < edges.Count && v > edges[b]) b++;
            return b;
        }
        var expected = new int[edges.Count + 1];
        var actual = new int[edges.Count + 1];
        foreach (var v in reference) expected[Band(v)]++;
        foreach (var v in current) actual[Band(v)]++;
        var result = new List<PsiBand>();
        for (var b = 0; b <= edges.Count; b++)
        {
            var e = Math.Max((double)expected[b] / reference.Count, EmptyShare);
            var a = Math.Max((double)actual[b] / current.Count, EmptyShare);
            result.Add(new PsiBand(b == 0 ? null : edges[b - 1], b == edges.Count ? null : edges[b], expected[b], actual[b], e, a, (a - e) * Math.Log(a / e)));
        }
        return new PsiResult(result.Sum(b => b.Contribution), result);
    }

    /// <summary>Equal-count bands of predicted PD (lowest first), each with its mean PD and the bad rate observed.</summary>
    public static IReadOnlyList<CalibrationBand> Calibration(IReadOnlyList<double> pd, IReadOnlyList<bool> bad, int bands = 10)
    {
        if (pd.Count != bad.Count) throw new ArgumentException($"{pd.Count} PDs for {bad.Count} outcomes");
        var order = Enumerable.Range(0, pd.Count).OrderBy(i => pd[i]).ToArray();
        var result = new List<CalibrationBand>();
        for (var b = 0; b < bands; b++)
        {
            var rows = order[(int)((long)b * order.Length / bands)..(int)((long)(b + 1) * order.Length / bands)];
            if (rows.Length == 0) continue;
            result.Add(new CalibrationBand(pd[rows[0]], pd[rows[^1]], rows.Length, rows.Average(i => pd[i]), rows.Count(i => bad[i])));
        }
        return result;
    }
}
