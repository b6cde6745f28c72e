using System.Data.Common;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Scoring;
using PostLoan.Infrastructure.EndOfDay;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.Scoring;

/// <summary>A loan's score at a month end, with its segment and whether it was then active and under 90 DPD (the population the model is measured on).</summary>
public sealed record ScoredLoan(long LoanId, Segment Segment, int Score, double Pd, bool Performing);

/// <summary>
/// End-of-day's bulk paths for behaviour scores: the stored scores read whole, the day's changed ones written through
/// one prepared upsert in one transaction, and the month-end score history.
/// </summary>
public static class LoanScoreRows
{
    /// <summary>Every loan's stored score.</summary>
    public static Dictionary<long, LoanScore> All(DbConnection connection)
    {
        var result = new Dictionary<long, LoanScore>();
        using var r = BulkRows.Query(connection, "SELECT loan_id, model_version, scored_on, score, pd, origination_pd, pd_doubled_on, ecl FROM loan_scores");
        while (r.Read())
            result[r.Int64(0)] = new LoanScore
            {
                LoanId = r.Int64(0), ModelVersion = r.Int32(1), ScoredOn = r.Date(2), Score = r.Int32(3), Pd = r.Double(4),
                OriginationPd = r.Double(5), PdDoubledOn = r.DateOrNull(6), Ecl = Money.FromMinor(r.Int64(7)),
            };
        return result;
    }

    /// <summary>Inserts or replaces the scores, in one transaction.</summary>
    public static void Upsert(DbConnection connection, IReadOnlyCollection<LoanScore> scores)
    {
        if (scores.Count == 0) return;
        using var tx = connection.BeginTransaction();
        using (var upsert = new PreparedStatement(connection, tx, """
            INSERT INTO loan_scores (loan_id, model_version, scored_on, score, pd, origination_pd, pd_doubled_on, ecl)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)
            ON CONFLICT (loan_id) DO UPDATE SET model_version = excluded.model_version, scored_on = excluded.scored_on, score = excluded.score,
                pd = excluded.pd, origination_pd = excluded.origination_pd, pd_doubled_on = excluded.pd_doubled_on, ecl = excluded.ecl
            """, 8))
        {
            foreach (var s in scores)
                upsert.Run(s.LoanId, s.ModelVersion, s.ScoredOn, s.Score, s.Pd, s.OriginationPd, s.PdDoubledOn, Money.ToMinor(s.Ecl));
        }
        tx.Commit();
    }

    /// <summary>The loans' scores at a month end, from the history.</summary>
    public static Dictionary<long, ScoreHistory> History(DbConnection connection, DateOnly monthEnd)
    {
        var result = new Dictionary<long, ScoreHistory>();
        using var r = BulkRows.Query(connection, "SELECT loan_id, model_version, score, pd FROM score_history WHERE month_end = @d", ("@d", monthEnd));
        while (r.Read())
            result[r.Int64(0)] = new ScoreHistory { MonthEnd = monthEnd, LoanId = r.Int64(0), ModelVersion = r.Int32(1), Score = r.Int32(2), Pd = r.Double(3) };
        return result;
    }

    /// <summary>The month ends the score history holds, in order.</summary>
    public static List<DateOnly> HistoryMonthEnds(DbConnection connection)
    {
        var result = new List<DateOnly>();
        using var r = BulkRows.Query(connection, "SELECT DISTINCT month_end FROM score_history ORDER BY month_end");
        while (r.Read()) result.Add(r.Date(0));
        return result;
    }

    /// <summary>A month end's scores with each loan's segment and its state then.</summary>
    public static List<ScoredLoan> HistoryWithSegments(DbConnection connection, DateOnly monthEnd)
    {
        var result = new List<ScoredLoan>();
        using var r = BulkRows.Query(connection, """
            SELECT h.loan_id, l.segment, h.score, h.pd, CASE WHEN s.status = 'Active' AND s.dpd < 90 THEN 1 ELSE 0 END
            FROM score_history h JOIN loans l ON l.id = h.loan_id
            LEFT JOIN loan_state_snapshots s ON s.snapshot_date = h.month_end AND s.loan_id = h.loan_id
            WHERE h.month_end = @d
            """, ("@d", monthEnd));
        while (r.Read()) result.Add(new ScoredLoan(r.Int64(0), r.Enum<Segment>(1), r.Int32(2), r.Double(3), r.Int32(4) == 1));
        return result;
    }

    /// <summary>Writes a month end's scores (replacing any the month end had for those loans), in one transaction.</summary>
    public static void WriteHistory(DbConnection connection, IReadOnlyCollection<ScoreHistory> rows)
    {
        if (rows.Count == 0) return;
        using var tx = connection.BeginTransaction();
        using (var upsert = new PreparedStatement(connection, tx, """
            INSERT INTO score_history (month_end, loan_id, model_version, score, pd) VALUES (@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (month_end, loan_id) DO UPDATE SET model_version = excluded.model_version, score = excluded.score, pd = excluded.pd
            """, 5))
        {
            foreach (var h in rows) upsert.Run(h.MonthEnd, h.LoanId, h.ModelVersion, h.Score, h.Pd);
        }
        tx.Commit();
    }
}
