using System.Data.Common;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Infrastructure.EndOfDay;

namespace PostLoan.Infrastructure.EarlyWarning;

/// <summary>
/// End-of-day's bulk paths for alerts: which loans each rule is held back on, and writing the day's new alerts in one
/// transaction (a first day with a new rule can raise tens of thousands).
/// </summary>
public static class AlertRows
{
    /// <summary>The statuses of an alert still open; the same list as the filter of the index of open alerts by rule and loan.</summary>
    private static readonly string OpenStatuses = $"status IN ('{AlertStatus.Open}', '{AlertStatus.Acknowledged}', '{AlertStatus.Escalated}')";

    /// <summary>
    /// For each rule of <paramref name="codes"/>, in order, the loans (sorted ids) with an alert of it still open, or
    /// closed on or after <paramref name="closedSince"/>. The open ones come rule by rule from the index of open alerts,
    /// in loan order; the closed ones from the index on the closing date. Millions of open alerts are read each day on a
    /// large book whose alerts are not worked off.
    /// </summary>
    public static long[][] HeldBack(DbConnection connection, DateOnly closedSince, IReadOnlyList<string> codes)
    {
        var held = new List<long>[codes.Count];
        for (var k = 0; k < codes.Count; k++)
        {
            held[k] = [];
            using var r = BulkRows.Query(connection, $"SELECT loan_id FROM alerts WHERE rule_code = @code AND {OpenStatuses} ORDER BY loan_id", ("@code", codes[k]));
            while (r.Read()) held[k].Add(r.Int64(0));
        }
        var position = codes.Select((c, k) => (c, k)).ToDictionary(x => x.c, x => x.k, StringComparer.Ordinal);
        var closed = false;
        using (var r = BulkRows.Query(connection, "SELECT rule_code, loan_id FROM alerts WHERE closed_on >= @since", ("@since", closedSince)))
            while (r.Read())
                if (position.TryGetValue(r.Text(0), out var k))
                {
                    held[k].Add(r.Int64(1));
                    closed = true;
                }
        return [.. held.Select(h =>
        {
            var ids = h.ToArray();
            if (closed) Array.Sort(ids);
            return ids;
        })];
    }

    /// <summary>Whether <paramref name="loan"/> is among a rule's held-back loans (<see cref="HeldBack"/>).</summary>
    public static bool IsHeld(long[] held, long loan) => Array.BinarySearch(held, loan) >= 0;

    private static readonly string[] Columns = ["rule_code", "rule_version", "loan_id", "severity", "raised_on", "first_action_due", "facts", "status"];

    /// <summary>Writes new alerts (open, as <see cref="Alert.Raise"/> made them) in one transaction, as they come.</summary>
    public static void Insert(DbConnection connection, IEnumerable<Alert> alerts)
    {
        using var tx = connection.BeginTransaction();
        BulkInsert.Rows(connection, "alerts", Columns, alerts, (a, w) =>
        {
            w.Text(a.RuleCode);
            w.Int32(a.RuleVersion);
            w.Int64(a.LoanId);
            w.Text(a.Severity.ToString());
            w.Date(a.RaisedOn);
            w.Date(a.FirstActionDue);
            w.Text(a.Facts);
            w.Text(a.Status.ToString());
        });
        tx.Commit();
    }
}
