using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Demo;
using PostLoan.Application.EarlyWarning;
using PostLoan.Application.Scoring;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Scoring;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Scoring;

/// <summary>A demo book serviced through its two years of history, shared by the behaviour model's tests.</summary>
public sealed class ServicedDemoBook : IDisposable
{
    public static readonly DateOnly Through = new(2025, 6, 30);
    public static readonly DateOnly AsOf = new(2024, 6, 30);

    public TempDatabase Db { get; } = new();

    public ServicedDemoBook()
    {
        Book.ImportDemo(Db, new DemoBookOptions(1500, 24, 11, Through, Monitoring: true));
        Book.Eod(Db, through: Through);
    }

    public void Dispose() => Db.Dispose();
}

/// <summary>Training the behaviour model on the book, its versions, and end-of-day scoring with it (docs/scoring.md).</summary>
public sealed class BehaviourModelTests(ServicedDemoBook book) : IClassFixture<ServicedDemoBook>
{
    private TempDatabase Db => book.Db;

    private static readonly DateTimeOffset Now = new(2025, 7, 1, 8, 0, 0, TimeSpan.Zero);
    private static TimeProvider Clock => new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);

    [Fact]
    public void The_training_table_is_the_loans_active_under_90_dpd_at_the_month_end_and_whether_they_went_bad_within_12_months()
    {
        using var connection = Db.Settings.OpenConnection();
        var table = BehaviourTraining.Dataset(connection, ServicedDemoBook.AsOf).Value!;

        table.Data.Rows.ShouldBe((int)Db.Count("SELECT COUNT(*) FROM loan_state_snapshots WHERE snapshot_date = '2024-06-30' AND status = 'Active' AND dpd < 90"));
        // Bad: entered bucket M4 or worse, or was written off, after the month end and within the year.
        table.Data.BadCount.ShouldBe((int)Db.Count("""
            SELECT COUNT(DISTINCT c.loan_id) FROM state_changes c JOIN loan_state_snapshots s ON s.loan_id = c.loan_id AND s.snapshot_date = '2024-06-30'
            WHERE s.status = 'Active' AND s.dpd < 90 AND c.business_date > '2024-06-30' AND c.business_date <= '2025-06-30'
              AND ((c.kind = 'bucket' AND c.new_value IN ('M4', 'M5', 'M6', 'M7+') AND (c.old_value IS NULL OR c.old_value NOT IN ('M4', 'M5', 'M6', 'M7+')))
                OR (c.kind = 'status' AND c.new_value = 'written_off'))
            """));
        table.Data.BadCount.ShouldBeGreaterThan(10);
        table.Data.Columns.Select(c => c.Name).ShouldBe(BehaviourFeatures.Default);
        table.Data.Columns.Single(c => c.Name == "segment").ShouldBeOfType<CategoricalColumn>();
        table.Data.Columns.Single(c => c.Name == "dpd").ShouldBeOfType<NumericColumn>();
    }

    [Fact]
    public void An_observation_date_that_is_not_a_month_end_or_whose_year_is_not_yet_seen_is_refused()
    {
        using var connection = Db.Settings.OpenConnection();
        BehaviourTraining.Dataset(connection, new DateOnly(2024, 6, 15)).Failure!.Message.ShouldContain("must be a month end");
        var late = BehaviourTraining.Dataset(connection, new DateOnly(2024, 12, 31)).Failure!.Message;
        late.ShouldContain("the 12 months after 2024-12-31 are not all known");
        late.ShouldContain("the latest observation date is 2024-06-30");
        BehaviourTraining.LatestAsOf(new DateOnly(2025, 2, 28)).ShouldBe(new DateOnly(2024, 2, 29));
        BehaviourTraining.LatestAsOf(new DateOnly(2025, 3, 15)).ShouldBe(new DateOnly(2024, 2, 29));
    }

    [Fact]
    public void A_trained_model_is_kept_as_a_draft_scores_the_book_once_a_second_person_promotes_it_and_feeds_stage_2()
    {
        var training = new BehaviourTraining(Db.Settings, Clock);
        var trained = training.Train(new BehaviourTrainingRequest(ServicedDemoBook.AsOf, Folds: 3, Seed: 5), "user:ana");
        trained.Succeeded.ShouldBeTrue(trained.Failure?.Message);
        var model = trained.Value.Model;
        model.Status.ShouldBe(ModelStatus.Draft);
        model.Auc.ShouldBeGreaterThan(0.6); // the demo's borrowers deteriorate before they default
        model.Auc.ShouldBe(trained.Value.Trained.ScorecardFigures.Auc);
        model.Variables.ShouldNotBeEmpty();

        var models = new ModelBook(Db.Settings, Clock);
        var version = model.Version;
        models.Approve(version, "user:bo").Failure!.Message.ShouldContain("not waiting for promotion");
        models.RequestPromotion(version, "user:ana").Succeeded.ShouldBeTrue();
        models.Approve(version, "user:ana").Failure!.Message.ShouldContain("second person");
        models.Approve(version, "user:bo").Value!.Status.ShouldBe(ModelStatus.Active);
        Db.Count("SELECT COUNT(*) FROM audit_entries WHERE action IN ('model.train', 'model.request_promotion', 'model.approve')").ShouldBeGreaterThanOrEqualTo(3);

        // End-of-day scores every active loan with it; the portfolio shows the ECL beside the regulatory provision.
        new PostLoan.Application.Reports.PortfolioSummaryQuery(Db.Settings).Get().Ecl.ShouldBeNull();
        var day = ServicedDemoBook.Through.AddDays(1);
        Book.Eod(Db, date: day);
        var ecl = new PostLoan.Application.Reports.PortfolioSummaryQuery(Db.Settings).Get().Ecl;
        ecl.ShouldNotBeNull();
        Domain.Common.Money.ToMinor(ecl.Value).ShouldBe(Db.Count("SELECT SUM(c.ecl) FROM loan_scores c JOIN loan_states s ON s.loan_id = c.loan_id WHERE s.status = 'Active'"));
        var active = Db.Count("SELECT COUNT(*) FROM loan_states WHERE status = 'Active'");
        Db.Count($"SELECT COUNT(*) FROM loan_scores WHERE model_version = {version} AND scored_on = '2025-07-01'").ShouldBe(active);

        // A stored score is what the scorecard makes of the loan's features, as the loan page computes them.
        using (var db = Db.Settings.CreateContext())
        {
            var card = ModelBook.Scorecard(db.BehaviourModels.Single(m => m.Version == version));
            foreach (var stored in db.LoanScores.AsNoTracking().OrderBy(s => s.LoanId).Take(25).ToList())
            {
                var loan = db.Loans.Single(l => l.Id == stored.LoanId);
                var features = new LoanFeaturesQuery(Db.Settings).Get(loan.ExternalId).Value!.Features.ToDictionary(f => f.Name);
                var data = new TrainingData([.. card.Variables.Select(v => v.Binning.Numeric
                    ? (DataColumn)new NumericColumn(v.Name, [features[v.Name].Value is decimal d ? (double)d : null])
                    : new CategoricalColumn(v.Name, [features[v.Name].Value switch { bool b => b ? "true" : "false", null => null, var o => o.ToString() }]))], [false]);
                card.Score(data)[0].ShouldBe(stored.Score, loan.ExternalId);
                stored.Pd.ShouldBe(card.PdOf(stored.Score));
                stored.OriginationPd.ShouldBe(stored.Pd); // the first score is the origination reference
                var state = db.LoanStates.Single(s => s.LoanId == stored.LoanId);
                var monthsLeft = Math.Max(0, (loan.FirstDueOn.AddMonths(loan.TermMonths - 1).Year - day.Year) * 12 + loan.FirstDueOn.AddMonths(loan.TermMonths - 1).Month - day.Month);
                stored.Ecl.ShouldBe(ExpectedLoss.Of((int)state.Stage, stored.Pd, monthsLeft, 0.45m, state.OutstandingPrincipal), loan.ExternalId);
                // The loan page shows the stored score.
                features["behaviour_score"].Value.ShouldBe((decimal)stored.Score);
            }
        }

        // Running the day again changes no score.
        var scoresBefore = Db.DumpTable("SELECT loan_id, score, pd, ecl, scored_on FROM loan_scores ORDER BY loan_id");
        Book.Eod(Db, date: day);
        Db.DumpTable("SELECT loan_id, score, pd, ecl, scored_on FROM loan_scores ORDER BY loan_id").ShouldBe(scoresBefore);

        // A loan whose PD has doubled since its first score moves to stage 2 at the next end-of-day: the day's scoring
        // comes after the day's servicing.
        var (target, pd) = FirstStage1Loan();
        Db.Execute($"UPDATE loan_scores SET origination_pd = {(pd / 3).ToString(System.Globalization.CultureInfo.InvariantCulture)} WHERE loan_id = {target}");
        Book.Eod(Db, date: day.AddDays(1));
        Db.Count($"SELECT COUNT(*) FROM loan_scores WHERE loan_id = {target} AND pd_doubled_on = '2025-07-02'").ShouldBe(1);
        Book.Eod(Db, date: day.AddDays(2));
        Db.Count($"SELECT COUNT(*) FROM loan_states WHERE loan_id = {target} AND stage = 'Stage2' AND stage_reason = 'PD at least doubled since origination'").ShouldBe(1);
        Db.Count($"SELECT COUNT(*) FROM state_changes WHERE loan_id = {target} AND kind = 'stage' AND new_value = '2' AND business_date = '2025-07-03'").ShouldBe(1);

        // Rules read the score.
        var threshold = Db.Count($"SELECT score FROM loan_scores WHERE loan_id = {target}") + 1;
        var rules = new RuleBook(Db.Settings, Clock);
        rules.Save(new RuleDraft("SCX", "Low score", "yellow", [], $"behaviour_score < {threshold}"), "user:ana").Succeeded.ShouldBeTrue();
        rules.RequestActivation("SCX", 1, "user:ana");
        rules.Approve("SCX", 1, "user:bo").Succeeded.ShouldBeTrue();
        Book.Eod(Db, date: day.AddDays(3));
        Db.Count("SELECT COUNT(*) FROM alerts WHERE rule_code = 'SCX'")
            .ShouldBe(Db.Count($"SELECT COUNT(*) FROM loan_scores s JOIN loan_states t ON t.loan_id = s.loan_id WHERE t.status = 'Active' AND s.score < {threshold}"));
        Db.Count($"SELECT COUNT(*) FROM alerts WHERE rule_code = 'SCX' AND loan_id = {target}").ShouldBe(1);

        // The score history of past month ends, for the score change and the model's monitoring.
        var backfill = new ScoreBackfill(Db.Settings).Run(new DateOnly(2025, 4, 1));
        backfill.Value.MonthEnds.ShouldBe(3);
        foreach (var monthEnd in new[] { "2025-04-30", "2025-05-31", "2025-06-30" })
            Db.Count($"SELECT COUNT(*) FROM score_history WHERE month_end = '{monthEnd}'")
                .ShouldBe(Db.Count($"SELECT COUNT(*) FROM loan_state_snapshots WHERE snapshot_date = '{monthEnd}' AND status = 'Active'"), monthEnd);

        // Monitoring: PSI between consecutive month ends by segment; where the 12 months after a month end are known,
        // AUC, KS and calibration on the loans then active and under 90 DPD, the population the model was trained on.
        new ScoreBackfill(Db.Settings).Run(new DateOnly(2024, 5, 1)).Succeeded.ShouldBeTrue();
        var report = new ModelMonitoring(Db.Settings).Get(months: 24);
        report.Psi.Where(r => r.Segment == "all").Select(r => r.MonthEnd).ShouldContain(new DateOnly(2025, 6, 30));
        report.Psi.ShouldAllBe(r => r.Psi >= 0 && r.Alert == (r.Psi > 0.25));
        report.Psi.Select(r => r.Segment).Distinct().ShouldBe(["all", "corporate", "project", "retail"], ignoreOrder: true);
        report.Outcomes.Select(o => o.MonthEnd).ShouldBe([new DateOnly(2024, 5, 31), new DateOnly(2024, 6, 30)]);
        using var connection = Db.Settings.OpenConnection();
        var trainedOn = BehaviourTraining.Dataset(connection, ServicedDemoBook.AsOf).Value!.Data;
        var june = report.Outcomes[1];
        (june.Loans, june.Bad).ShouldBe((trainedOn.Rows, trainedOn.BadCount));
        june.Auc.ShouldBeGreaterThan(0.6);
        report.CalibrationMonth.ShouldBe(ServicedDemoBook.AsOf);
        report.Calibration.Sum(c => c.Loans).ShouldBe(trainedOn.Rows);
        report.Calibration.Sum(c => c.Bad).ShouldBe(trainedOn.BadCount);
        report.Calibration.Select(c => c.MeanPd).ShouldBeInOrder(SortDirection.Ascending);
    }

    private (long Loan, double Pd) FirstStage1Loan()
    {
        using var db = Db.Settings.CreateContext();
        return (from s in db.LoanScores
                join t in db.LoanStates on s.LoanId equals t.LoanId
                where t.Stage == Ifrs9Stage.Stage1 && t.Status == Domain.Loans.LoanStatus.Active && s.Pd > 0.01 && s.PdDoubledOn == null
                orderby s.LoanId
                select new { s.LoanId, s.Pd }).AsEnumerable().Select(x => (x.LoanId, x.Pd)).First();
    }
}
