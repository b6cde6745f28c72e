using System.Data.Common;
using PostLoan.Application.Common;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Delinquency;
using PostLoan.Infrastructure.EndOfDay;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Reports;

public sealed record BalanceLine(string Key, int Loans, decimal Balance);

/// <summary>
/// The book on the business date: active loans by bucket and class, the NPL and 30+/90+ ratios (SPEC §10), and both
/// allowances of SPEC §5: the regulatory provision by class and the IFRS 9 ECL from the behaviour model's PD (null
/// while no model has scored the book).
/// </summary>
public sealed record PortfolioSummary(
    DateOnly? BusinessDate,
    int ActiveLoans,
    decimal Balance,
    IReadOnlyList<BalanceLine> ByBucket,
    IReadOnlyList<BalanceLine> ByClass,
    IReadOnlyList<BalanceLine> BySegment,
    decimal NonPerformingBalance,
    decimal NplRatio,
    decimal Dpd30PlusRatio,
    decimal Dpd90PlusRatio,
    decimal Provision,
    int ClosedLoans,
    int WrittenOffLoans,
    int LoansNeverServiced,
    decimal? Ecl = null)
{
    /// <summary>The business date's month of inspections and visits (docs/inspections.md), null before the first end-of-day.</summary>
    public VisitFigures? Visits { get; init; }
}

/// <summary>
/// Inspections and visits in one month (the briefing's definitions): tasks due in it and not cancelled, those done, those
/// done by their due date, and the open tasks already past their due date on the business date.
/// </summary>
public sealed record VisitFigures(DateOnly Month, int Planned, int Done, int DoneOnTime, int OverdueOpen)
{
    public decimal? CompletionRate => Planned == 0 ? null : Math.Round((decimal)Done / Planned, 4);
    public decimal? OnTimeRate => Planned == 0 ? null : Math.Round((decimal)DoneOnTime / Planned, 4);
}

public sealed class PortfolioSummaryQuery(DatabaseSettings database)
{
    /// <param name="scope">Whose loans to count; null means the whole book (the command line).</param>
    public PortfolioSummary Get(DataScope? scope = null)
    {
        var (filter, value) = ScopeSql.For(scope);
        using var connection = database.OpenConnection();
        const string from = " FROM loan_states s JOIN loans l ON l.id = s.loan_id JOIN borrowers b ON b.id = l.borrower_id WHERE ";
        var business = EndOfDayStore.BusinessDate(connection);
        long Sum(string sql) => Scalar<long?>(connection, sql + filter, value) ?? 0;
        var byBucket = Group(connection, "s.bucket", filter, value);
        var byClass = Group(connection, "s.risk_class", filter, value);
        var bySegment = Group(connection, "l.segment", filter, value);
        var balance = byBucket.Sum(b => b.Balance);
        decimal Share(decimal part) => balance == 0 ? 0 : Math.Round(part / balance, 6);
        var npl = byClass.Where(c => Enum.Parse<RiskClass>(c.Key).IsNonPerforming()).Sum(c => c.Balance);
        var dpd30 = Money.FromMinor(Sum("SELECT CAST(SUM(s.outstanding_principal) AS BIGINT)" + from + "s.status = 'Active' AND s.dpd > 30"));
        var dpd90 = Money.FromMinor(Sum("SELECT CAST(SUM(s.outstanding_principal) AS BIGINT)" + from + "s.status = 'Active' AND s.dpd > 90"));
        var provision = Money.FromMinor(Sum("SELECT CAST(SUM(s.provision) AS BIGINT)" + from + "s.status = 'Active'"));
        var scored = Sum("SELECT COUNT(*) FROM loan_scores c JOIN loan_states s ON s.loan_id = c.loan_id JOIN loans l ON l.id = s.loan_id JOIN borrowers b ON b.id = l.borrower_id WHERE s.status = 'Active'");
        decimal? ecl = scored == 0 ? null
            : Money.FromMinor(Sum("SELECT CAST(SUM(c.ecl) AS BIGINT) FROM loan_scores c JOIN loan_states s ON s.loan_id = c.loan_id JOIN loans l ON l.id = s.loan_id JOIN borrowers b ON b.id = l.borrower_id WHERE s.status = 'Active'"));
        var bucketOrder = Enum.GetValues<Bucket>().Select(b => b.ToString()).ToList();
        var classOrder = Enum.GetValues<RiskClass>().Select(c => c.ToString()).ToList();
        return new PortfolioSummary(
            business,
            byBucket.Sum(b => b.Loans),
            balance,
            byBucket.OrderBy(b => bucketOrder.IndexOf(b.Key)).Select(b => b with { Key = Enum.Parse<Bucket>(b.Key).Label() }).ToList(),
            byClass.OrderBy(c => classOrder.IndexOf(c.Key)).Select(c => c with { Key = Enum.Parse<RiskClass>(c.Key).Code() }).ToList(),
            bySegment.OrderBy(s => s.Key).Select(s => s with { Key = s.Key.ToLowerInvariant() }).ToList(),
            npl,
            Share(npl),
            Share(dpd30),
            Share(dpd90),
            provision,
            (int)Sum("SELECT COUNT(*)" + from + "s.status = 'Closed'"),
            (int)Sum("SELECT COUNT(*)" + from + "s.status = 'WrittenOff'"),
            (int)Sum("SELECT COUNT(*) FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE NOT EXISTS (SELECT 1 FROM loan_states s WHERE s.loan_id = l.id)"),
            ecl) { Visits = business is { } today ? Visits(connection, today, filter, value) : null };
    }

    private static VisitFigures Visits(DbConnection connection, DateOnly today, string filter, string? value)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // Revaluations and reviews are not visits (TaskKinds.IsVisit).
        using var cmd = Command(connection,
            "SELECT COUNT(*), SUM(CASE WHEN t.status = 'Done' THEN 1 ELSE 0 END), SUM(CASE WHEN t.status = 'Done' AND t.completed_on <= t.due_on THEN 1 ELSE 0 END)" +
            " FROM inspection_tasks t JOIN borrowers b ON b.id = t.borrower_id" +
            $" WHERE t.due_on >= '{D(first)}' AND t.due_on <= '{D(BusinessCalendar.MonthEnd(first))}' AND t.status <> 'Cancelled'" +
            " AND t.kind NOT IN ('collateral_revaluation', 'class_review', 'restructuring_review')" + filter, value);
        using var r = cmd.ExecuteReader();
        r.Read();
        int Int(int i) => r.IsDBNull(i) ? 0 : (int)Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        var (planned, done, onTime) = (Int(0), Int(1), Int(2));
        r.Close();
        var overdue = Scalar<long?>(connection, "SELECT COUNT(*) FROM inspection_tasks t JOIN borrowers b ON b.id = t.borrower_id" +
            $" WHERE t.status IN ('Open', 'InProgress') AND t.due_on < '{D(today)}'" + filter, value) ?? 0;
        return new VisitFigures(first, planned, done, onTime, (int)overdue);
    }

    private static List<BalanceLine> Group(DbConnection connection, string column, string filter, string? value)
    {
        using var cmd = Command(connection, $"SELECT {column}, COUNT(*), CAST(SUM(s.outstanding_principal) AS BIGINT) FROM loan_states s JOIN loans l ON l.id = s.loan_id JOIN borrowers b ON b.id = l.borrower_id WHERE s.status = 'Active'{filter} GROUP BY {column}", value);
        using var r = cmd.ExecuteReader();
        var lines = new List<BalanceLine>();
        while (r.Read()) lines.Add(new BalanceLine(r.GetString(0), (int)r.GetInt64(1), Money.FromMinor(r.GetInt64(2)))); // COUNT(*) is 64-bit on every provider
        return lines;
    }

    private static DbCommand Command(DbConnection connection, string sql, string? scopeValue) => ScopeSql.Command(connection, sql, scopeValue);

    private static T? Scalar<T>(DbConnection connection, string sql, string? scopeValue = null)
    {
        using var cmd = Command(connection, sql, scopeValue);
        var value = cmd.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
