using PostLoan.Domain.Classification;
using PostLoan.Domain.Monitoring;

namespace PostLoan.Domain.Inspections;

/// <summary>
/// The visit plan policy (SPEC §7) with its defaults. Cycles are whole months; 0 means "no such task". Business days
/// are Monday to Friday. docs/inspections.md explains each line; the <c>Inspections:Policy</c> section of appsettings
/// changes them.
/// </summary>
public sealed record VisitPolicy
{
    /// <summary>首次检查 of a corporate or project loan: due this many days after disbursement.</summary>
    public int BusinessFirstInspectionDays { get; init; } = 15;

    /// <summary>首次检查 of a retail loan of at least <see cref="RetailFirstInspectionAmount"/>: due this many days after disbursement.</summary>
    public int RetailFirstInspectionDays { get; init; } = 30;

    /// <summary>A retail loan of this principal or more gets a first inspection.</summary>
    public decimal RetailFirstInspectionAmount { get; init; } = 300_000m;

    /// <summary>Corporate periodic inspection by class.</summary>
    public int CorporateNormalMonths { get; init; } = 3;
    public int CorporateSpecialMentionMonths { get; init; } = 1;
    public int CorporateNonPerformingMonths { get; init; } = 1;

    /// <summary>Project finance: the progress check and the on-site visit, whatever the class.</summary>
    public int ProjectProgressMonths { get; init; } = 1;
    public int ProjectSiteVisitMonths { get; init; } = 3;

    /// <summary>
    /// Retail loans are sampled by risk (SPEC §7 "sampling by risk, otherwise by alert"): the share of each class's loans
    /// that get a periodic inspection every <see cref="RetailSampleMonths"/>. A loan is in the sample when a stable hash
    /// of its id falls under its class's share, so the same loans stay in it and a loan that gets worse can only join.
    /// </summary>
    public int RetailSampleMonths { get; init; } = 6;
    public double RetailSampleNormal { get; init; } = 0.02;
    public double RetailSampleSpecialMention { get; init; } = 0.25;
    public double RetailSampleNonPerforming { get; init; } = 0.5;

    /// <summary>Collateral revaluation by type, counted from the last valuation.</summary>
    public int RealEstateRevaluationMonths { get; init; } = 12;
    public int VehicleRevaluationMonths { get; init; } = 6;
    public int EquityRevaluationMonths { get; init; } = 1;
    public int EquipmentRevaluationMonths { get; init; } = 12;
    public int ReceivablesRevaluationMonths { get; init; } = 6;
    public int DepositRevaluationMonths { get; init; } = 0;

    /// <summary>A revaluation task opens this many days before it is due.</summary>
    public int RevaluationLeadDays { get; init; } = 30;

    /// <summary>专项检查 within this many business days of a red alert.</summary>
    public int RedAlertBusinessDays { get; init; } = 5;

    /// <summary>A task an orange or yellow alert's rule asks for is due within these business days.</summary>
    public int OrangeAlertBusinessDays { get; init; } = 10;
    public int YellowAlertBusinessDays { get; init; } = 20;

    /// <summary>When a class change brings a periodic inspection forward, it is due no sooner than this many business days later.</summary>
    public int ClassChangeNoticeBusinessDays { get; init; } = 5;

    public static VisitPolicy Default { get; } = new();

    /// <summary>The corporate periodic cycle for a class.</summary>
    public int CorporateMonths(RiskClass riskClass) => riskClass switch
    {
        RiskClass.Normal => CorporateNormalMonths,
        RiskClass.SpecialMention => CorporateSpecialMentionMonths,
        _ => CorporateNonPerformingMonths,
    };

    public double RetailSampleShare(RiskClass riskClass) => riskClass switch
    {
        RiskClass.Normal => RetailSampleNormal,
        RiskClass.SpecialMention => RetailSampleSpecialMention,
        _ => RetailSampleNonPerforming,
    };

    public int RevaluationMonths(CollateralType type) => type switch
    {
        CollateralType.RealEstate => RealEstateRevaluationMonths,
        CollateralType.Vehicle => VehicleRevaluationMonths,
        CollateralType.Equity => EquityRevaluationMonths,
        CollateralType.Equipment => EquipmentRevaluationMonths,
        CollateralType.Receivables => ReceivablesRevaluationMonths,
        _ => DepositRevaluationMonths,
    };

    /// <summary>The problem with these settings, or null when they can be used.</summary>
    public string? Problem()
    {
        (string Name, int Value)[] counts =
        [
            (nameof(BusinessFirstInspectionDays), BusinessFirstInspectionDays), (nameof(RetailFirstInspectionDays), RetailFirstInspectionDays),
            (nameof(CorporateNormalMonths), CorporateNormalMonths), (nameof(CorporateSpecialMentionMonths), CorporateSpecialMentionMonths),
            (nameof(CorporateNonPerformingMonths), CorporateNonPerformingMonths), (nameof(ProjectProgressMonths), ProjectProgressMonths),
            (nameof(ProjectSiteVisitMonths), ProjectSiteVisitMonths), (nameof(RetailSampleMonths), RetailSampleMonths),
            (nameof(RealEstateRevaluationMonths), RealEstateRevaluationMonths), (nameof(VehicleRevaluationMonths), VehicleRevaluationMonths),
            (nameof(EquityRevaluationMonths), EquityRevaluationMonths), (nameof(EquipmentRevaluationMonths), EquipmentRevaluationMonths),
            (nameof(ReceivablesRevaluationMonths), ReceivablesRevaluationMonths), (nameof(DepositRevaluationMonths), DepositRevaluationMonths),
            (nameof(RevaluationLeadDays), RevaluationLeadDays), (nameof(RedAlertBusinessDays), RedAlertBusinessDays),
            (nameof(OrangeAlertBusinessDays), OrangeAlertBusinessDays), (nameof(YellowAlertBusinessDays), YellowAlertBusinessDays),
            (nameof(ClassChangeNoticeBusinessDays), ClassChangeNoticeBusinessDays),
        ];
        foreach (var (name, value) in counts)
            if (value is < 0 or > 120) return $"Inspections:Policy:{name} is {value}; it must be between 0 and 120";
        foreach (var (name, share) in new[] { (nameof(RetailSampleNormal), RetailSampleNormal), (nameof(RetailSampleSpecialMention), RetailSampleSpecialMention), (nameof(RetailSampleNonPerforming), RetailSampleNonPerforming) })
            if (share is < 0 or > 1 || double.IsNaN(share)) return $"Inspections:Policy:{name} is {share}; a share is between 0 and 1";
        return RetailFirstInspectionAmount < 0 ? "Inspections:Policy:RetailFirstInspectionAmount cannot be negative" : null;
    }
}
