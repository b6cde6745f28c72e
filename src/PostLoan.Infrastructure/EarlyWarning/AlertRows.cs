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
    /// <summary>
    /// The (rule, loan) pairs with an alert still open, or closed on or after <paramref name="closedSince"/>, among the
    /// rules <paramref name="codes"/>, each as <see cref="Key"/> of the rule's position in the list and the loan. The
    /// database turns the code into the position: hundreds of thousands of rows are read each day.
    /// </summary>
    public static HashSet<long> HeldBack(DbConnection connection, DateOnly closedSince, IReadOnlyList<string> codes)
    {
        var result = new HashSet<long>();
        if (codes.Count == 0) return result;
        string Quoted(string code) => "'" + code.Replace("'", "''", StringComparison.Ordinal) + "'";
        var position = "CASE rule_code" + string.Concat(codes.Select((c, i) => $" WHEN {Quoted(c)} THEN {i}")) + " END";
        using var r = BulkRows.Query(connection, $"""
            SELECT {position}, loan_id FROM alerts
            WHERE (status IN ('{AlertStatus.Open}', '{AlertStatus.Acknowledged}', '{AlertStatus.Escalated}') OR closed_on >= @since)
              AND rule_code IN ({string.Join(", ", codes.Select(Quoted))})
            """, ("@since", closedSince));
        while (r.Read()) result.Add(Key(r.Int32(0), r.Int64(1)));
        return result;
    }

    /// <summary>A (rule, loan) pair as one number: the rule's position in the high bits, the loan id in the low 40.</summary>
    public static long Key(int rule, long loan) => ((long)rule << 40) | loan;

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
