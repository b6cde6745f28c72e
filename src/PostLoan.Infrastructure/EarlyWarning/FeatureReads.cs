using System.Data.Common;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.EarlyWarning.Features;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.EndOfDay;

namespace PostLoan.Infrastructure.EarlyWarning;

/// <summary>What early-warning features read of a loan itself.</summary>
/// <param name="Maturity">The last installment's due date under the loan's terms.</param>
public sealed record FeatureLoan(long BorrowerId, decimal Principal, DateOnly Disbursed, Segment Segment, string Product, DateOnly Maturity)
{
    /// <summary>The segment as rules write it: 'retail', 'corporate' or 'project'.</summary>
    public string SegmentName { get; } = Segment.Snake();
}

/// <summary>What early-warning features read of a loan's servicing state on one date (today's state or a month-end snapshot).</summary>
public readonly record struct FeatureState(LoanStatus Status, int Dpd, decimal Outstanding, RiskClass RiskClass, Ifrs9Stage Stage, bool Restructured, DateOnly? LastRepaymentOn)
{
    /// <summary>
    /// What the features read of a state servicing has just computed: the same values, amounts of the same scale, as a
    /// read of the row end-of-day writes from it (amounts are kept in minor units).
    /// </summary>
    public static FeatureState Of(LoanStateFields state) => new(state.Status, state.Dpd, FeatureReads.Cents(Money.ToMinor(state.OutstandingPrincipal)), state.RiskClass,
        state.Stage, state.InRestructureObservation, state.LastRepaymentOn);
}

/// <summary>
/// The loans' DPD at a month end, in loan-id order, as two arrays: what history functions over <c>dpd</c> read, a
/// million loans for each month back, lined up with the rows of a frame without a lookup each.
/// </summary>
public sealed record MonthEndDpd(long[] LoanIds, int[] Dpd)
{
    /// <summary>The DPD of each of <paramref name="ids"/> (fastest in ascending order), and whether the snapshot holds the loan.</summary>
    public (int[] Dpd, bool[] Present) Align(long[] ids)
    {
        var dpd = new int[ids.Length];
        var present = new bool[ids.Length];
        var j = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            // The ids ascend, so the snapshot is walked once; an id smaller than the last starts the walk again.
            if (i > 0 && ids[i] < ids[i - 1]) j = 0;
            while (j < LoanIds.Length && LoanIds[j] < ids[i]) j++;
            if (j < LoanIds.Length && LoanIds[j] == ids[i]) (dpd[i], present[i]) = (Dpd[j], true);
        }
        return (dpd, present);
    }
}

/// <summary>Rows grouped by the loan or borrower they are looked up by.</summary>
public sealed class Grouped<T>
{
    private readonly Dictionary<long, List<T>> _rows = [];

    public void Add(long key, T row)
    {
        if (!_rows.TryGetValue(key, out var list)) _rows[key] = list = [];
        list.Add(row);
    }

    /// <summary>The rows of <paramref name="key"/>; empty when it has none.</summary>
    public IReadOnlyList<T> Of(long key) => _rows.TryGetValue(key, out var list) ? list : [];

    /// <summary>Every key with its rows.</summary>
    public IEnumerable<KeyValuePair<long, List<T>>> All => _rows;

    public int Keys => _rows.Count;

    /// <summary>Sets the rows of <paramref name="key"/>.</summary>
    public void Set(long key, List<T> rows) => _rows[key] = rows;

    /// <summary>Forgets the rows of <paramref name="key"/>.</summary>
    public void Remove(long key) => _rows.Remove(key);

    /// <summary>Takes over the rows of every key of <paramref name="other"/>, replacing any this one had.</summary>
    public void Replace(Grouped<T> other)
    {
        foreach (var (key, rows) in other._rows) _rows[key] = rows;
    }
}

/// <summary>The groups of monitoring data, so that a run reads only the tables its features need.</summary>
[Flags]
public enum MonitoringGroups
{
    None = 0,
    Statements = 1,
    Bureau = 2,
    Collateral = 4,
    FundUses = 8,
    Milestones = 16,
    Signals = 32,
    All = Statements | Bureau | Collateral | FundUses | Milestones | Signals,
}

/// <summary>The monitoring data the features read: statements, bureau snapshots and signals about a borrower by borrower, the rest by loan.</summary>
public sealed record MonitoringData(
    Grouped<StatementFigures> Statements, Grouped<CovenantTerms> Covenants, Grouped<BureauFigures> Bureau, Grouped<CollateralFacts> Collateral,
    Grouped<SignalEvent> GuarantorSignals, Grouped<SignalEvent> BorrowerSignals, Grouped<FundUsePayment> FundUses, Grouped<MilestoneProgress> Milestones);

/// <summary>
/// The bulk reads behind early-warning features, with the same row reader as end-of-day's chunk reads. Dates, enums
/// and amounts are decoded from the stored values without a string or a division each: these reads run over every
/// loan and every monitoring row each day.
/// </summary>
public static class FeatureReads
{
    /// <summary>Every loan, or the one loan <paramref name="loanId"/>.</summary>
    public static Dictionary<long, FeatureLoan> Loans(DbConnection connection, long? loanId = null) =>
        Loans(connection, loanId is null ? "" : " WHERE id = @id", loanId is { } id ? [("@id", id)] : []);

    /// <summary>The loans of the borrowers <paramref name="borrowers"/>.</summary>
    public static Dictionary<long, FeatureLoan> LoansOf(DbConnection connection, IReadOnlyCollection<long> borrowers) =>
        Loans(connection, " WHERE " + BulkSql.InIds(connection, "borrower_id", "@b"), [("@b", BulkSql.Ids(connection, borrowers))]);

    /// <summary>The ids of the loans of the borrowers <paramref name="borrowers"/>.</summary>
    public static List<long> LoanIdsOf(DbConnection connection, IReadOnlyCollection<long> borrowers)
    {
        var result = new List<long>();
        using var r = BulkRows.Query(connection, "SELECT id FROM loans WHERE " + BulkSql.InIds(connection, "borrower_id", "@b"), ("@b", BulkSql.Ids(connection, borrowers)));
        while (r.Read()) result.Add(r.Int64(0));
        return result;
    }

    private static Dictionary<long, FeatureLoan> Loans(DbConnection connection, string where, (string, object)[] parameters)
    {
        var result = new Dictionary<long, FeatureLoan>();
        var products = new Dictionary<string, string>(StringComparer.Ordinal);
        using var r = BulkRows.Query(connection,
            $"SELECT id, borrower_id, principal, disbursed_on, segment, product, first_due_on, term_months FROM loans" + where, parameters);
        while (r.Read())
        {
            var product = r.Text(5);
            if (!products.TryGetValue(product, out var shared)) products[product] = shared = product;
            result[r.Int64(0)] = new FeatureLoan(r.Int64(1), M(r, 2), r.Date(3), r.Enum<Segment>(4), shared, r.Date(6).AddMonths(Math.Max(0, r.Int32(7) - 1)));
        }
        return result;
    }

    /// <summary>The current servicing state of the partition's loans.</summary>
    public static Dictionary<long, FeatureState> Current(DbConnection connection, EodPartition partition) =>
        States(connection, "loan_states s" + (partition.IsWhole ? "" : $" JOIN loans l ON l.id = s.loan_id WHERE l.borrower_id % {partition.Count} = {partition.Remainder}"));

    /// <summary>The current servicing state of one loan.</summary>
    public static Dictionary<long, FeatureState> CurrentOf(DbConnection connection, long loanId) =>
        States(connection, "loan_states s WHERE s.loan_id = @id", ("@id", loanId));

    /// <summary>The loans' states at a month end, from the snapshots end-of-day keeps.</summary>
    public static Dictionary<long, FeatureState> Snapshot(DbConnection connection, DateOnly monthEnd) =>
        States(connection, "loan_state_snapshots s WHERE s.snapshot_date = @d", ("@d", monthEnd));

    /// <summary>The loans' DPD at a month end, in loan-id order through the index that holds it: a million rows at a time.</summary>
    public static MonthEndDpd SnapshotDpd(DbConnection connection, DateOnly monthEnd)
    {
        var (ids, dpd) = (new List<long>(), new List<int>());
        using var r = BulkRows.Query(connection, "SELECT loan_id, dpd FROM loan_state_snapshots WHERE snapshot_date = @d ORDER BY loan_id", ("@d", monthEnd));
        while (r.Read())
        {
            ids.Add(r.Int64(0));
            dpd.Add(r.Int32(1));
        }
        return new MonthEndDpd([.. ids], [.. dpd]);
    }

    private static Dictionary<long, FeatureState> States(DbConnection connection, string from, params (string, object)[] parameters)
    {
        var result = new Dictionary<long, FeatureState>();
        // Enums as numbers and the date as a day number: a million rows, read without a string or a parse each.
        using var r = BulkRows.Query(connection, $"""
            SELECT s.loan_id, {BulkSql.EnumNumber<LoanStatus>("s.status")}, s.dpd, s.outstanding_principal, {BulkSql.EnumNumber<RiskClass>("s.risk_class")},
                   {BulkSql.EnumNumber<Ifrs9Stage>("s.stage")}, CASE WHEN s.in_restructure_observation THEN 1 ELSE 0 END,
                   {BulkSql.DayNumber(connection, "s.last_repayment_on")}
            FROM {from}
            """, parameters);
        while (r.Read())
            result[r.Int64(0)] = new FeatureState((LoanStatus)r.Int32(1), r.Int32(2), M(r, 3), (RiskClass)r.Int32(4), (Ifrs9Stage)r.Int32(5), r.Int32(6) == 1, r.DayOrNull(7));
        return result;
    }

    /// <summary>Every watch-list entry: who, from when, and until when (null while listed).</summary>
    public static List<(long Borrower, DateOnly AddedOn, DateOnly? RemovedOn)> WatchList(DbConnection connection)
    {
        var result = new List<(long, DateOnly, DateOnly?)>();
        using var r = BulkRows.Query(connection, $"SELECT borrower_id, added_on, removed_on FROM watch_list");
        while (r.Read()) result.Add((r.Int64(0), r.Date(1), r.DateOrNull(2)));
        return result;
    }

    /// <summary>The delinquency events (<see cref="DelinquencyEvents"/>) dated in (<paramref name="after"/>, <paramref name="through"/>].</summary>
    public static List<(long Loan, DelinquencyEvent Event)> Events(DbConnection connection, DateOnly after, DateOnly through, long? loanId = null)
    {
        var kinds = string.Join(", ", DelinquencyEvents.Kinds.Select(k => $"'{k}'"));
        var result = new List<(long, DelinquencyEvent)>();
        using var r = BulkRows.Query(connection, $"""
            SELECT loan_id, {BulkSql.DayNumber(connection, "business_date")}, {KindNumber("kind")}, CAST(new_value AS integer) FROM state_changes
            WHERE kind IN ({kinds}) AND business_date > @after AND business_date <= @through{(loanId is null ? "" : " AND loan_id = @loan")}
            """, [("@after", after), ("@through", through), .. loanId is { } id ? new[] { ("@loan", (object)id) } : []]);
        while (r.Read())
            result.Add((r.Int64(0), new DelinquencyEvent(r.Day(1), DelinquencyEvents.Kinds[r.Int32(2)], r.Int32(3))));
        return result;
    }

    private static string KindNumber(string column) =>
        "CASE " + column + string.Concat(DelinquencyEvents.Kinds.Select((k, i) => $" WHEN '{k}' THEN {i}")) + " END";

    /// <summary>
    /// The monitoring data of <paramref name="groups"/> (the others are left empty), for every borrower, or for the
    /// borrowers <paramref name="borrowers"/> and their loans.
    /// </summary>
    public static MonitoringData Monitoring(DbConnection connection, IReadOnlyCollection<long>? borrowers, MonitoringGroups groups)
    {
        (string, object)[] parameters = borrowers is null ? [] : [("@b", BulkSql.Ids(connection, borrowers))];
        var ofBorrower = borrowers is null ? "" : " WHERE " + BulkSql.InIds(connection, "borrower_id", "@b");
        var loansOfBorrowers = "SELECT id FROM loans WHERE " + BulkSql.InIds(connection, "borrower_id", "@b");
        var ofLoans = borrowers is null ? "" : $" WHERE loan_id IN ({loansOfBorrowers})";
        var statements = new Grouped<StatementFigures>();
        if (groups.HasFlag(MonitoringGroups.Statements))
        using (var r = BulkRows.Query(connection, $"""
            SELECT borrower_id, period_end, period, received_on,
                   total_assets, total_liabilities, current_assets, current_liabilities, inventory, receivables, revenue, net_profit, operating_cash_flow, interest_expense, debt_service
            FROM financial_statements{ofBorrower}
            """, parameters))
        {
            while (r.Read())
                statements.Add(r.Int64(0), new StatementFigures(r.Date(1), r.Enum<StatementPeriod>(2), r.Date(3), M(r, 4), M(r, 5), M(r, 6), M(r, 7), M(r, 8), M(r, 9),
                    M(r, 10), M(r, 11), M(r, 12), M(r, 13), M(r, 14)));
        }
        var covenants = new Grouped<CovenantTerms>();
        if (groups.HasFlag(MonitoringGroups.Statements))
        using (var r = BulkRows.Query(connection, $"""
            SELECT loan_id, metric, operator, threshold,
                   from_date, to_date
            FROM covenants{ofLoans}
            """, parameters))
        {
            while (r.Read())
                covenants.Add(r.Int64(0), new CovenantTerms(r.Enum<CovenantMetric>(1), r.Enum<CovenantOperator>(2), r.Decimal(3), r.Date(4), r.DateOrNull(5)));
        }
        var bureau = new Grouped<BureauFigures>();
        if (groups.HasFlag(MonitoringGroups.Bureau))
        using (var r = BulkRows.Query(connection, $"SELECT borrower_id, as_of, total_debt, overdue_debt, overdue90_debt, inquiries_3m FROM bureau_snapshots{ofBorrower}", parameters))
        {
            while (r.Read()) bureau.Add(r.Int64(0), new BureauFigures(r.Date(1), M(r, 2), M(r, 3), M(r, 4), r.Int32(5)));
        }
        var valuations = new Dictionary<long, List<(DateOnly, decimal)>>();
        if (groups.HasFlag(MonitoringGroups.Collateral))
        using (var r = BulkRows.Query(connection, $"SELECT collateral_id, valued_on, value FROM collateral_valuations" + (borrowers is null ? "" : " WHERE collateral_id IN (SELECT id FROM collateral" + ofLoans + ")"), parameters))
        {
            while (r.Read())
            {
                var id = r.Int64(0);
                if (!valuations.TryGetValue(id, out var list)) valuations[id] = list = [];
                list.Add((r.Date(1), M(r, 2)));
            }
        }
        var collateral = new Grouped<CollateralFacts>();
        if (groups.HasFlag(MonitoringGroups.Collateral))
        using (var r = BulkRows.Query(connection, $"""
            SELECT id, loan_id, lien_status, insurance_expiry, appraised_on, appraised_value
            FROM collateral{ofLoans}
            """, parameters))
        {
            while (r.Read())
                collateral.Add(r.Int64(1), new CollateralFacts(r.Enum<LienStatus>(2), r.DateOrNull(3),
                    valuations.TryGetValue(r.Int64(0), out var v) ? v : [(r.Date(4), M(r, 5))]));
        }
        var guarantorLoan = new Dictionary<long, long>();
        if (groups.HasFlag(MonitoringGroups.Collateral))
        using (var r = BulkRows.Query(connection, "SELECT id, loan_id FROM guarantors" + ofLoans, parameters))
        {
            while (r.Read()) guarantorLoan[r.Int64(0)] = r.Int64(1);
        }
        var guarantorSignals = new Grouped<SignalEvent>();
        var borrowerSignals = new Grouped<SignalEvent>();
        // Signals about guarantors belong to the collateral group's features, those about borrowers to the signals group.
        if ((groups & (MonitoringGroups.Collateral | MonitoringGroups.Signals)) != 0)
        using (var r = BulkRows.Query(connection, $"SELECT borrower_id, guarantor_id, kind, occurred_on FROM external_signals"
            + (borrowers is null ? "" : $" WHERE {BulkSql.InIds(connection, "borrower_id", "@b")} OR guarantor_id IN (SELECT id FROM guarantors" + ofLoans + ")"), parameters))
        {
            while (r.Read())
            {
                var signal = new SignalEvent(r.Enum<SignalKind>(2), r.Date(3));
                if (!r.IsNull(0)) borrowerSignals.Add(r.Int64(0), signal);
                else if (!r.IsNull(1) && guarantorLoan.TryGetValue(r.Int64(1), out var loan)) guarantorSignals.Add(loan, signal);
            }
        }
        var fundUses = new Grouped<FundUsePayment>();
        if (groups.HasFlag(MonitoringGroups.FundUses))
        using (var r = BulkRows.Query(connection, $"SELECT loan_id, paid_on, amount, counterparty_type FROM fund_uses{ofLoans}", parameters))
        {
            while (r.Read()) fundUses.Add(r.Int64(0), new FundUsePayment(r.Date(1), M(r, 2), r.Enum<CounterpartyType>(3)));
        }
        var milestones = new Grouped<MilestoneProgress>();
        if (groups.HasFlag(MonitoringGroups.Milestones))
        using (var r = BulkRows.Query(connection, $"""
            SELECT loan_id, planned_date, actual_date, planned_completion, completion, budget, spend FROM project_milestones{ofLoans}
            """, parameters))
        {
            while (r.Read()) milestones.Add(r.Int64(0), new MilestoneProgress(r.Date(1), r.DateOrNull(2), r.Decimal(3), r.Decimal(4), M(r, 5), M(r, 6)));
        }
        return new MonitoringData(statements, covenants, bureau, collateral, guarantorSignals, borrowerSignals, fundUses, milestones);
    }

    /// <summary>
    /// Each loan's dates of going bad, in order: entering 90+ DPD (bucket M4 or worse, from the state changes) or being
    /// written off. The outcome back-tests and the behaviour model are measured against.
    /// </summary>
    public static Dictionary<long, List<DateOnly>> BadDates(DbConnection connection)
    {
        var labels = string.Join(", ", Enum.GetValues<Bucket>().Where(b => b >= Bucket.M4).Select(b => $"'{b.Label()}'"));
        var result = new Dictionary<long, List<DateOnly>>();
        using var r = BulkRows.Query(connection, $"""
            SELECT loan_id, business_date FROM state_changes
            WHERE (kind = 'bucket' AND new_value IN ({labels}) AND (old_value IS NULL OR old_value NOT IN ({labels})))
               OR (kind = 'status' AND new_value = 'written_off')
            ORDER BY loan_id, business_date
            """);
        while (r.Read())
        {
            var id = r.Int64(0);
            if (!result.TryGetValue(id, out var list)) result[id] = list = [];
            list.Add(r.Date(1));
        }
        return result;
    }

    /// <summary>The loan's first bad date after <paramref name="date"/>, if any.</summary>
    public static DateOnly? FirstAfter(Dictionary<long, List<DateOnly>> bad, long loanId, DateOnly date)
    {
        if (!bad.TryGetValue(loanId, out var dates)) return null;
        foreach (var d in dates)
            if (d > date) return d;
        return null;
    }

    private static decimal M(BulkRows r, int column) => Cents(r.Int64(column));

    /// <summary>An amount stored in minor units, as a decimal of scale 2, built without a division (millions of them are read).</summary>
    public static decimal Cents(long minor)
    {
        var magnitude = (ulong)Math.Abs(minor);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, minor < 0, 2);
    }

}
