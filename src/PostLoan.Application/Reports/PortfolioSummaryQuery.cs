using System.Data.Common;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Delinquency;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Reports;

public sealed record BalanceLine(string Key, int Loans, decimal Balance);

/// <summary>The book on the business date: active loans by bucket and class, and the NPL and 30+/90+ ratios (SPEC §10).</summary>
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
    int LoansNeverServiced);

public sealed class PortfolioSummaryQuery(DatabaseSettings database)
{
    public PortfolioSummary Get()
    {
        using var connection = database.OpenConnection();
        var business = Scalar<string?>(connection, "SELECT MAX(to_date) FROM end_of_day_runs WHERE completed_at IS NOT NULL");
        var byBucket = Group(connection, "bucket");
        var byClass = Group(connection, "risk_class");
        var bySegment = Group(connection, "l.segment");
        var balance = byBucket.Sum(b => b.Balance);
        decimal Share(decimal part) => balance == 0 ? 0 : Math.Round(part / balance, 6);
        var npl = byClass.Where(c => Enum.Parse<RiskClass>(c.Key).IsNonPerforming()).Sum(c => c.Balance);
        var dpd30 = Money.FromMinor(Scalar<long?>(connection, "SELECT SUM(outstanding_principal) FROM loan_states WHERE status = 'Active' AND dpd > 30") ?? 0);
        var dpd90 = Money.FromMinor(Scalar<long?>(connection, "SELECT SUM(outstanding_principal) FROM loan_states WHERE status = 'Active' AND dpd > 90") ?? 0);
        var provision = Money.FromMinor(Scalar<long?>(connection, "SELECT SUM(provision) FROM loan_states WHERE status = 'Active'") ?? 0);
        var bucketOrder = Enum.GetValues<Bucket>().Select(b => b.ToString()).ToList();
        var classOrder = Enum.GetValues<RiskClass>().Select(c => c.ToString()).ToList();
        return new PortfolioSummary(
            business is null ? null : DateOnly.Parse(business, System.Globalization.CultureInfo.InvariantCulture),
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
            (int)(Scalar<long?>(connection, "SELECT COUNT(*) FROM loan_states WHERE status = 'Closed'") ?? 0),
            (int)(Scalar<long?>(connection, "SELECT COUNT(*) FROM loan_states WHERE status = 'WrittenOff'") ?? 0),
            (int)(Scalar<long?>(connection, "SELECT COUNT(*) FROM loans l WHERE NOT EXISTS (SELECT 1 FROM loan_states s WHERE s.loan_id = l.id)") ?? 0));
    }

    private static List<BalanceLine> Group(DbConnection connection, string column)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {column}, COUNT(*), SUM(s.outstanding_principal) FROM loan_states s JOIN loans l ON l.id = s.loan_id WHERE s.status = 'Active' GROUP BY {column}";
        using var r = cmd.ExecuteReader();
        var lines = new List<BalanceLine>();
        while (r.Read()) lines.Add(new BalanceLine(r.GetString(0), r.GetInt32(1), Money.FromMinor(r.GetInt64(2))));
        return lines;
    }

    private static T? Scalar<T>(DbConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        var value = cmd.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
