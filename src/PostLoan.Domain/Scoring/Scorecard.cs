namespace PostLoan.Domain.Scoring;

/// <summary>
/// How log-odds turn into points (SPEC §6): <see cref="BaseScore"/> points at good:bad odds of <see cref="BaseOdds"/>:1,
/// and <see cref="Pdo"/> more points each time the odds double.
/// </summary>
public sealed record ScoreScaling(double BaseScore = 600, double Pdo = 20, double BaseOdds = 50)
{
    /// <summary>Points per unit of log-odds: PDO / ln 2.</summary>
    public double Factor => Pdo / Math.Log(2);

    /// <summary>The score at even odds (1:1).</summary>
    public double Offset => BaseScore - Factor * Math.Log(BaseOdds);

    /// <summary>The probability of bad a score stands for: 1 / (1 + good:bad odds), the odds being e^((score − offset) / factor).</summary>
    public double PdOf(double score) => 1 / (1 + Math.Exp((score - Offset) / Factor));

    public void Validate()
    {
        if (!(Pdo > 0)) throw new ArgumentException($"PDO must be positive, not {Pdo}");
        if (!(BaseOdds > 0)) throw new ArgumentException($"the base odds must be positive, not {BaseOdds}");
    }
}

/// <summary>A variable of a scorecard: its bins, the regression's coefficient on its WoE, and the whole points of each bin.</summary>
/// <param name="Points">The points of each bin, in the order of <see cref="VariableBins.Bins"/>.</param>
/// <param name="NeutralPoints">The points of a value no bin takes (WoE 0).</param>
public sealed record ScorecardVariable(VariableBins Binning, double Coefficient, int[] Points, int NeutralPoints)
{
    public string Name => Binning.Name;

    public int PointsOf(int bin) => bin < 0 ? NeutralPoints : Points[bin];
}

/// <summary>
/// A points scorecard: a logistic regression of bad on the WoE of each variable, turned into whole points per bin
/// (docs/scoring.md). A row's score is the sum of its bins' points; its PD is what the scaling makes of that score, so
/// the points table alone explains every score.
/// </summary>
public sealed record Scorecard(ScoreScaling Scaling, double Intercept, IReadOnlyList<ScorecardVariable> Variables)
{
    /// <summary>
    /// Builds the points from the regression log-odds(bad) = <paramref name="intercept"/> + Σ βᵢ·WoEᵢ. The score is
    /// offset + factor · log-odds(good); the intercept and offset are shared evenly among the variables, so a bin's points
    /// are round(−factor·βᵢ·WoE + (offset − factor·intercept) / n).
    /// </summary>
    public static Scorecard Build(ScoreScaling scaling, double intercept, IReadOnlyList<(VariableBins Binning, double Coefficient)> variables)
    {
        scaling.Validate();
        if (variables.Count == 0) throw new ArgumentException("a scorecard needs at least one variable", nameof(variables));
        var share = (scaling.Offset - scaling.Factor * intercept) / variables.Count;
        int Points(double coefficient, double woe) => (int)Math.Round(-scaling.Factor * coefficient * woe + share, MidpointRounding.AwayFromZero);
        return new Scorecard(scaling, intercept, [.. variables.Select(v =>
            new ScorecardVariable(v.Binning, v.Coefficient, [.. v.Binning.Bins.Select(b => Points(v.Coefficient, b.Woe))], Points(v.Coefficient, 0)))]);
    }

    /// <summary>The lowest and highest score the points table allows.</summary>
    public (int Min, int Max) ScoreRange() => (Variables.Sum(v => v.Points.Append(v.NeutralPoints).Min()), Variables.Sum(v => v.Points.Append(v.NeutralPoints).Max()));

    /// <summary>The score of each row of <paramref name="data"/>, which must hold every variable's column, by name.</summary>
    public int[] Score(TrainingData data)
    {
        var columns = Variables.Select(v => data.Columns.FirstOrDefault(c => c.Name == v.Name)
            ?? throw new ArgumentException($"the data has no column {v.Name}, which the scorecard reads", nameof(data))).ToArray();
        var scores = new int[data.Rows];
        for (var row = 0; row < data.Rows; row++)
            for (var k = 0; k < Variables.Count; k++)
                scores[row] += Variables[k].PointsOf(Variables[k].Binning.BinOf(columns[k], row));
        return scores;
    }

    public double PdOf(int score) => Scaling.PdOf(score);
}
