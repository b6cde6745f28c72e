using System.Data.Common;
using System.Globalization;
using System.Text;
using PostLoan.Application.Demo;
using PostLoan.Application.Import;
using PostLoan.Infrastructure.EarlyWarning;
using PostLoan.Infrastructure.EarlyWarning.FeatureStore;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.EarlyWarning;

/// <summary>
/// The feature-input store (docs/early-warning.md): the loans and monitoring data it hands end-of-day must be, row for
/// row, what a whole read of the database gives, whatever was written since its files were saved and however.
/// </summary>
public sealed class FeatureInputStoreTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    private readonly TempDatabase _db = new();

    public FeatureInputStoreTests() => Book.ImportDemo(_db, new DemoBookOptions(400, 24, 5, AsOf, Monitoring: true));

    public void Dispose() => _db.Dispose();

    private FeatureInputStore Store() => FeatureInputStore.For(_db.Settings);

    /// <summary>Reads through a new store (as a new end-of-day would), waits for its files, and checks it against a whole read.</summary>
    private IReadOnlyList<StorePartReport> ReadAndCompare()
    {
        var store = Store();
        using var connection = _db.Settings.OpenConnection();
        var loans = store.Loans(connection);
        var monitoring = store.Monitoring(connection, MonitoringGroups.All);
        store.Flush();
        Dump(loans).ShouldBe(Dump(FeatureReads.Loans(connection)));
        Dump(monitoring).ShouldBe(Dump(FeatureReads.Monitoring(connection, null, MonitoringGroups.All)));
        return store.Reports;
    }

    private static string[] Hows(IEnumerable<StorePartReport> reports) => [.. reports.Select(r => $"{r.Part}: {r.How}")];

    private static readonly string[] Parts = ["loans", "statements", "bureau", "collateral", "fund-uses", "milestones", "signals"];

    [Fact]
    public void Parts_are_read_whole_once_then_taken_from_their_files()
    {
        Hows(ReadAndCompare()).ShouldBe(Parts.Select(p => $"{p}: read whole (no file)"));
        Hows(ReadAndCompare()).ShouldBe(Parts.Select(p => $"{p}: from file"));
        Directory.GetFiles(Store().Folder, "*.bin").Select(Path.GetFileName).Order().ShouldBe(Parts.Select(p => p + ".bin").Order());
    }

    [Fact]
    public void Writes_of_every_kind_refresh_exactly_the_borrowers_they_touch()
    {
        ReadAndCompare();
        var bureau = _db.Count("SELECT MIN(borrower_id) FROM bureau_snapshots");
        var valued = _db.Count("SELECT l.borrower_id FROM collateral_valuations v JOIN collateral c ON c.id = v.collateral_id JOIN loans l ON l.id = c.loan_id ORDER BY v.id DESC LIMIT 1");
        var guaranteed = _db.Count("SELECT l.borrower_id FROM guarantors g JOIN loans l ON l.id = g.loan_id ORDER BY g.id LIMIT 1");
        var covenanted = _db.Count("SELECT l.borrower_id FROM covenants c JOIN loans l ON l.id = c.loan_id ORDER BY c.id DESC LIMIT 1");
        var repriced = _db.Count($"SELECT MAX(borrower_id) FROM loans WHERE borrower_id NOT IN ({bureau}, {valued}, {guaranteed}, {covenanted})");
        var flagged = _db.Count($"SELECT MIN(id) FROM loans WHERE borrower_id NOT IN ({bureau}, {valued}, {guaranteed}, {covenanted}, {repriced})");
        _db.Execute($"UPDATE bureau_snapshots SET overdue90_debt = total_debt WHERE borrower_id = {bureau}");
        _db.Execute("DELETE FROM collateral_valuations WHERE id = (SELECT MAX(id) FROM collateral_valuations)");
        _db.Execute($"""
            INSERT INTO external_signals (external_id, subject_type, guarantor_id, kind, occurred_on, source, summary)
            SELECT 'SIG-G1', 'Guarantor', MIN(id), 'Enforcement', '2025-06-20', 'court', 'enforcement against the guarantor' FROM guarantors
            """);
        _db.Execute("UPDATE covenants SET threshold = threshold + 1 WHERE id = (SELECT MAX(id) FROM covenants)");
        _db.Execute($"UPDATE loans SET principal = principal + 100 WHERE borrower_id = {repriced}");
        // A flag end-of-day sets is not an input of any feature: it touches nobody.
        var before = _db.Count("SELECT MAX(seq) FROM monitoring_touches");
        _db.Execute($"UPDATE loans SET needs_recompute = TRUE WHERE id = {flagged}");
        _db.Count("SELECT MAX(seq) FROM monitoring_touches").ShouldBe(before);

        var reports = ReadAndCompare();

        var touched = new[] { bureau, valued, guaranteed, covenanted, repriced }.Distinct().Count();
        reports.ShouldAllBe(r => r.How == "refreshed" && r.Borrowers == touched);
        Hows(ReadAndCompare()).ShouldBe(Parts.Select(p => $"{p}: from file"));
    }

    [Fact]
    public void An_import_touches_the_borrowers_of_its_rows_and_nobody_else()
    {
        ReadAndCompare();
        var borrowers = new List<string>();
        using (var connection = _db.Settings.OpenConnection())
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT external_id FROM borrowers WHERE id IN (SELECT borrower_id FROM bureau_snapshots) ORDER BY id LIMIT 2";
            using var r = cmd.ExecuteReader();
            while (r.Read()) borrowers.Add(r.GetString(0));
        }
        Book.ImportCsv(_db, ImportKind.Bureau, "borrower_external_id,as_of,total_debt,overdue_debt,overdue_90_debt,inquiries_3m,source\n"
            + string.Join("", borrowers.Select(b => $"{b},2025-06-25,500000.00,200000.00,150000.00,9,credit bureau\n")));

        var reports = ReadAndCompare();

        reports.ShouldAllBe(r => r.How == "refreshed" && r.Borrowers == 2);
    }

    [Fact]
    public void Touching_many_borrowers_reads_the_parts_whole()
    {
        ReadAndCompare();
        _db.Execute("UPDATE bureau_snapshots SET inquiries_3m = inquiries_3m + 1");

        Hows(ReadAndCompare()).ShouldBe(Parts.Select(p => $"{p}: read whole (many touched)"));
    }

    [Fact]
    public void Files_of_another_database_or_damaged_ones_are_not_used()
    {
        ReadAndCompare();
        // Another database in the same place (dropped and made again): another identity.
        _db.Execute("UPDATE monitoring_version SET instance = 'another' WHERE id = 1");
        Hows(ReadAndCompare()).ShouldBe(Parts.Select(p => $"{p}: read whole (no file)"));

        var file = Path.Combine(Store().Folder, "bureau.bin");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        ReadAndCompare().Single(r => r.Part == "bureau").How.ShouldBe("read whole (no file)");
    }

    [Fact]
    public void Month_end_dpd_is_kept_until_the_month_end_gains_or_loses_a_snapshot()
    {
        Book.Eod(_db, through: AsOf);
        var monthEnd = new DateOnly(2025, 5, 31);
        using var connection = _db.Settings.OpenConnection();
        string Read(out string how)
        {
            var store = Store();
            var dpd = store.SnapshotDpd(connection, monthEnd);
            store.Flush();
            how = store.Reports.Single().How;
            return Text(dpd);
        }
        string Whole() => Text(FeatureReads.SnapshotDpd(connection, monthEnd));
        static string Text(MonthEndDpd d) => string.Join(",", d.LoanIds.Zip(d.Dpd, (id, dpd) => $"{id}:{dpd}"));

        Read(out var first).ShouldBe(Whole());
        first.ShouldBe("read whole (no file)");
        Read(out var second).ShouldBe(Whole());
        second.ShouldBe("from file");
        _db.Count("SELECT COUNT(*) FROM loan_state_snapshots WHERE snapshot_date = '2025-05-31'").ShouldBeGreaterThan(300);

        _db.Execute("DELETE FROM loan_state_snapshots WHERE snapshot_date = '2025-05-31' AND loan_id = (SELECT MAX(loan_id) FROM loan_state_snapshots WHERE snapshot_date = '2025-05-31')");
        Read(out var third).ShouldBe(Whole());
        third.ShouldBe("read whole (no file)");
    }

    [Fact]
    public void Month_end_dpd_lines_up_with_the_rows_in_any_order_and_leaves_loans_it_lacks_missing()
    {
        var monthEnd = new MonthEndDpd([3, 5, 8, 13], [0, 31, 62, 95]);

        var (dpd, present) = monthEnd.Align([1, 3, 8, 9, 13, 20]);
        dpd.ShouldBe([0, 0, 62, 0, 95, 0]);
        present.ShouldBe([false, true, true, false, true, false]);

        // Rows not in id order are looked up all the same.
        (dpd, present) = monthEnd.Align([13, 5, 3, 8]);
        dpd.ShouldBe([95, 31, 0, 62]);
        present.ShouldBe([true, true, true, true]);
    }

    [Fact]
    public void End_of_day_with_the_store_raises_what_it_raises_without()
    {
        Book.Eod(_db, through: AsOf);
        var rules = new PostLoan.Application.EarlyWarning.RuleBook(_db.Settings, TimeProvider.System);
        rules.AddDefaults("user:li");
        foreach (var code in PostLoan.Domain.EarlyWarning.DefaultRuleLibrary.All.Select(r => r.Code))
            if (rules.RequestActivation(code, 1, "user:li").Succeeded) rules.Approve(code, 1, "user:wang").Succeeded.ShouldBeTrue();
        ReadAndCompare();
        _db.Execute("UPDATE bureau_snapshots SET overdue90_debt = total_debt WHERE borrower_id IN (SELECT borrower_id FROM bureau_snapshots ORDER BY id LIMIT 30)");

        RaisesWhatItRaisesWithoutTheStore(Book.Eod(_db, date: AsOf.AddDays(1)), AsOf.AddDays(1));
        Directory.GetFiles(Store().Folder, "*.bin").ShouldNotBeEmpty();
    }

    [Fact]
    public void A_run_across_a_month_end_reads_that_month_ends_dpd_after_servicing_wrote_it()
    {
        // The kept inputs are read ahead while servicing runs; a month end the run itself snapshots must not be among them.
        Book.Eod(_db, through: AsOf.AddDays(-3));
        var rules = new PostLoan.Application.EarlyWarning.RuleBook(_db.Settings, TimeProvider.System);
        rules.Save(new PostLoan.Application.EarlyWarning.RuleDraft("ME01", "Overdue at the last month end", "yellow", [], "ago(dpd, 1) >= 1"), "user:li").Succeeded.ShouldBeTrue();
        rules.RequestActivation("ME01", 1, "user:li").Succeeded.ShouldBeTrue();
        rules.Approve("ME01", 1, "user:wang").Succeeded.ShouldBeTrue();

        RaisesWhatItRaisesWithoutTheStore(Book.Eod(_db, through: AsOf.AddDays(2)), AsOf.AddDays(2));
    }

    /// <summary>
    /// The alerts an end-of-day with the store raised on <paramref name="date"/> are raised again, with the same facts,
    /// when they are deleted and the phase runs without the store.
    /// </summary>
    private void RaisesWhatItRaisesWithoutTheStore(PostLoan.Application.EndOfDay.EndOfDayResult withStore, DateOnly date)
    {
        var raised = _db.DumpTable("SELECT rule_code, loan_id, facts FROM alerts ORDER BY rule_code, loan_id");
        _db.Execute("DELETE FROM alerts");
        var settings = new PostLoan.Application.Configuration.ServicingSettings { FeatureStore = false };
        var without = new PostLoan.Application.EarlyWarning.AlertRaiser(_db.Settings, settings.Classification).Raise(date, PostLoan.Domain.Servicing.EodPartition.Whole);

        withStore.AlertsRaised.ShouldBeGreaterThan(0);
        without.Raised.ShouldBe(withStore.AlertsRaised);
        _db.DumpTable("SELECT rule_code, loan_id, facts FROM alerts ORDER BY rule_code, loan_id").ShouldBe(raised);
    }

    private static string Dump(Dictionary<long, FeatureLoan> loans) =>
        string.Join("\n", loans.OrderBy(l => l.Key).Select(l => $"{l.Key} {l.Value}"));

    /// <summary>Every collection of the data, keys in order and each key's rows in a fixed order.</summary>
    private static string Dump(MonitoringData d)
    {
        var text = new StringBuilder();
        void Add<T>(string name, Grouped<T> grouped, Func<T, string> row)
        {
            text.Append(name).Append(' ').Append(grouped.Keys).Append('\n');
            foreach (var (key, rows) in grouped.All.OrderBy(g => g.Key))
                text.Append(key).Append(": ").AppendJoin(" | ", rows.Select(row).Order(StringComparer.Ordinal)).Append('\n');
        }
        Add("statements", d.Statements, s => s.ToString());
        Add("covenants", d.Covenants, c => c.ToString());
        Add("bureau", d.Bureau, b => b.ToString());
        Add("collateral", d.Collateral, c => $"{c.LienStatus} {c.InsuranceExpiry} " + string.Join(";", c.Valuations.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.On}={v.Value}"))));
        Add("guarantor signals", d.GuarantorSignals, s => s.ToString());
        Add("borrower signals", d.BorrowerSignals, s => s.ToString());
        Add("fund uses", d.FundUses, f => f.ToString());
        Add("milestones", d.Milestones, m => m.ToString());
        return text.ToString();
    }
}
