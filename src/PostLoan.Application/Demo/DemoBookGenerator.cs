using System.Globalization;
using System.Text;
using PostLoan.Application.Import;
using PostLoan.Domain.Common;
using PostLoan.Domain.Schedules;

namespace PostLoan.Application.Demo;

/// <summary>Size and shape of a generated demo book.</summary>
/// <param name="Loans">Number of loans.</param>
/// <param name="Months">Disbursements spread over this many months before <paramref name="AsOf"/>.</param>
/// <param name="AsOf">The business date the book's history runs up to; no transaction is dated later.</param>
/// <param name="Monitoring">Also write the monitoring data early warning reads (<see cref="DemoMonitoringGenerator"/>).
/// Off by default: the end-of-day benchmark measures servicing alone.</param>
public sealed record DemoBookOptions(int Loans, int Months, int Seed, DateOnly AsOf, bool Monitoring = false);

/// <summary>The CSV files of a generated book, in the order they import.</summary>
/// <param name="Monitoring">The monitoring files, in the order they import; empty unless <see cref="DemoBookOptions.Monitoring"/>.</param>
public sealed record DemoBookFiles(string Borrowers, string Loans, string Schedules, string Transactions, int BorrowerCount, int LoanCount, int TransactionCount,
    IReadOnlyList<DemoMonitoringFile> Monitoring)
{
    /// <summary>Every file with its kind, in the order they import: the book, then the monitoring data.</summary>
    public IReadOnlyList<(ImportKind Kind, string Path)> InImportOrder =>
    [
        (ImportKind.Borrowers, Borrowers), (ImportKind.Loans, Loans), (ImportKind.Schedules, Schedules), (ImportKind.Transactions, Transactions),
        .. Monitoring.Select(m => (m.Kind, m.Path)),
    ];
}

/// <summary>
/// Generates a realistic mixed loan book as the CSV files a core system would export
/// (docs/import-formats.md): retail about 85 %, corporate 12 %, project finance 3 %, several
/// products and repayment methods, and repayment behaviours — on time, late and cured, partial
/// payments, roll to default (with write-off and recoveries), prepayment. Deterministic for a seed.
/// </summary>
public sealed class DemoBookGenerator(DemoBookOptions options)
{
    private readonly Random _random = new(options.Seed);
    private readonly StringBuilder _borrowers = new("external_id,kind,name,national_id,phone,region,industry,account_manager,branch,bureau_total_debt,bureau_overdue_90_debt,bureau_as_of\n");
    private readonly StringBuilder _loans = new("external_id,borrower_external_id,product,segment,currency,principal,annual_rate_percent,term_months,disbursed_on,first_due_on,method,grace_days,penalty_uplift_percent,purpose,entrusted_payment,restructured_on,class_before_restructure,extended\n");
    private readonly StringBuilder _schedules = new("loan_external_id,number,due_date,principal,interest,fees\n");
    private readonly StringBuilder _transactions = new("external_id,loan_external_id,kind,date,amount,component,reverses,note\n");
    private int _borrowerCount;
    private int _transactionCount;

    // Kept only when monitoring data is asked for: a benchmark book of a million loans does not need them in memory.
    private readonly List<DemoBorrower> _borrowerFacts = [];
    private readonly List<DemoLoan> _loanFacts = [];

    private enum Behaviour { OnTime, LateCure, Partial, Default, Prepay }

    private sealed record Product(string Code, string Segment, string[] Methods, int[] Terms, decimal MinAmount, decimal MaxAmount, decimal MinRate, decimal MaxRate, string Purpose, int GraceDays);

    private static readonly Product[] Retail =
    [
        new("MORTGAGE", "retail", ["equal-installment", "equal-installment", "equal-principal"], [240, 300, 360], 300_000m, 3_000_000m, 3.10m, 4.90m, "购买自住住房", 3),
        new("AUTO", "retail", ["equal-installment"], [24, 36, 60], 50_000m, 350_000m, 3.80m, 7.50m, "购买家用汽车", 3),
        new("CONSUMER", "retail", ["equal-installment", "equal-principal"], [6, 12, 24, 36], 5_000m, 200_000m, 5.50m, 18.00m, "个人消费", 0),
        new("BIZ_OWNER", "retail", ["interest-only", "equal-installment"], [12, 24, 36], 100_000m, 1_000_000m, 4.20m, 8.00m, "个体工商户经营周转", 0),
    ];

    private static readonly Product[] Corporate =
    [
        new("WORKING_CAPITAL", "corporate", ["interest-only", "bullet"], [6, 12, 24], 1_000_000m, 30_000_000m, 3.45m, 5.80m, "流动资金周转", 0),
        new("FIXED_ASSET", "corporate", ["equal-principal", "equal-installment"], [36, 60, 84], 2_000_000m, 50_000_000m, 3.60m, 5.50m, "购置生产设备", 0),
    ];

    private static readonly Product ProjectFinance = new("PROJECT", "project", ["custom"], [60, 84, 96], 20_000_000m, 200_000_000m, 3.80m, 5.20m, "项目建设", 0);

    internal static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    internal static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "晨", "子涵", "浩然", "欣怡", "建国", "志强"];
    private static readonly (string Name, string Code, string Branch)[] Regions =
    [
        ("北京", "110105", "BJ01"), ("上海", "310115", "SH01"), ("广东", "440305", "GD01"), ("浙江", "330106", "ZJ01"),
        ("江苏", "320102", "JS01"), ("四川", "510107", "SC01"), ("山东", "370102", "SD01"), ("湖北", "420106", "HB01"),
    ];
    private static readonly (string Name, string Industry)[] CompanyWords =
    [
        ("机械制造", "manufacturing"), ("纺织服装", "manufacturing"), ("商贸", "wholesale_retail"), ("物流", "transport"),
        ("建筑工程", "construction"), ("食品", "manufacturing"), ("电子科技", "information_technology"), ("新能源", "energy"),
        ("医药", "healthcare"), ("农业开发", "agriculture"),
    ];

    /// <summary>Writes the four files into <paramref name="folder"/>.</summary>
    public DemoBookFiles WriteTo(string folder, IProgress<int>? progress = null)
    {
        Directory.CreateDirectory(folder);
        var loanNumber = 0;
        while (loanNumber < options.Loans)
        {
            var roll = _random.NextDouble();
            // Borrower shares chosen so that loans come out about 85 % retail, 12 % corporate, 3 % project.
            if (roll < 0.894)
            {
                // Retail: most borrowers have one loan, some a second (a car or consumer loan beside a mortgage).
                var borrower = AddIndividual();
                var count = _random.NextDouble() < 0.1 ? 2 : 1;
                for (var i = 0; i < count && loanNumber < options.Loans; i++)
                    AddLoan(++loanNumber, borrower, Pick(Retail));
            }
            else if (roll < 0.963)
            {
                var borrower = AddCompany(project: false);
                var count = _random.Next(1, 4);
                for (var i = 0; i < count && loanNumber < options.Loans; i++)
                    AddLoan(++loanNumber, borrower, Pick(Corporate));
            }
            else
            {
                AddLoan(++loanNumber, AddCompany(project: true), ProjectFinance);
            }
            if (loanNumber % 1000 == 0) progress?.Report(loanNumber);
        }
        progress?.Report(loanNumber);
        var files = new DemoBookFiles(
            Path.Combine(folder, "borrowers.csv"), Path.Combine(folder, "loans.csv"),
            Path.Combine(folder, "schedules.csv"), Path.Combine(folder, "transactions.csv"),
            _borrowerCount, loanNumber, _transactionCount, []);
        File.WriteAllText(files.Borrowers, _borrowers.ToString(), Encoding.UTF8);
        File.WriteAllText(files.Loans, _loans.ToString(), Encoding.UTF8);
        File.WriteAllText(files.Schedules, _schedules.ToString(), Encoding.UTF8);
        File.WriteAllText(files.Transactions, _transactions.ToString(), Encoding.UTF8);
        if (!options.Monitoring) return files;
        // Only now, with the book complete: the monitoring data draws from a random stream of its own,
        // so the four files above are the same for a seed with or without it.
        return files with { Monitoring = new DemoMonitoringGenerator(options, _borrowerFacts, _loanFacts).WriteTo(folder) };
    }

    private DemoBorrower AddIndividual()
    {
        var id = $"B{++_borrowerCount:D7}";
        var region = Pick(Regions);
        var name = Pick(Surnames) + Pick(Given);
        var birth = new DateOnly(1960, 1, 1).AddDays(_random.Next(0, 365 * 40));
        var weak = _random.NextDouble() < 0.12;
        var bureau = "";
        if (_random.NextDouble() < 0.3)
        {
            var total = Money.Round((decimal)(_random.Next(2, 200) * 5_000));
            var share = weak && _random.NextDouble() < 0.4 ? 0.21m + (decimal)_random.NextDouble() * 0.5m : (decimal)_random.NextDouble() * 0.05m;
            bureau = $"{Fmt(total)},{Fmt(Money.Round(total * share))},{Date(options.AsOf.AddDays(-_random.Next(10, 200)))}";
        }
        else bureau = ",,";
        _borrowers.Append(id).Append(",individual,").Append(name).Append(',').Append(NationalId(region.Code, birth)).Append(',')
            .Append(Phone()).Append(',').Append(region.Name).Append(",,").Append(Manager(region.Branch)).Append(',').Append(region.Branch).Append(',')
            .Append(bureau).Append('\n');
        return Keep(new DemoBorrower(id, false, region, Manager(region.Branch), weak) { Name = name });
    }

    private DemoBorrower AddCompany(bool project)
    {
        var id = $"B{++_borrowerCount:D7}";
        var region = Pick(Regions);
        var (word, industry) = project ? ("城市更新项目建设", "real_estate_development") : Pick(CompanyWords);
        var name = $"{region.Name}{Pick(["华", "盛", "恒", "鑫", "瑞", "泰", "宏", "远"])}{Pick(["达", "通", "兴", "丰", "源", "安"])}{word}有限公司";
        var code = "91" + region.Code + RandomCode(9) + RandomCode(1);
        _borrowers.Append(id).Append(",corporate,").Append(name).Append(',').Append(code).Append(',')
            .Append("0").Append(_random.Next(10, 99)).Append('-').Append(_random.Next(60_000_000, 89_999_999)).Append(',')
            .Append(region.Name).Append(',').Append(industry).Append(',').Append(Manager(region.Branch)).Append(',').Append(region.Branch).Append(",,,\n");
        return Keep(new DemoBorrower(id, true, region, Manager(region.Branch), _random.NextDouble() < 0.12) { Name = name, Project = project, Industry = industry });
    }

    private DemoBorrower Keep(DemoBorrower borrower)
    {
        if (options.Monitoring) _borrowerFacts.Add(borrower);
        return borrower;
    }

    private void AddLoan(int number, DemoBorrower borrower, Product product)
    {
        var id = $"L{number:D7}";
        var method = Pick(product.Methods);
        var term = Pick(product.Terms);
        var principal = Math.Round(Lerp(product.MinAmount, product.MaxAmount, Math.Pow(_random.NextDouble(), 2)) / 1000m) * 1000m;
        var rate = Math.Round(Lerp(product.MinRate, product.MaxRate, _random.NextDouble()) * 20m) / 20m;
        var windowStart = options.AsOf.AddMonths(-options.Months);
        var disbursed = windowStart.AddDays(_random.Next(0, Math.Max(1, options.AsOf.AddMonths(-1).DayNumber - windowStart.DayNumber)));
        var firstDue = disbursed.AddMonths(1);
        if (_random.NextDouble() < 0.3)
        {
            // A fixed repayment day (扣款日) gives a broken first period.
            var day = Pick([5, 10, 15, 20, 21, 25]);
            var candidate = new DateOnly(firstDue.Year, firstDue.Month, day);
            firstDue = candidate.DayNumber - disbursed.DayNumber < 20 ? candidate.AddMonths(1) : candidate;
        }

        Installment[] schedule;
        if (method == "custom")
        {
            schedule = ProjectSchedule(principal, rate / 100m, term, disbursed, firstDue);
            foreach (var i in schedule)
                _schedules.Append(id).Append(',').Append(i.Number).Append(',').Append(Date(i.DueDate)).Append(',').Append(Fmt(i.Principal)).Append(',').Append(Fmt(i.Interest)).Append(",0.00\n");
        }
        else
        {
            RepaymentMethodNames.TryParse(method, out var m);
            schedule = ScheduleGenerator.Generate(new ScheduleTerms(principal, rate / 100m, term, m, firstDue, disbursed));
        }

        var behaviour = ChooseBehaviour(borrower, product);
        DateOnly? restructuredOn = null;
        var extended = borrower.Corporate && _random.NextDouble() < 0.03;
        Simulate(id, product, rate / 100m, schedule, behaviour, borrower.Corporate, ref restructuredOn, out var missedFrom, out var shortFrom);
        if (options.Monitoring)
            _loanFacts.Add(new DemoLoan(id, borrower, product.Code, product.Segment, principal, rate, term, disbursed, missedFrom, shortFrom));

        _loans.Append(id).Append(',').Append(borrower.Id).Append(',').Append(product.Code).Append(',').Append(product.Segment).Append(",CNY,")
            .Append(Fmt(principal)).Append(',').Append(rate.ToString("0.00", CultureInfo.InvariantCulture)).Append(',').Append(term).Append(',')
            .Append(Date(disbursed)).Append(',').Append(Date(firstDue)).Append(',').Append(method).Append(',').Append(product.GraceDays).Append(",50,")
            .Append(product.Purpose).Append(',').Append(borrower.Corporate && _random.NextDouble() < 0.6 ? "true" : "false").Append(',')
            .Append(restructuredOn is { } r ? Date(r) : "").Append(',').Append(restructuredOn is null ? "" : "substandard").Append(',')
            .Append(extended ? "true" : "false").Append('\n');
    }

    private Behaviour ChooseBehaviour(DemoBorrower borrower, Product product)
    {
        var x = _random.NextDouble();
        var defaultRate = product.Segment switch { "retail" => 0.045, "corporate" => 0.03, _ => 0.02 } * (borrower.Weak ? 3 : 1);
        if (x < defaultRate) return Behaviour.Default;
        x -= defaultRate;
        if (x < 0.10) return Behaviour.LateCure;
        if (x < 0.14) return Behaviour.Partial;
        if (x < 0.18 && product.Code != "CONSUMER") return Behaviour.Prepay;
        return Behaviour.OnTime;
    }

    /// <summary>Writes the loan's transactions up to the book's date according to its behaviour.</summary>
    /// <param name="missedFrom">The due date of the first installment a defaulting loan misses; null when it does not default.</param>
    /// <param name="shortFrom">The due date of the first installment a loan paying in part pays short; null for other behaviours.</param>
    private void Simulate(string loanId, Product product, decimal annualRate, Installment[] schedule, Behaviour behaviour, bool corporate, ref DateOnly? restructuredOn,
        out DateOnly? missedFrom, out DateOnly? shortFrom)
    {
        missedFrom = null;
        shortFrom = null;
        var due = schedule.Where(i => i.DueDate <= options.AsOf).ToList();
        if (due.Count == 0) return;
        var penaltyDaily = annualRate * 1.5m / 360m;
        var defaultAt = behaviour == Behaviour.Default ? _random.Next(0, due.Count) : int.MaxValue;
        if (defaultAt < due.Count) missedFrom = due[defaultAt].DueDate;
        var prepayAt = behaviour == Behaviour.Prepay ? _random.Next(0, due.Count) : int.MaxValue;
        var partialFrom = behaviour == Behaviour.Partial ? _random.Next(0, due.Count) : int.MaxValue;
        if (partialFrom < due.Count) shortFrom = due[partialFrom].DueDate;
        var partialMonths = _random.Next(2, 6);
        var restructure = behaviour == Behaviour.Default && corporate && _random.NextDouble() < 0.5;
        var remainingPrincipal = schedule.Sum(i => i.Principal);
        var arrears = 0m;

        for (var k = 0; k < due.Count; k++)
        {
            var inst = due[k];
            remainingPrincipal -= inst.Principal;
            if (k >= defaultAt)
            {
                arrears += inst.Payment;
                if (restructure && k == defaultAt + 4 && inst.DueDate.AddDays(10) <= options.AsOf)
                {
                    // Restructured after four missed payments: arrears paid up from new money, then performs.
                    var when = inst.DueDate.AddDays(10);
                    Pay(loanId, when, Money.Round(arrears * (1 + penaltyDaily * 90)), "重组后补足欠款");
                    restructuredOn = when;
                    arrears = 0;
                    defaultAt = int.MaxValue;
                    continue;
                }
                if (_random.NextDouble() < 0.15 && inst.DueDate.AddDays(5) <= options.AsOf)
                    Pay(loanId, inst.DueDate.AddDays(5), Money.Round(inst.Payment * 0.3m), "部分还款");
                continue;
            }
            if (k == defaultAt - 1 && _random.NextDouble() < 0.5)
            {
                // An early sign: the last payment before default comes late.
                LatePayment(loanId, inst, penaltyDaily, _random.Next(10, 25));
                continue;
            }
            if (k == prepayAt)
            {
                var payoffDate = inst.DueDate.AddDays(_random.Next(0, 10));
                if (payoffDate > options.AsOf) payoffDate = inst.DueDate;
                var next = k + 1 < schedule.Length ? schedule[k + 1].Interest : 0m;
                Pay(loanId, inst.DueDate, inst.Payment, null);
                if (remainingPrincipal > 0) Pay(loanId, payoffDate, remainingPrincipal + next, "提前结清");
                return;
            }
            if (k >= partialFrom && k < partialFrom + partialMonths)
            {
                Pay(loanId, inst.DueDate, Money.Round(inst.Payment * (decimal)(0.4 + _random.NextDouble() * 0.5)), "部分还款");
                continue;
            }
            if (k == partialFrom + partialMonths && partialFrom != int.MaxValue)
            {
                // Catches up: the next payment carries most of what the partial months left unpaid.
                var shortfall = due.Skip(partialFrom).Take(partialMonths).Sum(i => i.Payment) * 0.7m;
                LatePayment(loanId, inst with { Principal = inst.Principal + Money.Round(shortfall) }, penaltyDaily, _random.Next(1, 6));
                continue;
            }
            if (behaviour == Behaviour.LateCure && _random.NextDouble() < 0.2)
            {
                LatePayment(loanId, inst, penaltyDaily, _random.Next(3, 50));
                continue;
            }
            var early = _random.NextDouble() < 0.2 ? _random.Next(1, 4) : 0;
            Pay(loanId, inst.DueDate.AddDays(-early), inst.Payment, null);
        }

        if (arrears > 0 && defaultAt < due.Count)
        {
            var firstMissed = due[defaultAt].DueDate;
            var writeOffDate = firstMissed.AddDays(_random.Next(400, 480));
            if (writeOffDate <= options.AsOf && _random.NextDouble() < 0.7)
            {
                Transaction(loanId, "write_off", writeOffDate, remainingPrincipal + due.Skip(defaultAt).Sum(i => i.Principal), null, "核销");
                var recovery = writeOffDate.AddDays(_random.Next(30, 120));
                if (recovery <= options.AsOf && _random.NextDouble() < 0.4)
                    Transaction(loanId, "recovery", recovery, Money.Round(arrears * (decimal)(0.05 + _random.NextDouble() * 0.2)), null, "核销后清收");
            }
        }
        if (_random.NextDouble() < 0.02 && due.Count > 1 && defaultAt == int.MaxValue)
        {
            // An account fee, paid by the borrower a few days later.
            Transaction(loanId, "fee", due[0].DueDate.AddDays(3), 200m, null, "账户管理费");
            Pay(loanId, due[0].DueDate.AddDays(5), 200m, "缴纳账户管理费");
        }
    }

    private void LatePayment(string loanId, Installment inst, decimal penaltyDaily, int daysLate)
    {
        var date = inst.DueDate.AddDays(daysLate);
        if (date > options.AsOf) return;
        var penalty = Money.Round((inst.Principal + inst.Interest) * penaltyDaily * daysLate * 1.1m) + 1m;
        if (_random.NextDouble() < 0.05)
        {
            // A mistyped amount, reversed and posted again.
            var wrong = Pay(loanId, date, Money.Round(inst.Payment / 10m), "录入错误");
            Transaction(loanId, "reversal", date.AddDays(1) > options.AsOf ? date : date.AddDays(1), Money.Round(inst.Payment / 10m), null, "冲正", reverses: wrong);
        }
        Pay(loanId, date, inst.Payment + penalty, "逾期还款");
    }

    private string Pay(string loanId, DateOnly date, decimal amount, string? note) =>
        Transaction(loanId, "repayment", date, amount, null, note);

    private string Transaction(string loanId, string kind, DateOnly date, decimal amount, string? component, string? note, string? reverses = null)
    {
        var id = $"T{++_transactionCount:D9}";
        if (amount <= 0) amount = 0.01m;
        _transactions.Append(id).Append(',').Append(loanId).Append(',').Append(kind).Append(',').Append(Date(date)).Append(',')
            .Append(Fmt(amount)).Append(',').Append(component).Append(',').Append(reverses).Append(',').Append(note).Append('\n');
        return id;
    }

    /// <summary>Project finance: interest monthly on the balance, principal half-yearly after a two-year construction period.</summary>
    private static Installment[] ProjectSchedule(decimal principal, decimal annualRate, int months, DateOnly disbursed, DateOnly firstDue)
    {
        var terms = new ScheduleTerms(principal, annualRate, months, RepaymentMethod.InterestOnly, firstDue, disbursed);
        var repaymentDates = Enumerable.Range(1, months).Where(n => n > 24 && (n - 24) % 6 == 0 || n == months).ToList();
        var slice = Money.Round(principal / repaymentDates.Count);
        var result = new Installment[months];
        var balance = principal;
        for (var n = 1; n <= months; n++)
        {
            var interest = n == 1 ? terms.FirstPeriodInterest(balance) : Money.Round(balance * terms.MonthlyRate);
            var p = n == months ? balance : repaymentDates.Contains(n) ? slice : 0m;
            result[n - 1] = new Installment(n, terms.DueDate(n), p, interest);
            balance -= p;
        }
        return result;
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private static decimal Lerp(decimal a, decimal b, double t) => a + (b - a) * (decimal)t;

    private static string Fmt(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Manager(string branch) => $"{branch}-AM{_random.Next(1, 6):D2}";

    private string Phone() => "1" + Pick(["3", "5", "7", "8", "9"]) + _random.Next(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);

    private string RandomCode(int length)
    {
        const string chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++) sb.Append(chars[_random.Next(chars.Length)]);
        return sb.ToString();
    }

    /// <summary>An 18-digit resident id with a valid ISO 7064 MOD 11-2 check character.</summary>
    private string NationalId(string regionCode, DateOnly birth)
    {
        var body = regionCode + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + _random.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture);
        return WithCheckCharacter(body);
    }

    /// <summary>Appends the ISO 7064 MOD 11-2 check character to the 17 digits of a resident id.</summary>
    internal static string WithCheckCharacter(string body)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (body[i] - '0') * weights[i];
        return body + "10X98765432"[sum % 11];
    }
}

/// <summary>A generated borrower, as the monitoring data needs to know it.</summary>
/// <param name="Weak">A weaker credit: three times the default rate, and sometimes a rough patch it survives.</param>
internal sealed record DemoBorrower(string Id, bool Corporate, (string Name, string Code, string Branch) Region, string Manager, bool Weak)
{
    public string Name { get; init; } = "";
    public bool Project { get; init; }
    public string Industry { get; init; } = "";
}

/// <summary>A generated loan, as the monitoring data needs to know it.</summary>
/// <param name="FirstMissed">The due date of the first installment a defaulting loan misses; null when it does not default.</param>
/// <param name="PaidShortFrom">The due date of the first installment a loan paying in part pays short; null for other behaviours.</param>
internal sealed record DemoLoan(string Id, DemoBorrower Borrower, string Product, string Segment, decimal Principal, decimal RatePercent, int TermMonths, DateOnly DisbursedOn,
    DateOnly? FirstMissed, DateOnly? PaidShortFrom);
