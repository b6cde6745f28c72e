namespace PostLoan.Domain.Scoring;

/// <summary>IFRS 9 expected credit loss from the behaviour model's PD (SPEC §5): ECL = PD × LGD × EAD.</summary>
public static class ExpectedLoss
{
    /// <summary>
    /// The PD over the horizon of <paramref name="stage"/>: the model's 12-month PD in stage 1; in stage 2 the lifetime
    /// PD over the months left, 1 − (1 − PD₁₂)^(months / 12) with at least a year; 1 in stage 3 (in default).
    /// </summary>
    public static double HorizonPd(int stage, double pd12, int monthsLeft) => stage switch
    {
        1 => pd12,
        2 => 1 - Math.Pow(1 - pd12, Math.Max(12, monthsLeft) / 12.0),
        _ => 1,
    };

    /// <summary>The loss allowance, rounded to the cent: horizon PD × LGD × EAD (the outstanding principal).</summary>
    public static decimal Of(int stage, double pd12, int monthsLeft, decimal lgd, decimal exposure) =>
        Common.Money.Round((decimal)HorizonPd(stage, pd12, monthsLeft) * lgd * exposure);
}
