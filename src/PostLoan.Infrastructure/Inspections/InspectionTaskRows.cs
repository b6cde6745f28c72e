using System.Data.Common;
using PostLoan.Domain.Inspections;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.Inspections;

/// <summary>The bulk path for end-of-day's new tasks: one prepared insert per row, in the caller's transaction.</summary>
public static class InspectionTaskRows
{
    /// <summary>Writes tasks as <see cref="InspectionTask.Open"/> made them (open, never started).</summary>
    public static void Insert(DbConnection connection, DbTransaction transaction, IReadOnlyList<InspectionTask> tasks)
    {
        if (tasks.Count == 0) return;
        using var insert = new PreparedStatement(connection, transaction,
            "INSERT INTO inspection_tasks (kind, borrower_id, loan_id, collateral_id, due_on, assignee, status, origin, alert_id, report_id, reason, " +
            "anchor_on, cycle_months, created_on, created_by, triggered_on, revision) " +
            "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16)", 17);
        foreach (var t in tasks)
        {
            if (t.Status != InspectionTaskStatus.Open) throw new InvalidOperationException("only newly opened tasks are bulk-inserted");
            insert.Run(t.Kind, t.BorrowerId, t.LoanId, t.CollateralId, t.DueOn, t.Assignee, t.Status.ToString(), t.Origin.ToString(), t.AlertId, t.ReportId,
                t.Reason, t.AnchorOn, t.CycleMonths, t.CreatedOn, t.CreatedBy, t.TriggeredOn, t.Revision);
        }
    }

    /// <summary>Borrower id → account manager code, for the borrowers that have one.</summary>
    public static Dictionary<long, string> AccountManagers(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, account_manager FROM borrowers WHERE account_manager IS NOT NULL";
        using var r = cmd.ExecuteReader();
        var managers = new Dictionary<long, string>();
        while (r.Read()) managers[r.GetInt64(0)] = r.GetString(1);
        return managers;
    }
}
