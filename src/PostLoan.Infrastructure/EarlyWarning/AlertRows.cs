using System.Data.Common;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Infrastructure.EndOfDay;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.EarlyWarning;

/// <summary>
/// End-of-day's bulk paths for alerts: which rule and loan pairs are held back, and writing the day's new alerts
/// through one prepared statement in one transaction (a first day with a new rule can raise tens of thousands).
/// </summary>
public static class AlertRows
{
    /// <summary>The (rule, loan) pairs with an alert still open, or closed on or after <paramref name="closedSince"/>.</summary>
    public static HashSet<(string Rule, long Loan)> HeldBack(DbConnection connection, DateOnly closedSince)
    {
        var result = new HashSet<(string, long)>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        using var r = BulkRows.Query(connection, $"""
            SELECT rule_code, loan_id FROM alerts
            WHERE status IN ('{AlertStatus.Open}', '{AlertStatus.Acknowledged}', '{AlertStatus.Escalated}') OR closed_on >= @since
            """, ("@since", closedSince));
        while (r.Read())
        {
            var code = r.Text(0);
            if (!codes.TryGetValue(code, out var shared)) codes[code] = shared = code;
            result.Add((shared, r.Int64(1)));
        }
        return result;
    }

    /// <summary>Writes new alerts (open, as <see cref="Alert.Raise"/> made them) in one transaction.</summary>
    public static void Insert(DbConnection connection, IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count == 0) return;
        using var tx = connection.BeginTransaction();
        using (var insert = new PreparedStatement(connection, tx,
            "INSERT INTO alerts (rule_code, rule_version, loan_id, severity, raised_on, first_action_due, facts, status) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)", 8))
        {
            foreach (var a in alerts)
                insert.Run(a.RuleCode, a.RuleVersion, a.LoanId, a.Severity.ToString(), a.RaisedOn, a.FirstActionDue, a.Facts, a.Status.ToString());
        }
        tx.Commit();
    }
}
