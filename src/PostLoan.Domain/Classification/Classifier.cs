namespace PostLoan.Domain.Classification;

/// <summary>What a loan's own class is decided from on one business date.</summary>
/// <param name="Dpd">Days past due on that date.</param>
/// <param name="InRestructureObservation">True while a restructured loan's observation period runs.</param>
/// <param name="ClassBeforeRestructure">The class the loan had before it was restructured, when known.</param>
/// <param name="BureauOverdueShare">Share (0–1) of the borrower's debt at all lenders 90+ days overdue, when a bureau report applies on that date.</param>
/// <param name="OpenRedAlert">A red early-warning alert on the loan is open (not resolved or dismissed) on that date.</param>
public readonly record struct ClassificationFacts(
    int Dpd,
    bool WrittenOff,
    bool InRestructureObservation,
    RiskClass? ClassBeforeRestructure,
    decimal? BureauOverdueShare,
    bool OpenRedAlert = false);

/// <summary>
/// The rules of SPEC §5 as pure functions. Every result names its rule; the worst rule wins and
/// on equal classes the first rule listed here gives the reason.
/// </summary>
public static class Classifier
{
    /// <summary>The class a loan earns by itself (before borrower-level cross default).</summary>
    public static ClassResult Classify(in ClassificationFacts f, ClassificationPolicy p)
    {
        if (f.WrittenOff) return new(RiskClass.Loss, "written_off", "written off");
        // No early return on DPD: a restructured loan's former class can be worse than its DPD class (SPEC §5), and the worst rule wins.
        ClassResult result = f.Dpd > p.LossDpd ? new(RiskClass.Loss, "dpd_over_360", $"DPD {f.Dpd} > {p.LossDpd}")
            : f.Dpd > p.DoubtfulDpd ? new(RiskClass.Doubtful, "dpd_over_270", $"DPD {f.Dpd} > {p.DoubtfulDpd}")
            : f.Dpd > p.SubstandardDpd ? new(RiskClass.Substandard, "dpd_over_90", $"DPD {f.Dpd} > {p.SubstandardDpd}")
            : ClassResult.Performing;
        if (f.BureauOverdueShare is { } share && share > p.BureauOverdueShare)
            result = result.AtLeast(new(RiskClass.Substandard, "bureau_overdue_share",
                $"credit bureau: {share:P1} of debts at all lenders 90+ days overdue (> {p.BureauOverdueShare:P0})"));
        if (f.InRestructureObservation)
        {
            var before = f.ClassBeforeRestructure ?? RiskClass.SpecialMention;
            result = before.IsNonPerforming()
                ? result.AtLeast(new(before, "restructured_npl", $"restructured from {before.Code()}, observation period running"))
                : result.AtLeast(new(RiskClass.SpecialMention, "restructured", "restructured, observation period running"));
        }
        if (f.Dpd > p.SpecialMentionDpd)
            result = result.AtLeast(new(RiskClass.SpecialMention, "overdue", $"DPD {f.Dpd} ≥ 1"));
        if (f.OpenRedAlert)
            result = result.AtLeast(new(RiskClass.SpecialMention, "red_alert_open", "a red early-warning alert is open"));
        return result;
    }

    /// <summary>
    /// Cross default: when more than the policy share of a non-retail borrower's balance is
    /// non-performing, every loan of that borrower is at least substandard. Null when the rule does not fire.
    /// </summary>
    public static ClassResult? CrossDefaultFloor(decimal nonPerformingBalance, decimal totalBalance, ClassificationPolicy p)
    {
        if (totalBalance <= 0m) return null;
        var share = nonPerformingBalance / totalBalance;
        return share > p.CrossDefaultShare
            ? new ClassResult(RiskClass.Substandard, "cross_default", $"cross default: {share:P1} of the borrower's balance is non-performing (> {p.CrossDefaultShare:P0})")
            : null;
    }

    /// <summary>IFRS 9 stage (SPEC §5) with the reason.</summary>
    public static (Ifrs9Stage Stage, string Reason) Stage(int dpd, RiskClass riskClass, bool onWatchList, bool pdDoubled, ClassificationPolicy p)
    {
        if (dpd > p.Stage3Dpd) return (Ifrs9Stage.Stage3, $"DPD {dpd} > {p.Stage3Dpd}");
        if (riskClass.IsNonPerforming()) return (Ifrs9Stage.Stage3, $"non-performing ({riskClass.Code()})");
        if (dpd > p.Stage2Dpd) return (Ifrs9Stage.Stage2, $"DPD {dpd} > {p.Stage2Dpd}");
        if (riskClass == RiskClass.SpecialMention) return (Ifrs9Stage.Stage2, "special mention");
        if (onWatchList) return (Ifrs9Stage.Stage2, "on the watch list");
        if (pdDoubled) return (Ifrs9Stage.Stage2, "PD at least doubled since origination");
        return (Ifrs9Stage.Stage1, "performing");
    }

    /// <summary>Regulatory provision by class: outstanding principal × the class's rate, rounded.</summary>
    public static decimal Provision(decimal outstandingPrincipal, RiskClass riskClass, ClassificationPolicy p) =>
        Common.Money.Round(outstandingPrincipal * p.ProvisionRate(riskClass));
}
