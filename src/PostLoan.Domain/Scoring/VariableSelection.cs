using static System.FormattableString;

namespace PostLoan.Domain.Scoring;

/// <summary>Whether a variable goes into the scorecard, and why.</summary>
public sealed record VariableChoice(string Name, double Iv, bool Selected, string Reason);

/// <summary>
/// Variable selection for a scorecard: a variable carries too little information below <c>minIv</c>; among variables
/// whose WoE values correlate beyond <c>maxCorrelation</c> (absolute Pearson), only the one with the higher IV stays.
/// </summary>
public static class VariableSelection
{
    public static IReadOnlyList<VariableChoice> Choose(IReadOnlyList<VariableBins> variables, IReadOnlyDictionary<string, double[]> woe,
        double minIv = 0.02, double maxCorrelation = 0.7)
    {
        var choices = new List<VariableChoice>();
        var kept = new List<VariableBins>();
        foreach (var v in variables.OrderByDescending(v => v.Iv).ThenBy(v => v.Name, StringComparer.Ordinal))
        {
            if (v.Iv < minIv)
            {
                choices.Add(new VariableChoice(v.Name, v.Iv, false, Invariant($"IV {v.Iv:0.000} below {minIv:0.###}")));
                continue;
            }
            var rival = kept.Select(k => (k.Name, R: Correlation(woe[k.Name], woe[v.Name]))).Where(c => Math.Abs(c.R) > maxCorrelation)
                .OrderByDescending(c => Math.Abs(c.R)).FirstOrDefault();
            if (rival.Name is not null)
            {
                choices.Add(new VariableChoice(v.Name, v.Iv, false, Invariant($"correlates with {rival.Name} (r = {rival.R:0.00}), which has the higher IV")));
                continue;
            }
            kept.Add(v);
            choices.Add(new VariableChoice(v.Name, v.Iv, true, Invariant($"IV {v.Iv:0.000}")));
        }
        return choices;
    }

    /// <summary>Pearson's correlation; 0 when either side does not vary.</summary>
    public static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
