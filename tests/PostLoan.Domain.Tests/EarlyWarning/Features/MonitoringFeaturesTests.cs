using PostLoan.Domain.EarlyWarning.Features;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using Shouldly;

namespace PostLoan.Domain.Tests.EarlyWarning.Features;

/// <summary>The monitoring feature groups on crafted data, each figure worked out by hand.</summary>
public sealed class MonitoringFeaturesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static StatementFigures Statement(DateOnly periodEnd, StatementPeriod period, DateOnly received, decimal assets, decimal liabilities, decimal revenue, decimal receivables,
        decimal operatingCashFlow = 1_000m) =>
        new(periodEnd, period, received, assets, liabilities, CurrentAssets: 400m, CurrentLiabilities: 320m, Inventory: 160m, receivables, revenue,
            NetProfit: -50m, operatingCashFlow, InterestExpense: 100m, DebtService: 800m);

    private static readonly StatementFigures[] Statements =
    [
        Statement(D(2023, 12, 31), StatementPeriod.Annual, D(2024, 4, 20), 1_000m, 600m, 900m, 100m),
        Statement(D(2024, 12, 31), StatementPeriod.Annual, D(2025, 4, 25), 1_000m, 720m, 810m, 130m, operatingCashFlow: -5m),
        Statement(D(2025, 3, 31), StatementPeriod.Quarterly, D(2025, 5, 10), 1_000m, 750m, 200m, 140m),
    ];

    [Fact]
    public void Statement_features_read_the_latest_statement_received_and_the_same_period_a_year_before()
    {
        var sink = new FeatureDictionary();
        CovenantTerms[] covenants =
        [
            new(CovenantMetric.DebtToAsset, CovenantOperator.AtMost, 0.70m, D(2024, 1, 1), null), // 0.72: breached
            new(CovenantMetric.Dscr, CovenantOperator.AtLeast, 1.2m, D(2024, 1, 1), null),         // -5 / 800: breached
            new(CovenantMetric.CurrentRatio, CovenantOperator.AtLeast, 1.2m, D(2024, 1, 1), null), // 1.25: kept
            new(CovenantMetric.DebtToAsset, CovenantOperator.AtMost, 0.50m, D(2025, 1, 1), null),  // not yet applying
        ];

        StatementFeatures.Compute(Statements, covenants, D(2025, 5, 1), sink); // the quarterly is not received yet

        sink.Numbers["debt_to_asset"].ShouldBe(0.72m);
        sink.Numbers["current_ratio"].ShouldBe(1.25m);
        sink.Numbers["quick_ratio"].ShouldBe(0.75m);
        sink.Numbers["interest_coverage"].ShouldBe(0.5m);  // (-50 + 100) / 100
        sink.Numbers["dscr"].ShouldBe(-0.00625m);
        sink.Numbers["revenue_growth"].ShouldBe(-0.1m);     // 810 against 900
        sink.Numbers["receivable_growth"].ShouldBe(0.3m);   // 130 against 100
        sink.Numbers["net_profit"].ShouldBe(-50m);
        sink.Flags["operating_cash_flow_negative"].ShouldBe(true);
        sink.Numbers["statement_days_late"].ShouldBe(0m);
        sink.Numbers["covenant_breaches"].ShouldBe(2m);
    }

    [Fact]
    public void A_statement_is_late_from_its_period_end_plus_the_allowance()
    {
        var sink = new FeatureDictionary();
        // The quarterly of 31 March 2025 is the latest: the June quarter's is due 30 July 2025.
        StatementFeatures.Compute(Statements, [], D(2025, 8, 9), sink);

        sink.Numbers["statement_days_late"].ShouldBe(10m);
        sink.Numbers["revenue_growth"].ShouldBeNull(); // no quarterly a year earlier
        StatementFeatures.NextPeriodEnd(D(2024, 12, 31), StatementPeriod.Annual).ShouldBe(D(2025, 12, 31));
        StatementFeatures.NextPeriodEnd(D(2025, 1, 31), StatementPeriod.Monthly).ShouldBe(D(2025, 2, 28));
    }

    [Fact]
    public void Without_statements_every_statement_feature_is_missing()
    {
        var sink = new FeatureDictionary();
        StatementFeatures.Compute(Statements, [], D(2024, 4, 1), sink);

        sink.Numbers.Values.ShouldAllBe(v => v == null);
        sink.Flags["operating_cash_flow_negative"].ShouldBeNull();
        (sink.Numbers.Count + sink.Flags.Count).ShouldBe(StatementFeatures.Names.Count);
    }

    [Fact]
    public void Bureau_features_read_the_latest_snapshot_and_the_one_six_months_before_it()
    {
        BureauFigures[] snapshots =
        [
            new(D(2024, 10, 31), 100_000m, 0m, 0m, 1),
            new(D(2025, 4, 30), 160_000m, 40_000m, 8_000m, 7),
            new(D(2025, 6, 30), 999_000m, 0m, 0m, 0), // after the date: not seen
        ];
        var sink = new FeatureDictionary();

        BureauFeatures.Compute(snapshots, D(2025, 5, 20), sink);

        sink.Flags["bureau_overdue_elsewhere"].ShouldBe(true);
        sink.Numbers["bureau_overdue90_share"].ShouldBe(0.05m);
        sink.Numbers["bureau_inquiries_3m"].ShouldBe(7m);
        sink.Numbers["bureau_total_debt"].ShouldBe(160_000m);
        sink.Numbers["bureau_debt_growth_6m"].ShouldBe(0.6m);
        sink.Numbers["bureau_age_days"].ShouldBe(20m);

        var none = new FeatureDictionary();
        BureauFeatures.Compute(snapshots, D(2024, 1, 1), none);
        none.Numbers["bureau_age_days"].ShouldBeNull();
        none.Flags["bureau_overdue_elsewhere"].ShouldBeNull();
    }

    [Fact]
    public void Collateral_features_leave_out_released_collateral_and_read_values_known_by_the_date()
    {
        CollateralFacts[] collateral =
        [
            new(LienStatus.Registered, D(2025, 6, 10), [(D(2024, 3, 1), 500_000m), (D(2025, 3, 1), 400_000m)]),
            new(LienStatus.Registered, null, [(D(2025, 1, 15), 100_000m)]), // valued within the year only: no change read
            new(LienStatus.Released, D(2025, 5, 1), [(D(2024, 3, 1), 900_000m)]),
        ];
        SignalEvent[] guarantor =
        [
            new(SignalKind.CourtCase, D(2025, 2, 1)), new(SignalKind.ExecutiveChange, D(2025, 2, 1)), new(SignalKind.Enforcement, D(2024, 5, 20)),
        ];
        var sink = new FeatureDictionary();

        CollateralFeatures.Compute(collateral, 450_000m, guarantor, D(2025, 5, 20), sink);

        sink.Numbers["ltv"].ShouldBe(0.9m);                            // 450,000 over 400,000 + 100,000
        sink.Numbers["collateral_value_change_12m"].ShouldBe(-0.2m);   // 400,000 against 500,000
        sink.Numbers["insurance_days_to_expiry"].ShouldBe(21m);        // 10 June
        sink.Numbers["guarantor_adverse_signals_12m"].ShouldBe(1m);    // the court case; the enforcement is a day too old

        var unsecured = new FeatureDictionary();
        CollateralFeatures.Compute([], 450_000m, [], D(2025, 5, 20), unsecured);
        unsecured.Numbers["ltv"].ShouldBeNull();
        unsecured.Numbers["insurance_days_to_expiry"].ShouldBeNull();
    }

    [Fact]
    public void Fund_use_features_split_forbidden_and_off_purpose_payments_and_measure_what_is_untraced()
    {
        FundUsePayment[] payments =
        [
            new(D(2025, 1, 5), 600_000m, CounterpartyType.Supplier),
            new(D(2025, 1, 20), 100_000m, CounterpartyType.Securities),
            new(D(2025, 2, 1), 50_000m, CounterpartyType.Individual),
            new(D(2025, 6, 1), 200_000m, CounterpartyType.RealEstate), // after the date
        ];
        var sink = new FeatureDictionary();

        FundUseFeatures.Compute(payments, Segment.Corporate, 1_000_000m, D(2025, 1, 2), D(2025, 4, 30), sink);

        sink.Numbers["fund_use_forbidden_amount"].ShouldBe(100_000m);
        sink.Numbers["fund_use_mismatch_amount"].ShouldBe(50_000m);
        sink.Numbers["fund_use_untraced_ratio"].ShouldBe(0.25m);

        var early = new FeatureDictionary();
        FundUseFeatures.Compute(payments, Segment.Corporate, 1_000_000m, D(2025, 1, 2), D(2025, 3, 1), early);
        early.Numbers["fund_use_untraced_ratio"].ShouldBe(0m); // within the 90 days

        var retail = new FeatureDictionary();
        FundUseFeatures.Compute(payments, Segment.Retail, 1_000_000m, D(2025, 1, 2), D(2025, 4, 30), retail);
        retail.Numbers["fund_use_mismatch_amount"].ShouldBe(0m);
        retail.Numbers["fund_use_untraced_ratio"].ShouldBeNull();
    }

    [Fact]
    public void Project_features_compare_planned_and_reported_progress_and_earned_budget()
    {
        MilestoneProgress[] milestones =
        [
            new(D(2024, 6, 30), D(2024, 7, 10), 0.2m, 0.2m, 1_000m, 1_100m),
            new(D(2024, 12, 31), null, 0.5m, 0.35m, 3_000m, 2_000m),
            new(D(2025, 6, 30), null, 1.0m, 0m, 5_000m, 0m),
        ];
        var sink = new FeatureDictionary();

        ProjectFeatures.Compute(milestones, D(2025, 3, 1), reportedIsCurrent: true, sink);

        sink.Numbers["project_lag"].ShouldBe(0.15m);        // 0.50 planned by 31 December, 0.35 done
        sink.Numbers["project_overrun"].ShouldBe(0.24m);    // 3,100 spent; 1,000 + half of 3,000 earned
        sink.Numbers["milestones_overdue"].ShouldBe(1m);

        // Back in time, the reported figures do not hold: progress is what the milestones reached by then planned.
        var before = new FeatureDictionary();
        ProjectFeatures.Compute(milestones, D(2024, 7, 5), reportedIsCurrent: false, before);
        before.Numbers["milestones_overdue"].ShouldBe(1m);  // reached on 10 July: not yet on the 5th
        before.Numbers["project_lag"].ShouldBe(0.2m);       // 0.20 planned by 30 June, nothing reached
        before.Numbers["project_overrun"].ShouldBeNull();
        var later = new FeatureDictionary();
        ProjectFeatures.Compute(milestones, D(2025, 1, 31), reportedIsCurrent: false, later);
        later.Numbers["project_lag"].ShouldBe(0.3m);        // 0.50 planned by 31 December, the 0.20 milestone reached
    }

    [Fact]
    public void Signal_features_count_the_borrower_records_in_their_windows()
    {
        SignalEvent[] signals =
        [
            new(SignalKind.CourtCase, D(2024, 5, 21)), new(SignalKind.CourtCase, D(2024, 5, 20)),
            new(SignalKind.Enforcement, D(2025, 5, 1)), new(SignalKind.AdverseNews, D(2025, 2, 21)), new(SignalKind.AdverseNews, D(2025, 2, 20)),
            new(SignalKind.ExecutiveChange, D(2025, 1, 1)), new(SignalKind.IndustryListChange, D(2025, 5, 21)),
        ];
        var sink = new FeatureDictionary();

        SignalFeatures.Compute(signals, D(2025, 5, 20), sink);

        sink.Numbers["litigation_12m"].ShouldBe(1m);
        sink.Numbers["enforcement_12m"].ShouldBe(1m);
        sink.Numbers["adverse_news_3m"].ShouldBe(1m);
        sink.Numbers["executive_changes_12m"].ShouldBe(1m);
        sink.Flags["industry_restricted"].ShouldBe(false); // listed the day after
    }

    [Fact]
    public void Every_feature_of_the_catalog_belongs_to_a_group_or_to_the_servicing_state()
    {
        string[] servicing = ["segment", "product", "risk_class", "stage", "months_on_book", "outstanding_principal", "outstanding_ratio", "restructured",
            "on_watch_list", "dpd", "days_since_last_payment", "behaviour_score", "pd", "score_change_3m"];
        var grouped = StatementFeatures.Names.Concat(BureauFeatures.Names).Concat(CollateralFeatures.Names).Concat(FundUseFeatures.Names)
            .Concat(ProjectFeatures.Names).Concat(SignalFeatures.Names).Concat(DelinquencyFeatures.Names).Concat(servicing).ToList();

        grouped.Order().ShouldBe(StandardFeatures.All.Select(f => f.Name).Order());
    }
}
