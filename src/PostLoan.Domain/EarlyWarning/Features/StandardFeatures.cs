using PostLoan.Domain.EarlyWarning.Rules;

namespace PostLoan.Domain.EarlyWarning.Features;

/// <summary>
/// The features of SPEC §6 that early-warning rules are written against: their names, types, units and
/// definitions. <c>docs/features.md</c> is the same list for users. A loan's feature takes its borrower's value
/// where the feature is the borrower's (statements, bureau, legal events). Ratios are plain fractions
/// (0.70, not 70); amounts are in the loan's currency; "months" are calendar months back from the business date.
/// </summary>
public static class StandardFeatures
{
    private static FeatureInfo Number(string name, string unit, string description) => new(name, FeatureType.Number, unit, description);
    private static FeatureInfo Flag(string name, string description) => new(name, FeatureType.Bool, "true/false", description);
    private static FeatureInfo Text(string name, string description) => new(name, FeatureType.Text, "text", description);

    public static IReadOnlyList<FeatureInfo> All { get; } =
    [
        // The loan and its servicing state
        Text("segment", "The loan's segment: 'retail', 'corporate' or 'project'."),
        Text("product", "The loan's product code as imported."),
        Text("risk_class", "The loan's current class: 'normal', 'special_mention', 'substandard', 'doubtful' or 'loss'."),
        Number("stage", "stage", "IFRS 9 stage: 1, 2 or 3."),
        Number("months_on_book", "months", "Whole months from disbursement to the business date."),
        Number("outstanding_principal", "amount", "Principal not yet repaid at the business date."),
        Number("outstanding_ratio", "ratio", "Outstanding principal over the principal disbursed."),
        Flag("restructured", "The loan is in a restructuring observation period."),
        Flag("on_watch_list", "The borrower is on the watch list."),

        // Delinquency history
        Number("dpd", "days", "Days past due at the business date: days since the oldest installment still unpaid fell due, after grace."),
        Number("max_dpd_3m", "days", "The highest DPD on any day of the last 3 months."),
        Number("max_dpd_6m", "days", "The highest DPD on any day of the last 6 months."),
        Number("max_dpd_12m", "days", "The highest DPD on any day of the last 12 months."),
        Number("times_30_plus_12m", "count", "How many times in the last 12 months the loan went from below 30 DPD to 30 or more."),

        // Payment behaviour
        Number("partial_payments_6m", "count", "Installments that fell due in the last 6 months and were paid in part (something, but less than due) by the end of their due date."),
        Number("days_since_last_payment", "days", "Days from the last repayment to the business date; missing if nothing was ever repaid."),

        // Credit bureau (the borrower's latest snapshot)
        Flag("bureau_overdue_elsewhere", "The latest bureau snapshot shows debt overdue at other lenders."),
        Number("bureau_overdue90_share", "ratio", "Debt more than 90 days overdue at all lenders over total debt, from the latest bureau snapshot."),
        Number("bureau_inquiries_3m", "count", "Hard inquiries by lenders in the 3 months before the latest bureau snapshot."),
        Number("bureau_total_debt", "amount", "Total debt at all lenders in the latest bureau snapshot."),
        Number("bureau_debt_growth_6m", "ratio", "Change of total debt at all lenders over the last 6 months, as a fraction of the older figure."),
        Number("bureau_age_days", "days", "Days since the latest bureau snapshot; missing if there is none."),

        // Financial statements (corporate and project borrowers; the latest statement received)
        Number("debt_to_asset", "ratio", "Total liabilities over total assets."),
        Number("current_ratio", "ratio", "Current assets over current liabilities."),
        Number("quick_ratio", "ratio", "Current assets less inventory, over current liabilities."),
        Number("interest_coverage", "ratio", "Net profit plus interest expense, over interest expense."),
        Number("dscr", "ratio", "Operating cash flow over debt service."),
        Number("revenue_growth", "ratio", "Revenue against the same period a year earlier, as a fraction of the older figure."),
        Number("receivable_growth", "ratio", "Receivables against the same period a year earlier, as a fraction of the older figure."),
        Number("net_profit", "amount", "Net profit of the latest statement's period."),
        Flag("operating_cash_flow_negative", "The latest statement's operating cash flow is below zero."),
        Number("statement_days_late", "days", "Days since the next statement was due (period end plus the reporting allowance) when it has not arrived; 0 when none is late."),
        Number("covenant_breaches", "count", "Covenants breached by the latest statement."),

        // Collateral and guarantors
        Number("ltv", "ratio", "Outstanding principal over the latest appraised value of the loan's collateral; missing for unsecured loans."),
        Number("collateral_value_change_12m", "ratio", "Change of the collateral's appraised value over the last 12 months, as a fraction of the older value."),
        Number("insurance_days_to_expiry", "days", "Days until the earliest insurance on the loan's collateral expires; negative once expired; missing if none is insured."),
        Number("guarantor_adverse_signals_12m", "count", "Court, enforcement and adverse-news records against the loan's guarantors in the last 12 months."),

        // Use of funds
        Number("fund_use_forbidden_amount", "amount", "Proceeds paid to forbidden counterparty types (securities, real estate, related parties)."),
        Number("fund_use_mismatch_amount", "amount", "Proceeds paid for a purpose other than the contracted one."),
        Number("fund_use_untraced_ratio", "ratio", "Share of the disbursed amount with no fund-use record 90 days after disbursement; 0 before then."),

        // Project finance
        Number("project_lag", "ratio", "Planned completion less actual completion of the project's milestones due by the business date (0.15 = 15 points behind)."),
        Number("project_overrun", "ratio", "Spend over budget for the work completed, less one (0.10 = 10 % over)."),
        Number("milestones_overdue", "count", "Milestones past their planned date and not completed."),

        // Legal and other external signals (the borrower's)
        Number("litigation_12m", "count", "Court cases against the borrower recorded in the last 12 months."),
        Number("enforcement_12m", "count", "Enforcement records against the borrower in the last 12 months."),
        Number("adverse_news_3m", "count", "Adverse news items about the borrower in the last 3 months."),
        Number("executive_changes_12m", "count", "Changes of legal representative or key executives in the last 12 months."),
        Flag("industry_restricted", "The borrower's industry is on the restricted or exit list."),

        // Behaviour score
        Number("behaviour_score", "points", "The active behaviour model's score; missing when no model is active."),
        Number("pd", "ratio", "The active behaviour model's probability of reaching 90+ DPD within 12 months."),
        Number("score_change_3m", "points", "Behaviour score now less the score 3 months ago."),
    ];

    public static IFeatureCatalog Catalog { get; } = new FeatureCatalog(All);
}
