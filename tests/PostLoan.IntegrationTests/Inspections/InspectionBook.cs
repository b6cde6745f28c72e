using PostLoan.Application.Common;
using PostLoan.Application.Configuration;
using PostLoan.Application.EndOfDay;
using PostLoan.Application.Import;
using PostLoan.Application.Inspections;
using PostLoan.Domain.Inspections;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Inspections;

/// <summary>
/// A crafted book for the inspection tests, all disbursed on 2025-01-10: a corporate working-capital loan (C1, manager
/// BR1-AM01), a project loan (P1, BR1-AM02), a small consumer loan (R1, branch BR2) and a large mortgage (R2, BR1-AM01).
/// The retail sample is switched off so that which loans get periodic inspections does not depend on their ids.
/// </summary>
public sealed class InspectionBook : IDisposable
{
    public static readonly DateOnly Disbursed = new(2025, 1, 10);

    public InspectionBook()
    {
        Book.ImportCsv(Db, ImportKind.Borrowers, """
            external_id,kind,name,national_id,phone,region,industry,account_manager,branch,bureau_total_debt,bureau_overdue_90_debt,bureau_as_of
            B1,corporate,华东精密机械有限公司,91330106MA2B3C4D5E,0571-87000001,浙江,manufacturing,BR1-AM01,BR1,,,
            B2,corporate,西部新城项目建设有限公司,91510100MA6C7D8E9F,028-85000001,四川,real_estate_development,BR1-AM02,BR1,,,
            B3,individual,赵敏,510107199107233011,13880200002,浙江,,BR2-AM01,BR2,,,
            B4,individual,钱进,330106198803152428,13957100001,浙江,,BR1-AM01,BR1,,,

            """.Replace("\r", ""));
        Book.ImportCsv(Db, ImportKind.Loans, """
            external_id,borrower_external_id,product,segment,currency,principal,annual_rate_percent,term_months,disbursed_on,first_due_on,method,grace_days,penalty_uplift_percent,purpose,entrusted_payment,restructured_on,class_before_restructure,extended
            C1,B1,WORKING_CAPITAL,corporate,CNY,1000000.00,4.35,12,2025-01-10,2025-02-15,interest-only,0,50,采购原材料,false,,,false
            P1,B2,PROJECT,project,CNY,50000000.00,4.50,36,2025-01-10,2025-02-10,equal-principal,0,50,项目建设,true,,,false
            R1,B3,CONSUMER,retail,CNY,50000.00,9.60,12,2025-01-10,2025-02-10,equal-installment,0,50,家庭装修,false,,,false
            R2,B4,MORTGAGE,retail,CNY,800000.00,4.10,240,2025-01-10,2025-02-10,equal-installment,0,50,购买自住住房,true,,,false

            """.Replace("\r", ""));
    }

    public TempDatabase Db { get; } = new();

    public InspectionSettings Settings { get; } = new()
    {
        Policy = VisitPolicy.Default with { RetailSampleNormal = 0, RetailSampleSpecialMention = 0, RetailSampleNonPerforming = 0 },
        Teams = new(StringComparer.OrdinalIgnoreCase) { ["T1"] = ["BR1-AM01"] },
    };

    public TaskBook Tasks => new(Db.Settings, TimeProvider.System);
    public ReportBook Reports => new(Db.Settings, TimeProvider.System);
    public BriefingQuery Briefings => new(Db.Settings, Settings, TimeProvider.System);

    public static TaskViewer Manager(string code) => new("user:" + code.ToLowerInvariant(), code, ["account_manager"], code[..3], DataScope.Manager(code));

    public static readonly TaskViewer BranchManager = new("user:bm1", null, ["branch_manager"], "BR1", DataScope.Branch("BR1"));
    public static readonly TaskViewer Risk = new("user:risk", null, ["risk_officer"], null, DataScope.All);

    public EndOfDayResult Eod(DateOnly through)
    {
        var result = new EndOfDayService(Db.Settings, new ServicingSettings { Inspections = Settings }, TimeProvider.System)
            .Run(new EndOfDayRequest(null, through));
        result.Succeeded.ShouldBeTrue(result.Failure?.Message);
        return result.Value!;
    }

    public IReadOnlyList<InspectionTask> AllTasks()
    {
        using var db = Db.Settings.CreateContext();
        return [.. db.InspectionTasks.OrderBy(t => t.Id)];
    }

    public long LoanId(string loan)
    {
        using var db = Db.Settings.CreateContext();
        return db.Loans.Single(l => l.ExternalId == loan).Id;
    }

    public InspectionTask Task(string loan, string kind) => AllTasks().Single(t => t.LoanId == LoanId(loan) && t.Kind == kind && t.IsOpen);

    public void Dispose() => Db.Dispose();
}
