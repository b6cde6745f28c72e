using System.Globalization;
using System.Text;
using PostLoan.Application.Import;

namespace PostLoan.Application.Demo;

/// <summary>One monitoring file of a generated book, with its number of rows.</summary>
public sealed record DemoMonitoringFile(ImportKind Kind, string Path, int Rows);

/// <summary>
/// The monitoring data of a generated book (docs/import-formats.md, "Monitoring data"): financial
/// statements, covenants, project milestones, fund uses, collateral and valuations, guarantors,
/// credit-bureau snapshots and external signals, for the book's own borrowers and loans.
/// <para>
/// Borrowers whose loans default deteriorate in the 6–12 months before the first missed payment
/// (leverage up, liquidity and cover down, revenue falling, late or missing statements, debt and
/// overdue at other lenders, court cases), and some weak borrowers go through a rough patch they
/// survive; healthy borrowers carry a little noise. So a back-test of the early-warning rules on
/// the demo finds signals ahead of defaults against a base rate of false alarms.
/// </para>
/// </summary>
internal sealed class DemoMonitoringGenerator(DemoBookOptions options, IReadOnlyList<DemoBorrower> borrowers, IReadOnlyList<DemoLoan> loans)
{
    // A stream of its own: drawing from the book's would change the book for a seed.
    private readonly Random _random = new(unchecked(options.Seed + 0x6D6F6E69));
    private readonly DateOnly _asOf = options.AsOf;

    private readonly Sheet _statements = new(ImportKind.Statements, "borrower_external_id,period_end,period,received_on,total_assets,total_liabilities,current_assets,current_liabilities,inventory,receivables,revenue,net_profit,operating_cash_flow,interest_expense,debt_service");
    private readonly Sheet _covenants = new(ImportKind.Covenants, "external_id,loan_external_id,metric,operator,threshold,from_date,to_date");
    private readonly Sheet _milestones = new(ImportKind.Milestones, "external_id,loan_external_id,name,planned_date,actual_date,planned_completion,completion,budget,spend");
    private readonly Sheet _fundUses = new(ImportKind.FundUses, "external_id,loan_external_id,paid_on,amount,counterparty,counterparty_type,stated_purpose");
    private readonly Sheet _collateral = new(ImportKind.Collateral, "external_id,loan_external_id,type,description,appraised_value,appraised_on,lien_status,insurance_expiry");
    private readonly Sheet _valuations = new(ImportKind.Valuations, "collateral_external_id,valued_on,value,method");
    private readonly Sheet _guarantors = new(ImportKind.Guarantors, "external_id,loan_external_id,kind,name,national_id,guaranteed_amount");
    private readonly Sheet _bureau = new(ImportKind.Bureau, "borrower_external_id,as_of,total_debt,overdue_debt,overdue_90_debt,inquiries_3m,source");
    private readonly Sheet _signals = new(ImportKind.Signals, "external_id,subject_type,subject_external_id,kind,occurred_on,source,summary,amount");

    /// <summary>Writes the nine files into <paramref name="folder"/>, in the order they import (collateral before valuations, guarantors before signals).</summary>
    public IReadOnlyList<DemoMonitoringFile> WriteTo(string folder)
    {
        var loansOf = loans.GroupBy(l => l.Borrower.Id).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var borrower in borrowers)
        {
            if (!loansOf.TryGetValue(borrower.Id, out var own)) continue;
            var stress = StressOf(borrower, own);
            var company = borrower.Corporate ? CompanyOf(borrower, own) : null;
            if (company is not null) Statements(borrower, own, company, stress);
            // The bank pulls a company's report every quarter, an individual's only for a sample of the book.
            if (borrower.Corporate || Chance(0.3)) Bureau(borrower, own, stress);
            Signals(borrower, own, stress);
            foreach (var loan in own)
            {
                if (company is not null) Covenants(loan, company);
                if (loan.Segment == "project") Milestones(loan, stress);
                if (borrower.Corporate) FundUses(loan, stress);
                Collateral(loan, stress);
                Guarantor(loan, stress);
            }
        }

        Sheet[] sheets = [_statements, _covenants, _milestones, _fundUses, _collateral, _valuations, _guarantors, _bureau, _signals];
        return sheets.Select(s => s.Write(folder)).ToList();
    }

    // ---- how a borrower fares -------------------------------------------------------------

    /// <summary>How far a borrower has fallen on a date: 0 healthy until <see cref="Start"/>, <see cref="Depth"/> from <see cref="Peak"/> on.</summary>
    /// <param name="Default">The first payment the borrower misses on any loan; null when it never defaults.</param>
    private sealed record Stress(DateOnly Start, DateOnly Peak, double Depth, DateOnly? Default)
    {
        public static readonly Stress None = new(DateOnly.MaxValue, DateOnly.MaxValue, 0, null);

        public bool Deteriorating => Depth > 0;

        public double At(DateOnly day) =>
            day <= Start ? 0 : day >= Peak ? Depth : Depth * (day.DayNumber - Start.DayNumber) / (Peak.DayNumber - Start.DayNumber);
    }

    private Stress StressOf(DemoBorrower borrower, List<DemoLoan> own)
    {
        var firstMissed = own.Where(l => l.FirstMissed is not null).Select(l => l.FirstMissed!.Value).DefaultIfEmpty(DateOnly.MaxValue).Min();
        if (firstMissed != DateOnly.MaxValue)
            // At its worst a couple of months before the first missed payment: the last statements and bureau reports before default show it.
            return new Stress(firstMissed.AddMonths(-_random.Next(6, 13)), firstMissed.AddMonths(-2), 1.0, firstMissed);
        var paidShort = own.Where(l => l.PaidShortFrom is not null).Select(l => l.PaidShortFrom!.Value).DefaultIfEmpty(DateOnly.MaxValue).Min();
        if (paidShort != DateOnly.MaxValue)
            // Paying only part of the installments for months is a cash squeeze too (some run past 90 days), milder than a default.
            return new Stress(paidShort.AddMonths(-_random.Next(6, 13)), paidShort.AddMonths(-1), Uniform(0.5, 0.8), null);
        if (borrower.Weak && Chance(0.5))
        {
            // A rough patch that does not end in default: the false alarms a back-test must weigh.
            var first = own.Min(l => l.DisbursedOn);
            var start = first.AddDays(_random.Next(0, Math.Max(1, _asOf.DayNumber - first.DayNumber)));
            return new Stress(start, start.AddMonths(_random.Next(6, 13)), Uniform(0.3, 0.6), null);
        }
        return Stress.None;
    }

    /// <summary>A company's healthy shape, which stress then bends.</summary>
    private sealed record Company(double Assets, double Leverage, double Current, double Coverage, double Turnover, double CurrentShare,
        double InventoryShare, double ReceivableShare, double Growth, double Rate, double Amortization);

    private Company CompanyOf(DemoBorrower borrower, List<DemoLoan> own)
    {
        var debt = (double)own.Sum(l => l.Principal);
        return borrower.Project
            // A project company: few, large fixed assets, properties under development as inventory, little revenue yet.
            ? new Company(debt * Uniform(1.6, 2.4), Uniform(0.45, 0.65), Uniform(1.2, 2.0), Uniform(3, 6), Uniform(0.10, 0.20), Uniform(0.35, 0.5),
                Uniform(0.5, 0.7), Uniform(0.05, 0.10), Uniform(0.0, 0.08), Uniform(0.04, 0.055), Uniform(0.04, 0.08))
            : new Company(debt * Uniform(2.5, 6), Uniform(0.40, 0.65), Uniform(1.2, 2.0), Uniform(3, 8), Uniform(0.7, 1.4), Uniform(0.3, 0.45),
                borrower.Industry is "manufacturing" or "wholesale_retail" ? Uniform(0.25, 0.4) : Uniform(0.1, 0.25),
                Uniform(0.10, 0.20), Uniform(-0.02, 0.10), Uniform(0.04, 0.06), Uniform(0.06, 0.12));
    }

    // ---- statements and covenants ---------------------------------------------------------

    private void Statements(DemoBorrower borrower, List<DemoLoan> own, Company company, Stress stress)
    {
        // From a year before the first loan, so the first statements under the loan have a year-ago comparison.
        var origin = QuarterEnd(own.Min(l => l.DisbursedOn).AddMonths(-15));
        for (var q = origin; q <= _asOf; q = QuarterEnd(q.AddDays(1)))
        {
            // The quarterly and the annual statement ending on 31 December share one balance sheet.
            var sheet = BalanceSheetOf(company, stress, origin, q);
            Statement(borrower, company, stress, sheet, q, 3);
            if (q.Month == 12) Statement(borrower, company, stress, sheet, q, 12);
        }
    }

    /// <summary>Balances at a period end, already rounded to the thousand as statements are, and consistent part-of-whole.</summary>
    private sealed record BalanceSheet(double Scale, decimal Assets, decimal Liabilities, decimal CurrentAssets, decimal CurrentLiabilities, decimal Inventory, decimal Receivables);

    private BalanceSheet BalanceSheetOf(Company c, Stress stress, DateOnly origin, DateOnly periodEnd)
    {
        var s = stress.At(periodEnd);
        var scale = c.Assets * Math.Pow(1 + c.Growth, (periodEnd.DayNumber - origin.DayNumber) / 365.25);
        var assets = scale * (1 - 0.08 * s) * (1 + Noise(0.015));
        var liabilities = assets * Math.Clamp(c.Leverage + s * (0.88 - c.Leverage) + Noise(0.015), 0.1, 0.97);
        var currentAssets = assets * c.CurrentShare * (1 - 0.1 * s) * (1 + Noise(0.03));
        var currentRatio = Math.Max(0.45, c.Current - s * (c.Current - 0.72) + Noise(0.05));
        var currentLiabilities = currentAssets / currentRatio;
        if (currentLiabilities > 0.9 * liabilities)
        {
            // A lightly geared company keeps the ratio with less current debt, not more than it owes.
            currentLiabilities = 0.9 * liabilities;
            currentAssets = Math.Min(currentLiabilities * currentRatio, 0.95 * assets);
        }
        var inventory = currentAssets * Math.Min(0.9, c.InventoryShare * (1 + 0.15 * s));
        // Customers pay slower as the business weakens, so receivables outgrow revenue.
        var receivables = Math.Min(scale * c.Turnover * (1 - 0.5 * s) * c.ReceivableShare * (1 + 0.9 * s), 0.95 * (currentAssets - inventory));

        var a = Thousands(assets);
        var l = Thousands(liabilities);
        var ca = Math.Min(Thousands(currentAssets), a);
        return new BalanceSheet(scale, a, l, ca, Math.Min(Thousands(currentLiabilities), l), Math.Min(Thousands(inventory), ca), Math.Max(0, Thousands(receivables)));
    }

    private void Statement(DemoBorrower borrower, Company c, Stress stress, BalanceSheet sheet, DateOnly periodEnd, int months)
    {
        if (ReceivedOn(stress, periodEnd, months) is not { } received || received > _asOf) return;
        // Flows cover the period, so an annual statement sees the average of its quarters.
        var s = months == 12 ? Enumerable.Range(0, 4).Average(k => stress.At(periodEnd.AddMonths(-3 * k))) : stress.At(periodEnd);
        var part = months / 12.0;
        var revenue = sheet.Scale * c.Turnover * (1 - 0.5 * s) * part * (1 + Noise(0.04));
        var interest = (double)sheet.Liabilities * 0.6 * c.Rate * part;
        var coverage = c.Coverage - s * (c.Coverage - 0.4) + Noise(0.25);
        var netProfit = (coverage - 1) * interest;
        var depreciation = (double)sheet.Assets * 0.035 * part;
        var operatingCash = (netProfit + depreciation) * (1 + Noise(0.15)) - s * revenue * 0.25 + revenue * Noise(0.01);
        var debtService = interest + (double)sheet.Liabilities * 0.6 * c.Amortization * part;
        _statements.Add(borrower.Id, Day(periodEnd), months == 12 ? "annual" : "quarterly", Day(received),
            Amount(sheet.Assets), Amount(sheet.Liabilities), Amount(sheet.CurrentAssets), Amount(sheet.CurrentLiabilities), Amount(sheet.Inventory), Amount(sheet.Receivables),
            Amount(Math.Max(0, Thousands(revenue))), Amount(Thousands(netProfit)), Amount(Thousands(operatingCash)),
            Amount(Math.Max(0, Thousands(interest))), Amount(Math.Max(0, Thousands(debtService))));
    }

    /// <summary>When the bank receives a statement; null when it never does. A failing borrower reports late or not at all.</summary>
    private DateOnly? ReceivedOn(Stress stress, DateOnly periodEnd, int months)
    {
        var days = months == 12 ? _random.Next(80, 116) : _random.Next(15, 41);
        var s = stress.At(periodEnd);
        var (missing, late) = stress.Default is { } d && periodEnd >= d ? (0.5, 0.4)
            : stress.Default is not null && s > 0.5 ? (0.3, 0.4)
            : s > 0.3 ? (0.05, 0.2)
            : (0.01, 0.03);
        var x = _random.NextDouble();
        if (x < missing) return null;
        if (x < missing + late) days += _random.Next(45, 111);
        return periodEnd.AddDays(days);
    }

    /// <summary>Covenants set at signing with headroom over the company's healthy ratios, so only a real decline breaches them.</summary>
    private void Covenants(DemoLoan loan, Company c)
    {
        if (!Chance(0.85)) return;
        var n = 0;
        var to = Chance(0.5) ? Day(loan.DisbursedOn.AddMonths(loan.TermMonths)) : "";
        void Add(string metric, string op, decimal threshold, DateOnly from) =>
            _covenants.Add($"C{loan.Id[1..]}-{++n}", loan.Id, metric, op, threshold.ToString("0.00", CultureInfo.InvariantCulture), Day(from), to);

        if (loan.Segment == "project")
        {
            Add("debt_to_asset", "<=", c.Leverage < 0.6 ? 0.75m : 0.80m, loan.DisbursedOn);
            // Debt service is tested once the project earns, after construction.
            if (Chance(0.6)) Add("dscr", ">=", 1.10m, loan.DisbursedOn.AddMonths(24));
            return;
        }
        Add("debt_to_asset", "<=", c.Leverage < 0.6 ? 0.70m : 0.75m, loan.DisbursedOn);
        if (Chance(0.7)) Add("current_ratio", ">=", c.Current < 1.45 ? 1.00m : 1.20m, loan.DisbursedOn);
        if (Chance(0.4)) Add("dscr", ">=", 1.10m, loan.DisbursedOn);
        if (Chance(0.3)) Add("interest_coverage", ">=", c.Coverage < 4.5 ? 2.00m : 3.00m, loan.DisbursedOn);
    }

    // ---- projects and the use of proceeds -------------------------------------------------

    private static readonly (string Name, int Month, double Completion)[] ProjectPlan =
    [
        ("土地平整与拆迁安置完成", 3, 0.10), ("基础工程完成", 8, 0.30), ("主体结构封顶", 15, 0.60),
        ("装饰装修与设备安装完成", 21, 0.85), ("竣工验收", 24, 1.00),
    ];

    private void Milestones(DemoLoan loan, Stress stress)
    {
        var total = (double)loan.Principal * Uniform(1.3, 1.7);
        var slack = Uniform(-0.03, 0.05);
        var overrun = Uniform(-0.03, 0.06);
        var plan = ProjectPlan.Select(p => (p.Name, Date: loan.DisbursedOn.AddMonths(p.Month), p.Completion)).ToArray();

        double Planned(DateOnly t)
        {
            var (fromDay, fromDone) = (loan.DisbursedOn, 0.0);
            foreach (var (_, date, done) in plan)
            {
                if (t <= date) return fromDone + (done - fromDone) * (t.DayNumber - fromDay.DayNumber) / (date.DayNumber - fromDay.DayNumber);
                (fromDay, fromDone) = (date, done);
            }
            return 1.0;
        }
        // A troubled project falls behind as its sponsor weakens and stops when the money does.
        double Actual(DateOnly t)
        {
            var at = stress.Default is { } d && t > d ? d : t;
            return Math.Clamp(Planned(at) - slack - 0.3 * stress.At(at), 0, 1);
        }

        var progress = new List<(DateOnly Day, double Done)>();
        var best = 0.0;
        for (var t = loan.DisbursedOn; t <= _asOf; t = t.AddDays(7))
        {
            best = Math.Max(best, Actual(t));
            progress.Add((t, best));
        }
        var now = progress.Count > 0 ? progress[^1].Done : 0;
        var previous = 0.0;
        for (var i = 0; i < plan.Length; i++)
        {
            var (name, date, target) = plan[i];
            var reachedAt = progress.FindIndex(p => p.Done >= target - 1e-9);
            DateOnly? reached = reachedAt >= 0 ? progress[reachedAt].Day : null;
            var done = reached is null ? now : target;
            var budget = total * (target - previous);
            var share = Math.Clamp((done - previous) / (target - previous), 0, 1);
            var spend = budget * share * (1 + overrun + 0.35 * stress.At(reached ?? _asOf));
            _milestones.Add($"M{loan.Id[1..]}-{i + 1}", loan.Id, name, Day(date), reached is { } r ? Day(r) : "",
                Fraction(target), Fraction(Math.Round(done, 4)), Amount(Thousands(budget)), Amount(Math.Max(0, Thousands(spend))));
            previous = target;
        }
    }

    private void FundUses(DemoLoan loan, Stress stress)
    {
        var region = loan.Borrower.Region.Name;
        var payments = new List<(int Day, double Weight, string Type, string Counterparty, string Purpose)>();
        switch (loan.Product)
        {
            case "WORKING_CAPITAL":
                for (var i = _random.Next(2, 6); i > 0; i--)
                    payments.Add((_random.Next(0, 61), Uniform(0.5, 1.5), "supplier", CompanyName(region, Pick(SupplierTrades)), Pick(["采购原材料", "支付货款", "采购商品", "支付加工费"])));
                payments.Add((_random.Next(5, 35), 0.3, "employee_payroll", $"{loan.Borrower.Name}工资专户", "发放员工工资"));
                if (Chance(0.5)) payments.Add((_random.Next(10, 45), 0.2, "tax", $"国家税务总局{region}税务局", "缴纳增值税"));
                break;
            case "FIXED_ASSET":
                for (var i = _random.Next(1, 4); i > 0; i--)
                    payments.Add((_random.Next(0, 31), Uniform(0.5, 1.5), "supplier", CompanyName(region, Pick(["机床设备", "自动化设备", "机电设备"])), Pick(["购置生产设备", "设备款", "生产线安装调试款"])));
                if (Chance(0.3)) payments.Add((_random.Next(10, 60), 0.4, "contractor", CompanyName(region, "建筑安装工程"), "厂房改造工程款"));
                break;
            default:
                var contractor = $"{region}{Pick(Syllables)}建工集团有限公司项目部";
                var stage = 0;
                for (var month = 0; month < 24; month += _random.Next(1, 4))
                    payments.Add((month * 30 + _random.Next(0, 10), Uniform(0.6, 1.4), "contractor", contractor, $"工程进度款第{++stage}期"));
                payments.Add((_random.Next(20, 200), 0.8, "supplier", CompanyName(region, "建筑材料"), "采购建筑材料"));
                break;
        }

        // Some of the money is never traced; a failing borrower sometimes diverts part of it.
        var traced = Chance(0.1) ? Uniform(0.3, 0.65) : Uniform(0.75, 1.0);
        var diverted = stress.Deteriorating && Chance(stress.Default is null ? 0.15 : 0.35) ? Uniform(0.1, 0.3)
            : Chance(0.01) ? Uniform(0.02, 0.05) : 0;
        var weights = payments.Sum(p => p.Weight);
        var principal = (double)loan.Principal;
        var n = 0;
        void Pay(int day, double share, string type, string counterparty, string purpose)
        {
            var paidOn = loan.DisbursedOn.AddDays(day);
            var amount = Math.Floor(principal * share / 100) * 100;
            if (paidOn > _asOf || amount <= 0) return;
            _fundUses.Add($"F{loan.Id[1..]}-{++n}", loan.Id, Day(paidOn), Amount((decimal)amount), counterparty, type, purpose);
        }
        foreach (var p in payments.OrderBy(p => p.Day))
            Pay(p.Day, (traced - diverted) * p.Weight / weights, p.Type, p.Counterparty, p.Purpose);
        if (diverted > 0)
        {
            var (type, counterparty, purpose) = _random.Next(3) switch
            {
                0 => ("securities", $"{Pick(["华泰", "国信", "中信", "广发"])}证券股份有限公司{region}营业部", "投资理财"),
                1 => ("real_estate", $"{region}{Pick(Syllables)}{Pick(Syllables)}房地产开发有限公司", "购房款"),
                _ => ("related_party", $"{region}{Pick(Syllables)}{Pick(Syllables)}投资控股有限公司", "关联公司往来款"),
            };
            Pay(_random.Next(3, 91), diverted, type, counterparty, purpose);
        }
    }

    // ---- collateral, valuations, guarantors -----------------------------------------------

    private void Collateral(DemoLoan loan, Stress stress)
    {
        var principal = (double)loan.Principal;
        var city = City(loan.Borrower.Region.Code);
        var n = 0;
        void Add(string type, string description, double value, int daysBefore, bool insured, int everyMonths, double drift, double stressDrop, string method, bool pending = false) =>
            AddCollateral(loan, stress, $"CL{loan.Id[1..]}-{++n}", type, description, value, loan.DisbursedOn.AddDays(-daysBefore), insured, everyMonths, drift, stressDrop, method, pending);

        switch (loan.Product)
        {
            case "MORTGAGE":
                Add("real_estate", $"{city}某小区{_random.Next(1, 30)}幢{_random.Next(2, 33)}{_random.Next(1, 5):D2}室 住宅 {Uniform(60, 160):0.0}平方米",
                    principal / Uniform(0.5, 0.8), _random.Next(7, 31), true, 12, Uniform(-0.05, 0.03), 0.08, $"年度重估 {city[..2]}信诚房地产估价有限公司");
                break;
            case "AUTO":
                Add("vehicle", $"{Pick(Cars)} 车牌{Plate(loan.Borrower.Region.Code)}", principal / Uniform(0.6, 0.8), _random.Next(1, 11), true, 12, -0.15, 0.05, "内部评估 按车龄折旧");
                break;
            case "BIZ_OWNER" when Chance(0.3):
                Add("real_estate", $"{city}某商业街{_random.Next(1, 200)}号 商铺 {Uniform(30, 150):0.0}平方米", principal / Uniform(0.5, 0.7), _random.Next(7, 31), Chance(0.5), 12,
                    Uniform(-0.06, 0.02), 0.1, "年度重估 市场比较法");
                break;
            case "WORKING_CAPITAL" when Chance(0.6):
                if (Chance(0.6))
                    Add("receivables", $"应收账款质押 {Pick(["下游客户", "主要客户", "政府采购"])}合同项下应收账款", principal * Uniform(1.2, 1.6), _random.Next(1, 10), false, 6, 0, 0.5, "内部评估 账龄分析", pending: Chance(0.1));
                else
                    Add("real_estate", $"{city}某工业园区厂房及土地使用权 {_random.Next(5, 60) * 1000}平方米", principal * Uniform(1.5, 2.5), _random.Next(7, 31), Chance(0.6), 6, Uniform(-0.04, 0.02), 0.25, "外部评估 工业地产");
                break;
            case "FIXED_ASSET":
                if (Chance(0.8))
                    Add("equipment", $"{Pick(["数控加工中心", "自动化生产线", "注塑机", "工业机器人"])}{_random.Next(1, 12)}台(套)", principal * Uniform(1.1, 1.4), 0, true, 6, -0.10, 0.15, "内部评估 按直线折旧");
                if (Chance(0.3))
                    Add("real_estate", $"{city}某工业园区厂房及土地使用权 {_random.Next(5, 60) * 1000}平方米", principal * Uniform(1.0, 1.8), _random.Next(7, 31), Chance(0.6), 6, Uniform(-0.04, 0.02), 0.25, "外部评估 工业地产");
                break;
            case "PROJECT":
                Add("real_estate", $"{city}城市更新项目地块国有建设用地使用权", principal * Uniform(1.3, 1.8), _random.Next(10, 60), false, 6, Uniform(-0.03, 0.03), 0.25, "外部评估 土地估价事务所");
                if (Chance(0.5))
                    Add("receivables", "项目建成后租金及销售收益权", principal * Uniform(0.4, 0.8), _random.Next(5, 30), false, 6, 0, 0.5, "内部评估 现金流折现", pending: Chance(0.5));
                break;
        }
    }

    private void AddCollateral(DemoLoan loan, Stress stress, string id, string type, string description, double value, DateOnly appraisedOn, bool insured,
        int everyMonths, double drift, double stressDrop, string method, bool pending)
    {
        var appraised = Thousands(value);
        // A charge takes a few weeks to register.
        var lien = pending || loan.DisbursedOn > _asOf.AddDays(-30) ? "pending" : "registered";
        var expiry = "";
        if (insured)
        {
            // Yearly policies, renewed until a borrower short of cash (or, rarely, a careless one) lets one lapse.
            var lapses = Chance(stress.Deteriorating ? 0.3 : 0.05);
            var end = appraisedOn.AddYears(1).AddDays(-1);
            while (end < _asOf && !(lapses && (stress.Deteriorating ? end >= stress.Start : Chance(0.5))))
                end = end.AddYears(1);
            expiry = Day(end);
        }
        _collateral.Add(id, loan.Id, type, description, Amount(appraised), Day(appraisedOn), lien, expiry);
        for (var k = 1; appraisedOn.AddMonths(k * everyMonths) <= _asOf; k++)
        {
            var on = appraisedOn.AddMonths(k * everyMonths);
            var v = (double)appraised * Math.Pow(1 + drift, k * everyMonths / 12.0) * (1 - stressDrop * stress.At(on)) * (1 + Noise(0.02));
            _valuations.Add(id, Day(on), Amount(Math.Max(1000m, Thousands(v))), method);
        }
    }

    private void Guarantor(DemoLoan loan, Stress stress)
    {
        var chance = loan.Product switch { "WORKING_CAPITAL" or "FIXED_ASSET" => 0.5, "PROJECT" => 0.8, "BIZ_OWNER" => 0.3, "CONSUMER" => 0.15, _ => 0.0 };
        if (!Chance(chance)) return;
        var region = loan.Borrower.Region;
        var id = $"G{loan.Id[1..]}-1";
        var corporate = loan.Segment == "project" || (loan.Segment == "corporate" && Chance(0.4));
        string name, nationalId;
        if (corporate)
        {
            name = loan.Segment == "project"
                ? $"{region.Name}{Pick(["城市建设投资", "城市发展", "国有资本投资"])}集团有限公司"
                : $"{region.Name}{Pick(Syllables)}{Pick(Syllables)}{Pick(["控股集团", "融资担保", "实业集团"])}有限公司";
            nationalId = "91" + region.Code + Code(9) + Code(1);
        }
        else
        {
            name = Pick(DemoBookGenerator.Surnames) + Pick(DemoBookGenerator.Given);
            var birth = new DateOnly(1960, 1, 1).AddDays(_random.Next(0, 365 * 35));
            nationalId = DemoBookGenerator.WithCheckCharacter(region.Code + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + _random.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture));
        }
        _guarantors.Add(id, loan.Id, corporate ? "corporate" : "individual", name, nationalId, Amount(loan.Principal));

        // A failing borrower's guarantor is often caught in the same trouble.
        if (Chance(stress.Default is not null ? 0.2 : 0.01))
        {
            var on = stress.Default is { } dd ? dd.AddDays(-_random.Next(0, 181)) : RandomDay(loan.DisbursedOn);
            var news = Chance(0.6);
            if (on <= _asOf)
                Signal("guarantor", id, news ? "adverse_news" : "court_case", on, news ? "舆情监测" : "中国裁判文书网",
                    (news, corporate) switch
                    {
                        (true, true) => "担保人被报道资金链紧张 多笔债务逾期",
                        (true, false) => $"担保人{name}控制的企业被报道拖欠供应商货款",
                        (false, true) => "担保人涉及金融借款合同纠纷 已立案",
                        _ => $"担保人{name}涉及民间借贷纠纷 已立案",
                    }, null);
        }
    }

    // ---- bureau and signals ---------------------------------------------------------------

    private void Bureau(DemoBorrower borrower, List<DemoLoan> own, Stress stress)
    {
        var origin = QuarterEnd(own.Min(l => l.DisbursedOn).AddMonths(-3));
        var debt = (double)own.Sum(l => l.Principal) * (borrower.Corporate ? Uniform(1.5, 3.0) : Uniform(1.0, 1.6));
        var growth = Uniform(-0.06, 0.08);
        Func<double, decimal> round = borrower.Corporate ? Thousands : Hundreds;
        for (var q = origin; q <= _asOf; q = QuarterEnd(q.AddDays(1)))
        {
            var s = stress.At(q);
            var defaulted = stress.Default is { } d && q >= d;
            // A failing borrower borrows everywhere it can before it stops paying anyone.
            var total = round(debt * Math.Pow(1 + growth, (q.DayNumber - origin.DayNumber) / 365.25) * (1 + 0.9 * s) * (1 + Noise(0.02)));
            var overdue = Chance(defaulted ? 0.95 : 0.02 + 0.75 * s)
                ? Math.Min(total, round((double)total * Math.Min(0.9, (0.01 + 0.25 * s) * Uniform(0.5, 1.5))))
                : 0m;
            var overdue90 = stress.Default is { } d90 && q >= d90.AddDays(90) ? round((double)overdue * Uniform(0.6, 1.0))
                : s > 0.7 && Chance(0.3) ? round((double)overdue * Uniform(0.1, 0.5))
                : 0m;
            var inquiries = _random.Next(0, 3) + (int)Math.Round((borrower.Corporate ? 4 : 7) * s * Uniform(0.6, 1.2));
            _bureau.Add(borrower.Id, Day(q), Amount(total), Amount(overdue), Amount(Math.Min(overdue, overdue90)), inquiries.ToString(CultureInfo.InvariantCulture), "人民银行征信中心");
        }
    }

    private void Signals(DemoBorrower borrower, List<DemoLoan> own, Stress stress)
    {
        var exposure = (double)own.Sum(l => l.Principal);
        if (stress.Default is { } d)
        {
            if (!Chance(borrower.Corporate ? 0.7 : 0.25)) return;
            for (var i = borrower.Corporate ? _random.Next(1, 4) : 1; i > 0; i--)
            {
                var kind = borrower.Corporate
                    ? Pick(["court_case", "court_case", "enforcement", "adverse_news", "adverse_news", "executive_change"])
                    : Pick(["court_case", "court_case", "enforcement"]);
                BorrowerSignal(borrower, kind, borrower.Corporate ? d.AddDays(-_random.Next(0, 271)) : d.AddDays(_random.Next(-180, 61)), exposure);
            }
            if (borrower.Corporate && Chance(0.25))
            {
                // Management leaving a sinking company: two changes within the year before default.
                BorrowerSignal(borrower, "executive_change", d.AddDays(-_random.Next(120, 300)), exposure);
                BorrowerSignal(borrower, "executive_change", d.AddDays(-_random.Next(0, 120)), exposure);
            }
        }
        else if (stress.Deteriorating && borrower.Corporate && Chance(0.25))
        {
            var span = Math.Max(1, stress.Peak.DayNumber - stress.Start.DayNumber);
            BorrowerSignal(borrower, Pick(["adverse_news", "court_case", "executive_change"]), stress.Start.AddDays(_random.Next(0, span)), exposure);
        }
        else if (Chance(borrower.Corporate ? 0.05 : 0.004))
        {
            var kind = borrower.Corporate ? Pick(["adverse_news", "adverse_news", "executive_change", "executive_change", "court_case"]) : "court_case";
            BorrowerSignal(borrower, kind, RandomDay(own.Min(l => l.DisbursedOn)), exposure * 0.1);
        }
        if (borrower.Corporate && borrower.Industry is "energy" or "real_estate_development" && Chance(0.05))
            Signal("borrower", borrower.Id, "industry_list_change", RandomDay(own.Min(l => l.DisbursedOn)), "监管名单", "所属行业列入限制类目录", null);
    }

    private void BorrowerSignal(DemoBorrower borrower, string kind, DateOnly on, double exposure)
    {
        if (on > _asOf) return;
        var company = borrower.Corporate;
        var (source, summary, amount) = kind switch
        {
            "court_case" => ("中国裁判文书网",
                company ? Pick([$"{CompanyName(borrower.Region.Name, Pick(SupplierTrades))}诉借款人买卖合同纠纷 已立案", "员工集体诉讼 追索劳动报酬", "某银行诉借款人金融借款合同纠纷"])
                        : Pick(["借款人涉及民间借贷纠纷 已立案", "某小额贷款公司诉借款人借款合同纠纷"]),
                (decimal?)Thousands(exposure * Uniform(0.02, 0.3))),
            "enforcement" => ("中国执行信息公开网", Pick(["借款人被列为被执行人", "借款人被列入失信被执行人名单"]), Thousands(exposure * Uniform(0.01, 0.2))),
            "adverse_news" => ("舆情监测", Pick(["媒体报道借款人拖欠供应商货款", "借款人被曝拖欠员工工资", "借款人主要客户破产 应收账款回收困难", "借款人部分生产线停产"]), null),
            _ => ("国家企业信用信息公示系统", Pick(["法定代表人变更", "财务负责人变更", "总经理辞任"]), null),
        };
        Signal("borrower", borrower.Id, kind, on, source, summary, amount is > 0 ? amount : null);
    }

    private void Signal(string subjectType, string subject, string kind, DateOnly on, string source, string summary, decimal? amount) =>
        _signals.Add($"S{_signals.Rows + 1:D7}", subjectType, subject, kind, Day(on), source, summary, amount is { } a ? Amount(a) : "");

    // ---- names and small helpers ----------------------------------------------------------

    private static readonly string[] Syllables = ["华", "盛", "恒", "鑫", "瑞", "泰", "宏", "远", "达", "通", "兴", "丰", "源", "安", "诚", "信"];
    private static readonly string[] SupplierTrades = ["钢材贸易", "原材料供应", "化工原料", "包装材料", "电子元件", "五金机电"];
    private static readonly string[] Cars = ["比亚迪 汉", "大众 帕萨特", "丰田 凯美瑞", "本田 雅阁", "吉利 星越L", "特斯拉 Model 3", "别克 GL8", "长安 CS75"];

    private string CompanyName(string region, string trade) => $"{region}{Pick(Syllables)}{Pick(Syllables)}{trade}有限公司";

    private static string City(string regionCode) => regionCode switch
    {
        "110105" => "北京市朝阳区", "310115" => "上海市浦东新区", "440305" => "深圳市南山区", "330106" => "杭州市西湖区",
        "320102" => "南京市玄武区", "510107" => "成都市武侯区", "370102" => "济南市历下区", "420106" => "武汉市武昌区", _ => "某市",
    };

    private string Plate(string regionCode)
    {
        var prefix = regionCode switch
        {
            "110105" => "京", "310115" => "沪", "440305" => "粤B", "330106" => "浙A", "320102" => "苏A", "510107" => "川A", "370102" => "鲁A", "420106" => "鄂A", _ => "",
        };
        return prefix + (prefix.Length == 1 ? Code(1) : "") + "·" + Code(5);
    }

    private string Code(int length)
    {
        const string chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++) sb.Append(chars[_random.Next(chars.Length)]);
        return sb.ToString();
    }

    private DateOnly RandomDay(DateOnly from) => from >= _asOf ? _asOf : from.AddDays(_random.Next(0, _asOf.DayNumber - from.DayNumber + 1));

    private static DateOnly QuarterEnd(DateOnly d)
    {
        var month = (d.Month - 1) / 3 * 3 + 3;
        return new DateOnly(d.Year, month, DateTime.DaysInMonth(d.Year, month));
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private double Uniform(double a, double b) => a + (b - a) * _random.NextDouble();

    /// <summary>A normal draw with the given spread (Box–Muller), cut at three spreads.</summary>
    private double Noise(double sigma)
    {
        var z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return sigma * Math.Clamp(z, -3, 3);
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private static decimal Thousands(double x) => (decimal)Math.Round(x / 1000) * 1000m;

    private static decimal Hundreds(double x) => (decimal)Math.Round(x / 100) * 100m;

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Fraction(double f) => f.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One CSV file being written: a header and rows of plain fields (none holds a comma or a quote).</summary>
    private sealed class Sheet(ImportKind kind, string header)
    {
        private readonly StringBuilder _text = new(header + "\n");

        public int Rows { get; private set; }

        public void Add(params string[] fields)
        {
            _text.AppendJoin(',', fields).Append('\n');
            Rows++;
        }

        public DemoMonitoringFile Write(string folder)
        {
            var path = Path.Combine(folder, kind.Name() + ".csv");
            File.WriteAllText(path, _text.ToString(), Encoding.UTF8);
            return new DemoMonitoringFile(kind, path, Rows);
        }
    }
}
