namespace PostLoan.Domain.Classification;

/// <summary>
/// Thresholds of SPEC §5, each configurable, with the 2023 rules' defaults.
/// DPD thresholds are exclusive lower bounds: a loan is substandard when DPD &gt; <see cref="SubstandardDpd"/>.
/// </summary>
public sealed record ClassificationPolicy
{
    public int SpecialMentionDpd { get; init; } = 0;
    public int SubstandardDpd { get; init; } = 90;
    public int DoubtfulDpd { get; init; } = 270;
    public int LossDpd { get; init; } = 360;

    /// <summary>Cross default: a non-retail borrower whose non-performing share of balance exceeds this is at least substandard on every loan.</summary>
    public decimal CrossDefaultShare { get; init; } = 0.10m;

    /// <summary>Bureau rule: share of the borrower's debt at all lenders that is 90+ days overdue above which every loan is at least substandard.</summary>
    public decimal BureauOverdueShare { get; init; } = 0.20m;

    /// <summary>Restructured loans: the observation period lasts at least this many months …</summary>
    public int ObservationMonths { get; init; } = 12;

    /// <summary>… and at least this many consecutive repayment periods.</summary>
    public int ObservationPeriods { get; init; } = 2;

    /// <summary>IFRS 9: stage 2 when DPD exceeds this.</summary>
    public int Stage2Dpd { get; init; } = 30;

    /// <summary>IFRS 9: stage 3 when DPD exceeds this.</summary>
    public int Stage3Dpd { get; init; } = 90;

    /// <summary>IFRS 9: stage 2 when the behaviour model's PD reaches this multiple of the loan's PD at origination.</summary>
    public double Stage2PdMultiple { get; init; } = 2;

    /// <summary>… and has risen by at least this much (a fraction: 0.005 is half a percentage point). SPEC §5's default is 0, doubling alone; a bank
    /// usually adds a floor so that a PD going from 0.1 % to 0.2 % does not move a loan to stage 2.</summary>
    public double Stage2PdMinIncrease { get; init; } = 0;

    /// <summary>Whether a PD counts as doubled against the loan's origination PD.</summary>
    public bool PdDoubled(double pd, double originationPd) => pd >= Stage2PdMultiple * originationPd && pd - originationPd >= Stage2PdMinIncrease;

    /// <summary>IFRS 9 loss given default for ECL = PD × LGD × EAD, as a fraction of the exposure (the Basel foundation value for senior claims).</summary>
    public decimal Lgd { get; init; } = 0.45m;

    /// <summary>Regulatory provision rate by class, as a fraction of the outstanding principal.</summary>
    public decimal ProvisionNormal { get; init; } = 0.01m;
    public decimal ProvisionSpecialMention { get; init; } = 0.02m;
    public decimal ProvisionSubstandard { get; init; } = 0.25m;
    public decimal ProvisionDoubtful { get; init; } = 0.50m;
    public decimal ProvisionLoss { get; init; } = 1.00m;

    public decimal ProvisionRate(RiskClass c) => c switch
    {
        RiskClass.Normal => ProvisionNormal,
        RiskClass.SpecialMention => ProvisionSpecialMention,
        RiskClass.Substandard => ProvisionSubstandard,
        RiskClass.Doubtful => ProvisionDoubtful,
        _ => ProvisionLoss,
    };

    public static readonly ClassificationPolicy Default = new();
}
