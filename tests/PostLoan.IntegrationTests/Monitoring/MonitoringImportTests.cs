using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Import;
using PostLoan.Domain.Monitoring;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Monitoring;

/// <summary>
/// The monitoring data early warning reads (statements, covenants, milestones, fund uses, collateral and its
/// valuations, guarantors, bureau snapshots, signals), imported into a real database after the example book.
/// </summary>
public sealed class MonitoringImportTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static readonly string[] LoanBook = ["borrowers", "loans", "schedules", "repayments", "transactions"];

    /// <summary>The monitoring examples in the order docs/import-formats.md gives: collateral before valuations, guarantors before signals.</summary>
    private static readonly string[] MonitoringKinds = ["statements", "covenants", "milestones", "fund_uses", "collateral", "valuations", "guarantors", "bureau", "signals"];

    private static readonly string[] Tables =
        ["financial_statements", "covenants", "project_milestones", "fund_uses", "collateral", "collateral_valuations", "guarantors", "bureau_snapshots", "external_signals"];

    private ImportResult Import(string kind, string path) => new ImportService(_db.Settings).Import(ImportKinds.Parse(kind), path);

    private ImportResult ImportText(string kind, string csv) => Import(kind, _db.File($"{kind}-{Guid.NewGuid():N}.csv", csv));

    private void ImportExamples(params string[] kinds)
    {
        foreach (var kind in kinds)
        {
            var result = Import(kind, Examples.File($"{kind}.csv"));
            result.Succeeded.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => $"{kind} row {p.Row} {p.Column} '{p.Value}': {p.Cause}")));
        }
    }

    private void ImportEverything()
    {
        ImportExamples(LoanBook);
        ImportExamples(MonitoringKinds);
    }

    private static string Example(string kind) => File.ReadAllText(Examples.File($"{kind}.csv"));

    /// <summary>An example file with one line changed; fails when the line is not there, so a test cannot pass by changing nothing.</summary>
    private static string Changed(string kind, string from, string to)
    {
        var text = Example(kind);
        text.ShouldContain(from);
        return text.Replace(from, to);
    }

    private PostLoan.Infrastructure.Persistence.PostLoanDbContext Context() => _db.Settings.CreateContext();

    /// <summary>Every row of the monitoring tables (ciphertext included) and the loans' recompute flags, to show that nothing was written.</summary>
    private string Dump()
    {
        using var connection = _db.Settings.OpenConnection();
        var sb = new StringBuilder();
        foreach (var table in Tables.Append("loans"))
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM {table} ORDER BY id";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                sb.Append(table).Append(':');
                for (var i = 0; i < r.FieldCount; i++)
                    sb.Append(r.GetName(i)).Append('=').Append(r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append(';');
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void Every_example_imports_cleanly_after_the_example_book()
    {
        ImportEverything();

        using var db = Context();
        var b2001 = db.Borrowers.Single(b => b.ExternalId == "B2001").Id;
        var l2001 = db.Loans.Single(l => l.ExternalId == "L2001").Id;
        var l3001 = db.Loans.Single(l => l.ExternalId == "L3001").Id;

        db.FinancialStatements.Count().ShouldBe(4);
        var q1 = db.FinancialStatements.Single(s => s.BorrowerId == b2001 && s.PeriodEnd == new DateOnly(2025, 3, 31));
        (q1.Period, q1.ReceivedOn, q1.TotalAssets, q1.Inventory, q1.OperatingCashFlow, q1.DebtService)
            .ShouldBe((StatementPeriod.Quarterly, new DateOnly(2025, 4, 28), 86_500_000m, 16_100_000m, -1_250_000m, 1_020_000m));
        db.FinancialStatements.Single(s => s.Period == StatementPeriod.Annual && s.BorrowerId != b2001).NetProfit.ShouldBe(-3_800_000m);

        db.Covenants.Count().ShouldBe(6);
        var c = db.Covenants.Single(x => x.ExternalId == "C2001-2");
        (c.LoanId, c.Metric, c.Operator, c.Threshold, c.FromDate, c.ToDate)
            .ShouldBe((l2001, CovenantMetric.CurrentRatio, CovenantOperator.AtLeast, 1.20m, new DateOnly(2025, 1, 15), (DateOnly?)new DateOnly(2026, 1, 15)));
        db.Covenants.Single(x => x.ExternalId == "C2002-1").Metric.ShouldBe(CovenantMetric.Dscr);

        db.ProjectMilestones.Count().ShouldBe(3);
        var m = db.ProjectMilestones.Single(x => x.ExternalId == "M3001-2");
        (m.LoanId, m.Name, m.PlannedDate, m.ActualDate, m.PlannedCompletion, m.Completion, m.Budget, m.Spend)
            .ShouldBe((l3001, "主体结构封顶", new DateOnly(2025, 6, 30), (DateOnly?)null, 0.55m, 0.42m, 120_000_000m, 98_500_000m));

        db.FundUses.Count().ShouldBe(7);
        var f = db.FundUses.Single(x => x.ExternalId == "F2001-3");
        (f.LoanId, f.PaidOn, f.Amount, f.Counterparty, f.CounterpartyType, f.StatedPurpose)
            .ShouldBe((l2001, new DateOnly(2025, 2, 10), 250_000m, "浙江恒达机械制造有限公司工资专户", CounterpartyType.EmployeePayroll, "发放一月工资"));

        db.Collateral.Count().ShouldBe(5);
        var cl = db.Collateral.Single(x => x.ExternalId == "CL2002");
        (cl.Type, cl.AppraisedValue, cl.AppraisedOn, cl.LienStatus, cl.InsuranceExpiry)
            .ShouldBe((CollateralType.Equipment, 11_800_000m, new DateOnly(2024, 6, 18), LienStatus.Registered, (DateOnly?)new DateOnly(2025, 6, 17)));
        db.Collateral.Single(x => x.ExternalId == "CL3002").LienStatus.ShouldBe(LienStatus.Pending);

        // Each appraisal is its collateral's first valuation; three revaluations follow.
        db.CollateralValuations.Count().ShouldBe(8);
        db.CollateralValuations.Where(v => v.CollateralId == cl.Id).OrderBy(v => v.ValuedOn).Select(v => new { v.ValuedOn, v.Value, v.FromAppraisal }).ToList()
            .ShouldBe([new { ValuedOn = new DateOnly(2024, 6, 18), Value = 11_800_000m, FromAppraisal = true }, new { ValuedOn = new DateOnly(2025, 6, 18), Value = 9_400_000m, FromAppraisal = false }]);

        db.Guarantors.Count().ShouldBe(3);
        var g = db.Guarantors.Single(x => x.ExternalId == "G2001");
        (g.LoanId, g.Kind, g.Name, g.NationalId, g.GuaranteedAmount).ShouldBe((l2001, GuarantorKind.Individual, "陈建华", "330106197005123419", 3_000_000m));

        db.BureauSnapshots.Count().ShouldBe(4);
        var latest = db.BureauSnapshots.Where(x => x.BorrowerId == b2001).OrderByDescending(x => x.AsOf).First();
        (latest.AsOf, latest.TotalDebt, latest.OverdueDebt, latest.Overdue90Debt, latest.Inquiries3m, latest.Source)
            .ShouldBe((new DateOnly(2025, 6, 30), 71_500_000m, 1_260_000m, 0m, 4, "人民银行征信中心"));

        db.ExternalSignals.Count().ShouldBe(5);
        var s1 = db.ExternalSignals.Single(x => x.ExternalId == "S0001");
        (s1.SubjectType, s1.BorrowerId, s1.GuarantorId, s1.Kind, s1.OccurredOn, s1.Amount)
            .ShouldBe((SignalSubject.Borrower, (long?)b2001, (long?)null, SignalKind.CourtCase, new DateOnly(2025, 4, 10), (decimal?)1_260_000m));
        var s2 = db.ExternalSignals.Single(x => x.ExternalId == "S0002");
        (s2.SubjectType, s2.BorrowerId, s2.GuarantorId, s2.Amount).ShouldBe((SignalSubject.Guarantor, (long?)null, (long?)g.Id, (decimal?)null));

        // Stored as the other tables store them: money in cents, enums by name.
        _db.Count("SELECT amount FROM fund_uses WHERE external_id = 'F2001-3'").ShouldBe(25_000_000);
        _db.Count("SELECT COUNT(*) FROM fund_uses WHERE counterparty_type = 'EmployeePayroll'").ShouldBe(1);
        // Monitoring data feeds early warning, not servicing: no loan is marked for recompute by it.
        _db.Settings.CreateContext().Database.ExecuteSqlRawOn("UPDATE loans SET needs_recompute = FALSE");
        ImportText("fund_uses", Changed("fund_uses", "F2001-3,L2001,2025-02-10,250000.00", "F2001-3,L2001,2025-02-11,250000.00")).Updated.ShouldBe(1);
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute = TRUE").ShouldBe(0);
    }

    [Fact]
    public void Importing_the_examples_again_changes_nothing()
    {
        ImportEverything();
        var before = Dump();
        foreach (var kind in MonitoringKinds)
        {
            var again = Import(kind, Examples.File($"{kind}.csv"));
            again.Succeeded.ShouldBeTrue(kind);
            (again.Inserted, again.Updated, again.Unchanged).ShouldBe((0, 0, again.Rows), kind);
        }
        // Ciphertext included: an unchanged guarantor is not re-encrypted.
        Dump().ShouldBe(before);
    }

    [Fact]
    public void Values_written_differently_are_the_same_values()
    {
        ImportEverything();
        var result = ImportText("covenants", Changed("covenants", "C2002-2,L2002,interest_coverage,>=,3.0,", "C2002-2,L2002,interest_coverage,>=,3.000,"));
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 0, 6));
    }

    [Fact]
    public void A_changed_statement_is_updated_in_place()
    {
        ImportEverything();
        var result = ImportText("statements", Changed("statements", "96000000.00,5200000.00,7400000.00", "96000000.00,5100000.00,7400000.00"));
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 1, 3));
        using var db = Context();
        db.FinancialStatements.Count().ShouldBe(4);
        db.FinancialStatements.Single(s => s.Period == StatementPeriod.Annual && s.TotalAssets == 85_000_000m).NetProfit.ShouldBe(5_100_000m);
    }

    [Fact]
    public void A_statement_for_the_same_date_but_another_period_is_another_statement()
    {
        ImportEverything();
        var line = Example("statements").Split('\n')[1];
        var result = ImportText("statements", Example("statements").Split('\n')[0] + "\n" + line.Replace(",annual,", ",quarterly,") + "\n");
        (result.Inserted, result.Updated).ShouldBe((1, 0));
        _db.Count("SELECT COUNT(*) FROM financial_statements").ShouldBe(5);
    }

    [Fact]
    public void A_changed_covenant_is_updated()
    {
        ImportEverything();
        var result = ImportText("covenants", Changed("covenants", "C2001-1,L2001,debt_to_asset,<=,0.70,2025-01-15,", "C2001-1,L2001,debt_to_asset,<,0.65,2025-01-15,2026-01-15"));
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 1, 5));
        using var db = Context();
        var c = db.Covenants.Single(x => x.ExternalId == "C2001-1");
        (c.Operator, c.Threshold, c.ToDate).ShouldBe((CovenantOperator.Below, 0.65m, (DateOnly?)new DateOnly(2026, 1, 15)));
        c.IsKeptBy(0.66m).ShouldBeFalse();
    }

    [Fact]
    public void A_reached_milestone_is_updated()
    {
        ImportEverything();
        var result = ImportText("milestones", Changed("milestones", "M3001-2,L3001,主体结构封顶,2025-06-30,,0.55,0.42,120000000.00,98500000.00",
            "M3001-2,L3001,主体结构封顶,2025-06-30,2025-08-15,0.55,0.56,120000000.00,131000000.00"));
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 1, 2));
        using var db = Context();
        var m = db.ProjectMilestones.Single(x => x.ExternalId == "M3001-2");
        (m.ActualDate, m.Completion, m.Spend).ShouldBe(((DateOnly?)new DateOnly(2025, 8, 15), 0.56m, 131_000_000m));
    }

    [Fact]
    public void A_changed_fund_use_is_updated()
    {
        ImportEverything();
        var result = ImportText("fund_uses", Changed("fund_uses", "F3001-2,L3001,2024-12-10,62000000.00,天府新区土地储备中心,real_estate,土地出让金",
            "F3001-2,L3001,2024-12-10,62000000.00,天府新区土地储备中心,related_party,土地出让金"));
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 1, 6));
        using var db = Context();
        db.FundUses.Single(x => x.ExternalId == "F3001-2").CounterpartyType.ShouldBe(CounterpartyType.RelatedParty);
    }

    [Fact]
    public void A_new_appraisal_moves_the_first_valuation_and_keeps_the_revaluations()
    {
        ImportEverything();
        var result = ImportText("collateral", Changed("collateral", "CL1001,L1001,real_estate,杭州市西湖区文三路某小区3幢1201室 住宅 89.5平方米,1250000.00,2024-02-28,registered,2026-03-09",
            "CL1001,L1001,real_estate,杭州市西湖区文三路某小区3幢1201室 住宅 89.5平方米,1240000.00,2024-03-01,released,2026-03-09"));
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 1, 4));
        using var db = Context();
        var cl = db.Collateral.Single(x => x.ExternalId == "CL1001");
        (cl.AppraisedValue, cl.AppraisedOn, cl.LienStatus).ShouldBe((1_240_000m, new DateOnly(2024, 3, 1), LienStatus.Released));
        db.CollateralValuations.Where(v => v.CollateralId == cl.Id).OrderBy(v => v.ValuedOn).Select(v => new { v.ValuedOn, v.Value, v.Method }).ToList()
            .ShouldBe([new { ValuedOn = new DateOnly(2024, 3, 1), Value = 1_240_000m, Method = "appraisal" }, new { ValuedOn = new DateOnly(2025, 2, 28), Value = 1_180_000m, Method = "年度重估 浙江信诚房地产估价有限公司" }]);
    }

    [Fact]
    public void A_lien_released_leaves_the_appraisal_valuation_as_it_was()
    {
        ImportEverything();
        var before = _db.Count("SELECT id FROM collateral_valuations WHERE from_appraisal = TRUE AND collateral_id = (SELECT id FROM collateral WHERE external_id = 'CL3002')");
        ImportText("collateral", Changed("collateral", "2024-08-20,pending,", "2024-08-20,registered,")).Updated.ShouldBe(1);
        _db.Count("SELECT id FROM collateral_valuations WHERE from_appraisal = TRUE AND collateral_id = (SELECT id FROM collateral WHERE external_id = 'CL3002')").ShouldBe(before);
    }

    [Fact]
    public void A_revaluation_is_updated_by_collateral_and_date()
    {
        ImportEverything();
        var result = ImportText("valuations", Changed("valuations", "CL3001,2025-03-31,245000000.00", "CL3001,2025-03-31,238000000.00"));
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 1, 2));
        using var db = Context();
        var id = db.Collateral.Single(x => x.ExternalId == "CL3001").Id;
        db.CollateralValuations.Single(v => v.CollateralId == id && v.ValuedOn == new DateOnly(2025, 3, 31)).Value.ShouldBe(238_000_000m);
        db.CollateralValuations.Count().ShouldBe(8);
    }

    [Fact]
    public void A_changed_guarantor_is_updated_and_its_id_stays_encrypted()
    {
        ImportEverything();
        var result = ImportText("guarantors", Changed("guarantors", "G2001,L2001,individual,陈建华,330106197005123419,3000000.00", "G2001,L2001,individual,陈建华,330106197005123427,3500000.00"));
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 1, 2));
        using (var db = Context())
        {
            var g = db.Guarantors.Single(x => x.ExternalId == "G2001");
            (g.NationalId, g.GuaranteedAmount).ShouldBe(("330106197005123427", 3_500_000m));
        }
        using var connection = _db.Settings.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT national_id FROM guarantors ORDER BY id";
        using var r = cmd.ExecuteReader();
        var stored = new List<string>();
        while (r.Read()) stored.Add(r.GetString(0));
        stored.Count.ShouldBe(3);
        foreach (var value in stored)
        {
            value.ShouldStartWith("enc:v1:");
            value.ShouldNotContain("3301061970");
            value.ShouldNotContain("MA2A1B2C3D");
        }
    }

    [Fact]
    public void A_corrected_bureau_snapshot_is_updated_by_borrower_and_date()
    {
        ImportEverything();
        var result = ImportText("bureau", Changed("bureau", "B1002,2025-05-31,180000.00,52000.00,45000.00,6,", "B1002,2025-05-31,180000.00,60000.00,52000.00,7,"));
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 1, 3));
        using var db = Context();
        var b = db.BureauSnapshots.Single(x => x.AsOf == new DateOnly(2025, 5, 31));
        (b.OverdueDebt, b.Overdue90Debt, b.Inquiries3m).ShouldBe((60_000m, 52_000m, 7));
        db.BureauSnapshots.Count().ShouldBe(4);
    }

    [Fact]
    public void A_changed_signal_is_updated()
    {
        ImportEverything();
        var result = ImportText("signals", Changed("signals", "已立案,1260000.00", "已判决,1180000.00"));
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((0, 1, 4));
        using var db = Context();
        var s = db.ExternalSignals.Single(x => x.ExternalId == "S0001");
        (s.Summary, s.Amount).ShouldBe(("宁波甬钢贸易有限公司诉借款人买卖合同纠纷 已判决", (decimal?)1_180_000m));
    }

    [Fact]
    public void Each_file_is_one_audit_entry_named_by_its_kind()
    {
        ImportEverything();
        foreach (var kind in MonitoringKinds)
            _db.Count($"SELECT COUNT(*) FROM audit_entries WHERE action = 'import.{kind}' AND entity_type = 'import_file'").ShouldBe(1, kind);
    }

    [Fact]
    public void The_command_line_imports_a_monitoring_kind_by_its_name()
    {
        foreach (var kind in new[] { "borrowers", "loans", "fund_uses" })
        {
            var run = CliProcess.Run(_db.Folder, "import", kind, Examples.File($"{kind}.csv"), "--db", _db.Db);
            run.ExitCode.ShouldBe(0, run.Error);
        }
        _db.Count("SELECT COUNT(*) FROM fund_uses").ShouldBe(7);
        var bad = CliProcess.Run(_db.Folder, "import", "fund_uses", _db.File("bad.csv", "external_id,loan_external_id,paid_on,amount,counterparty,counterparty_type,stated_purpose\nF9,L9999,2025-01-10,1.00,某公司,supplier,采购\n"), "--db", _db.Db);
        bad.ExitCode.ShouldBe(1);
        bad.Error.ShouldContain("unknown loan");
    }

    // Each file has a good row first, so "nothing written" covers the whole file, then the bad row on row 3.
    private static readonly Dictionary<string, (string Header, string Good)> Files = new()
    {
        ["statements"] = ("borrower_external_id,period_end,period,received_on,total_assets,total_liabilities,current_assets,current_liabilities,inventory,receivables,revenue,net_profit,operating_cash_flow,interest_expense,debt_service",
            "B2001,2025-06-30,quarterly,2025-07-25,87000000.00,55000000.00,40000000.00,28000000.00,16000000.00,14000000.00,22000000.00,900000.00,1100000.00,430000.00,1050000.00"),
        ["covenants"] = ("external_id,loan_external_id,metric,operator,threshold,from_date,to_date", "C9-1,L2002,current_ratio,>=,1.10,2025-01-01,"),
        ["milestones"] = ("external_id,loan_external_id,name,planned_date,actual_date,planned_completion,completion,budget,spend", "M3001-9,L3001,附属设施,2025-12-31,,0.80,0.42,10000000.00,0.00"),
        ["fund_uses"] = ("external_id,loan_external_id,paid_on,amount,counterparty,counterparty_type,stated_purpose", "F9-1,L2002,2025-01-10,100000.00,杭州某五金店,supplier,刀具耗材"),
        ["collateral"] = ("external_id,loan_external_id,type,description,appraised_value,appraised_on,lien_status,insurance_expiry", "CL9,L1002,vehicle,小型轿车,120000.00,2025-01-05,registered,2026-01-04"),
        ["valuations"] = ("collateral_external_id,valued_on,value,method", "CL3002,2025-06-30,85000000.00,内部评估"),
        ["guarantors"] = ("external_id,loan_external_id,kind,name,national_id,guaranteed_amount", "G9,L1002,individual,王某,510107199001011234,50000.00"),
        ["bureau"] = ("borrower_external_id,as_of,total_debt,overdue_debt,overdue_90_debt,inquiries_3m,source", "B3001,2025-03-31,300000000.00,0.00,0.00,0,人民银行征信中心"),
        ["signals"] = ("external_id,subject_type,subject_external_id,kind,occurred_on,source,summary,amount", "S9,borrower,B1001,adverse_news,2025-06-01,舆情监测,测试,"),
    };

    public static TheoryData<string, string, string, string> BadRows => new()
    {
        // kind, bad row (row 3), column, cause
        { "statements", "B9999,2024-12-31,annual,2025-04-20,1.00,1.00,1.00,1.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00", "borrower_external_id", "unknown borrower" },
        { "statements", "B2001,2024-12-32,annual,2025-04-20,1.00,1.00,1.00,1.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00", "period_end", "not a date" },
        { "statements", "B2001,2023-12-31,annual,2024-04-20,-1.00,1.00,0.00,1.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00", "total_assets", "must not be negative" },
        { "statements", "B2001,2023-12-31,annual,2024-04-20,1.00,1.00,1.00,1.00,0.00,0.00,-5.00,0.00,0.00,0.00,0.00", "revenue", "must not be negative" },
        { "statements", "B2001,2023-12-31,half_year,2024-04-20,1.00,1.00,1.00,1.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00", "period", "not one of: annual, quarterly, monthly" },
        { "statements", "B2001,2023-12-31,annual,2024-04-20,100.00,50.00,120.00,40.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00", "current_assets", "more than total assets" },
        { "statements", "B2001,2023-12-31,annual,2024-04-20,100.00,50.00,60.00,40.00,70.00,0.00,0.00,0.00,0.00,0.00,0.00", "inventory", "more than current assets" },
        { "statements", "B2001,2023-12-31,annual,2024-04-20,100.00,50.00,60.00,55.00,10.00,0.00,0.00,0.00,0.00,0.00,0.00", "current_liabilities", "more than total liabilities" },
        { "statements", "B2001,2023-12-31,annual,2023-12-30,100.00,50.00,60.00,40.00,10.00,0.00,0.00,0.00,0.00,0.00,0.00", "received_on", "before the period end" },
        { "statements", "B2001,2025-06-30,quarterly,2025-07-26,1.00,1.00,1.00,1.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00", "period_end", "duplicate quarterly statement of borrower B2001 for 2025-06-30: also on row 2" },
        { "covenants", "C9-2,L9999,dscr,>=,1.20,2025-01-01,", "loan_external_id", "unknown loan" },
        { "covenants", "C9-2,L2002,dscr,>=,1.20,2025-01-01,2025-02-30", "to_date", "not a date" },
        { "covenants", "C9-2,L2002,leverage,>=,1.20,2025-01-01,", "metric", "not one of: debt_to_asset, current_ratio, quick_ratio, interest_coverage, dscr" },
        { "covenants", "C9-2,L2002,dscr,=>,1.20,2025-01-01,", "operator", "not one of: <=, <, >=, >" },
        { "covenants", "C9-2,L2002,dscr,>=,-1.20,2025-01-01,", "threshold", "must be between 0 and 1000" },
        { "covenants", "C9-2,L2002,dscr,>=,1.2000001,2025-01-01,", "threshold", "more than 6 decimal places" },
        { "covenants", "C9-2,L2002,dscr,>=,1.20,2025-01-01,2024-12-31", "to_date", "before from_date 2025-01-01" },
        { "covenants", "C9-1,L2002,dscr,>=,1.20,2025-01-01,", "external_id", "duplicate id: also on row 2" },
        { "milestones", "M9,L9999,封顶,2025-06-30,,0.5,0.4,1.00,0.00", "loan_external_id", "unknown loan" },
        { "milestones", "M9,L2001,封顶,2025-06-30,,0.5,0.4,1.00,0.00", "loan_external_id", "the loan's segment is corporate; milestones belong to project loans" },
        { "milestones", "M9,L3001,封顶,2025-06-31,,0.5,0.4,1.00,0.00", "planned_date", "not a date" },
        { "milestones", "M9,L3001,封顶,2025-06-30,,0.5,0.4,-1.00,0.00", "budget", "must not be negative" },
        { "milestones", "M9,L3001,封顶,2025-06-30,,0.5,1.4,1.00,0.00", "completion", "must be between 0 and 1" },
        { "milestones", "M9,L3001,封顶,2026-03-31,,0.70,0.4,1.00,0.00", "planned_completion", "plans 0.7 of the project done, less than the 0.8 of milestone M3001-9 planned for 2025-12-31" },
        { "milestones", "M9,L3001,封顶,2026-12-31,,0.90,0.4,1.00,0.00", "planned_completion", "less than the 1 of milestone M3001-3 planned for 2026-06-30 (already recorded)" },
        { "fund_uses", "F9-2,L9999,2025-01-10,1.00,某公司,supplier,采购", "loan_external_id", "unknown loan" },
        { "fund_uses", "F9-2,L2002,2024-06-19,1.00,某公司,supplier,采购", "paid_on", "before the loan's disbursement on 2024-06-20" },
        { "fund_uses", "F9-2,L2002,2025/01/10,1.00,某公司,supplier,采购", "paid_on", "not a date" },
        { "fund_uses", "F9-2,L2002,2025-01-10,-1.00,某公司,supplier,采购", "amount", "must not be negative" },
        { "fund_uses", "F9-2,L2002,2025-01-10,1.00,某公司,bank,采购", "counterparty_type", "not one of: supplier, contractor, employee_payroll" },
        { "fund_uses", "F9-2,L2002,2025-01-10,400000.01,某公司,securities,理财", "amount", "the loan's fund uses add up to 12000000.01, more than its principal 12000000.00" },
        { "collateral", "CL9-2,L9999,vehicle,轿车,1.00,2025-01-05,registered,", "loan_external_id", "unknown loan" },
        { "collateral", "CL9-2,L1002,gold,金条,1.00,2025-01-05,registered,", "type", "not one of: real_estate, vehicle, deposit, equipment, equity, receivables" },
        { "collateral", "CL9-2,L1002,vehicle,轿车,1.00,2025-01-05,active,", "lien_status", "not one of: registered, pending, released" },
        { "collateral", "CL9-2,L1002,vehicle,轿车,-1.00,2025-01-05,registered,", "appraised_value", "must not be negative" },
        { "collateral", "CL9-2,L1002,vehicle,轿车,1.00,2025-01-05,registered,2026-1-4", "insurance_expiry", "not a date" },
        { "collateral", "CL9-2,L1002,deposit,存单,1.00,2025-01-05,registered,2026-01-04", "insurance_expiry", "a deposit collateral is not insured" },
        { "collateral", "CL1001,L1001,real_estate,住宅,1250000.00,2025-02-28,registered,2026-03-09", "appraised_on", "not before the collateral's first revaluation on 2025-02-28" },
        { "valuations", "CL9999,2025-06-30,1.00,评估", "collateral_external_id", "unknown collateral" },
        { "valuations", "CL3002,2025-06-31,1.00,评估", "valued_on", "not a date" },
        { "valuations", "CL3002,2025-07-31,-1.00,评估", "value", "must not be negative" },
        { "valuations", "CL3002,2024-08-20,1.00,评估", "valued_on", "not after the collateral's appraisal on 2024-08-20" },
        { "valuations", "CL3002,2025-06-30,1.00,评估", "valued_on", "duplicate valuation of CL3002 on 2025-06-30: also on row 2" },
        { "guarantors", "G9-2,L9999,individual,某人,510107199001011234,1.00", "loan_external_id", "unknown loan" },
        { "guarantors", "G9-2,L1002,partnership,某合伙企业,510107199001011234,1.00", "kind", "not one of: individual, corporate" },
        { "guarantors", "G9-2,L1002,individual,某人,510107199001011234,-1.00", "guaranteed_amount", "must not be negative" },
        { "guarantors", "G9-2,L1002,individual,某人,,1.00", "national_id", "required value is empty" },
        { "bureau", "B9999,2025-03-31,1.00,0.00,0.00,0,征信", "borrower_external_id", "unknown borrower" },
        { "bureau", "B1001,2025-3-31,1.00,0.00,0.00,0,征信", "as_of", "not a date" },
        { "bureau", "B1001,2025-06-30,-1.00,0.00,0.00,0,征信", "total_debt", "must not be negative" },
        { "bureau", "B1001,2025-06-30,1.00,0.00,0.00,-1,征信", "inquiries_3m", "must be between 0 and 10000" },
        { "bureau", "B1001,2025-06-30,100.00,120.00,0.00,0,征信", "overdue_debt", "more than the total debt (100.00)" },
        { "bureau", "B1001,2025-06-30,100.00,50.00,60.00,0,征信", "overdue_90_debt", "more than the overdue debt (50.00)" },
        { "bureau", "B3001,2025-03-31,1.00,0.00,0.00,0,征信", "as_of", "duplicate snapshot of borrower B3001 as of 2025-03-31: also on row 2" },
        { "signals", "S9-2,borrower,B9999,court_case,2025-06-01,法院,诉讼,", "subject_external_id", "unknown borrower" },
        { "signals", "S9-2,guarantor,B2001,court_case,2025-06-01,法院,诉讼,", "subject_external_id", "unknown guarantor" },
        { "signals", "S9-2,lender,B2001,court_case,2025-06-01,法院,诉讼,", "subject_type", "not one of: borrower, guarantor" },
        { "signals", "S9-2,borrower,B2001,rumour,2025-06-01,法院,诉讼,", "kind", "not one of: court_case, enforcement, adverse_news, executive_change, industry_list_change" },
        { "signals", "S9-2,borrower,B2001,court_case,06/01/2025,法院,诉讼,", "occurred_on", "not a date" },
        { "signals", "S9-2,borrower,B2001,court_case,2025-06-01,法院,诉讼,-100.00", "amount", "must not be negative" },
        { "signals", "S9-2,guarantor,G2001,executive_change,2025-06-01,公示系统,变更,", "kind", "a executive_change concerns a company; G2001 is an individual" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_bad_row_is_refused_with_its_row_and_column_and_nothing_is_written(string kind, string bad, string column, string cause)
    {
        ImportEverything();
        var before = Dump();
        var (header, good) = Files[kind];

        var result = ImportText(kind, $"{header}\n{good}\n{bad}\n");

        result.Succeeded.ShouldBeFalse();
        result.Problems.ShouldContain(p => p.Row == 3 && p.Column == column && p.Cause.Contains(cause),
            string.Join("\n", result.Problems.Select(p => $"row {p.Row} column '{p.Column}' value '{p.Value}': {p.Cause}")));
        Dump().ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void The_good_rows_of_those_files_import_on_their_own(string kind)
    {
        ImportEverything();
        var (header, good) = Files[kind];
        var result = ImportText(kind, $"{header}\n{good}\n");
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => $"row {p.Row} {p.Column} '{p.Value}': {p.Cause}")));
        result.Inserted.ShouldBe(1);
    }

    public static TheoryData<string> GoodFiles => new(Files.Keys);

    [Fact]
    public void Every_problem_of_a_file_is_listed_in_file_order()
    {
        ImportEverything();
        var result = ImportText("bureau", "borrower_external_id,as_of,total_debt,overdue_debt,overdue_90_debt,inquiries_3m,source\n"
            + "B9999,2025-06-30,1.00,0.00,0.00,0,征信\nB1001,2025-06-30,abc,0.00,0.00,0,征信\nB1001,2025-07-31,1.00,0.00,0.00,x,征信\n");
        result.Problems.Select(p => (p.Row, p.Column)).ShouldBe([(2, "borrower_external_id"), (3, "total_debt"), (4, "inquiries_3m")]);
        result.Problems[1].Value.ShouldBe("abc");
    }

    [Fact]
    public void A_guarantors_id_number_in_a_problem_report_is_masked()
    {
        ImportEverything();
        var result = ImportText("guarantors", "external_id,loan_external_id,kind,name,national_id,guaranteed_amount\nG9,L9999,individual,某人,510107199001011234,1.00\nG10,L1002,individual,某人,"
            + new string('5', 70) + ",1.00\n");
        result.Problems.ShouldContain(p => p.Column == "national_id");
        string.Join("\n", result.Problems.Select(p => p.Value)).ShouldNotContain("5555555555");
    }

    [Fact]
    public void Valuations_of_collateral_not_yet_imported_are_refused()
    {
        ImportExamples(LoanBook);
        var result = Import("valuations", Examples.File("valuations.csv"));
        result.Problems.Select(p => (p.Row, p.Column)).ShouldBe([(2, "collateral_external_id"), (3, "collateral_external_id"), (4, "collateral_external_id")]);
        _db.Count("SELECT COUNT(*) FROM collateral_valuations").ShouldBe(0);
    }
}
