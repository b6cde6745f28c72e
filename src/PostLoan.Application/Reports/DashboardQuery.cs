using PostLoan.Application.Common;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Reports;

public sealed record TrendPoint(DateOnly MonthEnd, decimal Balance, decimal NonPerforming, decimal NplRatio);

public sealed record Exposure(string BorrowerExternalId, string Name, int Loans, decimal Balance, string WorstClass);

/// <summary>What the portfolio dashboard shows beside the summary (SPEC §10), inside the caller's scope.</summary>
public sealed record Dashboard(PortfolioSummary Summary, IReadOnlyList<TrendPoint> NplTrend, int NewOverdueThisMonth, IReadOnlyList<Exposure> TopExposures);

public sealed class DashboardQuery(DatabaseSettings database)
{
    public Dashboard Get(DataScope scope, int months = 12, int top = 10)
    {
        var summary = new PortfolioSummaryQuery(database).Get(scope);
        var (filter, value) = ScopeSql.For(scope);
        using var connection = database.OpenConnection();

        var trend = new List<TrendPoint>();
        using (var cmd = ScopeSql.Command(connection, $"""
            SELECT s.snapshot_date, CAST(SUM(s.outstanding_principal) AS BIGINT),
                   CAST(SUM(CASE WHEN s.risk_class IN ('Substandard', 'Doubtful', 'Loss') THEN s.outstanding_principal ELSE 0 END) AS BIGINT)
            FROM loan_state_snapshots s JOIN loans l ON l.id = s.loan_id JOIN borrowers b ON b.id = l.borrower_id
            WHERE s.status = 'Active'{filter}
            GROUP BY s.snapshot_date ORDER BY s.snapshot_date DESC LIMIT {months}
            """, value))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var balance = Money.FromMinor(r.GetInt64(1));
                var npl = Money.FromMinor(r.GetInt64(2));
                trend.Add(new TrendPoint(r.GetFieldValue<DateOnly>(0), balance, npl, balance == 0 ? 0 : Math.Round(npl / balance, 6)));
            }
        }
        trend.Reverse();

        var newOverdue = 0;
        if (summary.BusinessDate is { } date)
        {
            using var cmd = ScopeSql.Command(connection, $"""
                SELECT COUNT(*) FROM state_changes c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
                WHERE c.kind = 'bucket' AND c.old_value = 'C' AND c.new_value = 'M1' AND c.business_date >= @start{filter}
                """, value);
            var p = cmd.CreateParameter();
            p.ParameterName = "@start";
            p.Value = new DateOnly(date.Year, date.Month, 1);
            cmd.Parameters.Add(p);
            newOverdue = Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var exposures = new List<Exposure>();
        using (var cmd = ScopeSql.Command(connection, $"""
            SELECT b.external_id, b.name, COUNT(*), CAST(SUM(s.outstanding_principal) AS BIGINT),
                   CAST(MAX(CASE s.risk_class WHEN 'Loss' THEN 4 WHEN 'Doubtful' THEN 3 WHEN 'Substandard' THEN 2 WHEN 'SpecialMention' THEN 1 ELSE 0 END) AS BIGINT)
            FROM loan_states s JOIN loans l ON l.id = s.loan_id JOIN borrowers b ON b.id = l.borrower_id
            WHERE s.status = 'Active'{filter}
            GROUP BY b.external_id, b.name ORDER BY CAST(SUM(s.outstanding_principal) AS BIGINT) DESC LIMIT {top}
            """, value))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                exposures.Add(new Exposure(r.GetString(0), r.GetString(1), (int)r.GetInt64(2), Money.FromMinor(r.GetInt64(3)), ((RiskClass)r.GetInt64(4)).Code()));
        }
        return new Dashboard(summary, trend, newOverdue, exposures);
    }
}
