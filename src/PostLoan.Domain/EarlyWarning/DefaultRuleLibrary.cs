using PostLoan.Domain.Classification;
using PostLoan.Domain.Loans;

namespace PostLoan.Domain.EarlyWarning;

/// <summary>
/// The rules PostLoan ships with, covering SPEC §6 for retail, corporate and project finance. They are starting points
/// for a risk team to back-test and tune, not switched on by themselves; <c>docs/early-warning-rules.md</c> lists them
/// with their reasons. Task kinds are SPEC §7's: <c>adhoc_inspection</c> (专项检查), <c>follow_up_visit</c> (回访) and
/// <c>collateral_revaluation</c>.
/// </summary>
public static class DefaultRuleLibrary
{
    private const string Adhoc = "adhoc_inspection";
    private const string Visit = "follow_up_visit";
    private const string Revalue = "collateral_revaluation";
    private const string Manager = "account_manager";
    private const string Risk = "risk_officer";
    private const string Legal = "legal_officer";

    private static readonly Segment[] Every = [];
    private static readonly Segment[] Retail = [Segment.Retail];
    private static readonly Segment[] Business = [Segment.Corporate, Segment.Project];
    private static readonly Segment[] Project = [Segment.Project];
    private static readonly Segment[] Corporate = [Segment.Corporate];

    private static RuleDefinition Rule(string code, string name, Severity severity, Segment[] segments, string condition, RuleActions actions, string rationale) =>
        new(code, name, severity, segments, condition, actions, rationale);

    public static IReadOnlyList<RuleDefinition> All { get; } =
    [
        // Delinquency and payment behaviour
        Rule("DQ01", "First missed payment", Severity.Yellow, Every, "dpd >= 1 and dpd < 30",
            new(Visit, Manager), "An installment is unpaid after grace: call the borrower before it becomes a collection case."),
        Rule("DQ02", "30 days past due", Severity.Orange, Every, "dpd >= 30 and dpd <= 90",
            new(Visit, Risk), "A month overdue: the loan is in bucket 31-60 or worse and heading for non-performing."),
        Rule("DQ03", "Repeatedly 30+ in a year", Severity.Orange, Every, "times_30_plus_12m >= 2",
            new(Visit, Risk, RiskClass.SpecialMention), "A borrower who falls 30 days behind again and again pays late by habit, even when current today."),
        Rule("DQ04", "Recently cured from 60+", Severity.Yellow, Every, "dpd == 0 and max_dpd_3m >= 60",
            new(Visit, Manager), "Cured loans re-default often in the first months; watch them."),
        Rule("DQ05", "Partial payments", Severity.Yellow, Retail, "partial_payments_6m >= 2",
            new(Visit, Manager), "Two installments of the last six months paid only in part by their due date: the borrower's cash is short."),
        Rule("DQ06", "No payment for a quarter", Severity.Orange, Every, "days_since_last_payment > 95 and outstanding_principal > 0",
            new(Visit, Manager), "Nothing received for three months on a loan still owing."),

        // Credit bureau
        Rule("BU01", "Overdue at other lenders", Severity.Orange, Every, "bureau_overdue_elsewhere and dpd == 0",
            new(Visit, Manager), "The borrower is behind elsewhere while still paying us: trouble usually reaches us next."),
        Rule("BU02", "Over 20 % of bureau debt 90+ overdue", Severity.Red, Every, "bureau_overdue90_share > 0.20",
            new(Adhoc, Risk, RiskClass.Substandard), "SPEC §5: more than 20 % of the borrower's debts 90+ days overdue at all lenders makes the loan substandard."),
        Rule("BU03", "Many credit inquiries", Severity.Yellow, Retail, "bureau_inquiries_3m >= 6",
            new(NotifyRole: Manager), "Six or more hard inquiries in three months: the borrower is looking for credit everywhere."),
        Rule("BU04", "Fast debt growth", Severity.Yellow, Every, "bureau_debt_growth_6m > 0.50",
            new(NotifyRole: Manager), "Total debt at all lenders up by half in six months."),
        Rule("BU05", "Stale bureau report", Severity.Yellow, Business, "bureau_age_days > 180 or is_missing(bureau_age_days)",
            new(NotifyRole: Manager), "No bureau check for half a year on a business loan: the other signals cannot be trusted."),

        // Behaviour score
        Rule("SC01", "Behaviour score fell", Severity.Orange, Every, "score_change_3m <= -40",
            new(Visit, Risk), "Forty points is two doublings of the odds of default (PDO 20) in three months."),
        Rule("SC02", "High probability of default", Severity.Red, Every, "pd >= 0.20 and dpd < 30",
            new(Adhoc, Risk, RiskClass.SpecialMention), "One in five chance of 90+ DPD within a year on a loan not yet 30 days behind."),

        // Financial statements and covenants
        Rule("FS01", "High or rising leverage", Severity.Orange, Business, "debt_to_asset > 0.70 or change_yoy(debt_to_asset) > 0.10",
            new(Visit, Risk), "SPEC §6's example: debt over 70 % of assets, or ten points more than a year ago."),
        Rule("FS02", "Weak liquidity", Severity.Yellow, Business, "current_ratio < 1.0 or quick_ratio < 0.5",
            new(Visit, Manager), "Short-term debts exceed the assets that can pay them."),
        Rule("FS03", "Interest barely covered", Severity.Orange, Business, "interest_coverage < 1.5",
            new(Visit, Risk), "Profit before interest is less than one and a half times the interest."),
        Rule("FS04", "Debt service not covered", Severity.Orange, Business, "dscr < 1.2",
            new(Visit, Risk), "Operating cash flow below 1.2 times debt service, the usual covenant floor."),
        Rule("FS05", "Receivables outgrow revenue", Severity.Yellow, Business, "receivable_growth - revenue_growth > 0.20",
            new(Visit, Manager), "Sales on credit the customers do not pay, or revenue booked early."),
        Rule("FS06", "Revenue collapse", Severity.Orange, Business, "revenue_growth < -0.30",
            new(Adhoc, Risk), "Revenue down by more than 30 % on the same period a year ago."),
        Rule("FS07", "Losing money and burning cash", Severity.Orange, Business, "net_profit < 0 and operating_cash_flow_negative",
            new(Adhoc, Risk), "A loss with negative operating cash flow: the business is financing itself with debt."),
        Rule("FS08", "Statement overdue", Severity.Yellow, Business, "statement_days_late > 30",
            new(Visit, Manager), "A borrower that stops reporting often has something to hide."),
        Rule("FS09", "Covenant breached", Severity.Orange, Business, "covenant_breaches > 0",
            new(Adhoc, Risk), "SPEC §2: a breach found when a statement arrives raises an alert."),

        // Collateral and guarantors
        Rule("CO01", "Loan-to-value too high", Severity.Orange, Every, "ltv > 0.90",
            new(Revalue, Risk), "The collateral no longer covers the debt with a margin."),
        Rule("CO02", "Collateral lost value", Severity.Orange, Every, "collateral_value_change_12m < -0.20",
            new(Revalue, Risk), "A fifth of the collateral's value gone in a year."),
        Rule("CO03", "Insurance expiring", Severity.Yellow, Every, "insurance_days_to_expiry < 30",
            new(Visit, Manager), "Uninsured collateral can be lost without compensation; ask for the renewal before it lapses."),
        Rule("CO04", "Guarantor in trouble", Severity.Orange, Every, "guarantor_adverse_signals_12m > 0",
            new(Visit, Risk), "A guarantor with court, enforcement or adverse-news records may not be able to pay."),

        // Use of funds
        Rule("FU01", "Proceeds to forbidden counterparties", Severity.Red, Every, "fund_use_forbidden_amount > 0",
            new(Adhoc, Risk, RiskClass.SpecialMention), "Loan money paid to securities, real estate or related parties breaks the contract and the regulator's rules."),
        Rule("FU02", "Proceeds used off purpose", Severity.Orange, Every, "fund_use_mismatch_amount > 0",
            new(Adhoc, Manager), "Payments for a purpose other than the contracted one."),
        Rule("FU03", "Proceeds not traced", Severity.Yellow, Corporate, "fund_use_untraced_ratio > 0.30",
            new(Visit, Manager), "Three months after disbursement, more than 30 % of the money has no fund-use record. A project loan pays out over the construction, which the project rules follow instead."),

        // Legal and other external signals
        Rule("EX01", "Litigation or enforcement", Severity.Red, Every, "litigation_12m > 0 or enforcement_12m > 0",
            new(Adhoc, Legal, RiskClass.SpecialMention), "Courts acting against the borrower can freeze the assets we rely on."),
        Rule("EX02", "Adverse news", Severity.Orange, Business, "adverse_news_3m > 0",
            new(Visit, Risk), "Recent adverse news about the borrower."),
        Rule("EX03", "Management turnover", Severity.Yellow, Business, "executive_changes_12m >= 2",
            new(Visit, Manager), "Two or more changes of legal representative or key executives in a year."),
        Rule("EX04", "Restricted industry", Severity.Yellow, Business, "industry_restricted",
            new(NotifyRole: Risk), "The borrower's industry is on the restricted or exit list: plan the exposure down."),

        // Project finance
        Rule("PJ01", "Project behind schedule", Severity.Orange, Project, "project_lag > 0.15",
            new(Adhoc, Risk), "Completion more than 15 points behind plan: revenue starts late and debt service with it."),
        Rule("PJ02", "Lag growing", Severity.Yellow, Project, "change_qoq(project_lag) > 0.05",
            new(Visit, Manager), "The project fell five more points behind in a quarter."),
        Rule("PJ03", "Budget overrun", Severity.Orange, Project, "project_overrun > 0.10",
            new(Adhoc, Risk), "Spend more than 10 % above budget for the work done: a funding gap is coming."),
        Rule("PJ04", "Milestones missed", Severity.Red, Project, "milestones_overdue >= 2",
            new(Adhoc, Risk, RiskClass.SpecialMention), "Two milestones past their date and not done."),
    ];
}
