using System.Data.Common;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Domain.Servicing;
using Microsoft.Data.Sqlite;
using Npgsql;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.EndOfDay;

/// <summary>A loan row as end-of-day reads it, before its product rules are attached.</summary>
public sealed record LoanRow(
    long LoanId,
    long BorrowerId,
    bool CorporateBorrower,
    string Product,
    decimal Principal,
    decimal AnnualRatePercent,
    int TermMonths,
    DateOnly DisbursedOn,
    DateOnly FirstDueOn,
    RepaymentMethod Method,
    int GraceDays,
    decimal PenaltyUplift,
    DateOnly? RestructuredOn,
    RiskClass? ClassBeforeRestructure,
    decimal? BureauOverdueShare,
    DateOnly? BureauAsOf);

/// <summary>Everything one chunk of borrowers needs, read in a few set-based queries ordered by loan.</summary>
public sealed class ChunkInput
{
    public List<LoanRow> Loans { get; } = [];
    public Dictionary<long, List<Installment>> CustomSchedules { get; } = [];
    public Dictionary<long, TransactionFact[]> Transactions { get; } = [];
    public Dictionary<long, StateBaseline> Baselines { get; } = [];

    /// <summary>By loan: the date the oldest red early-warning alert still open on it was raised.</summary>
    public Dictionary<long, DateOnly> RedAlertsOpenSince { get; } = [];

    /// <summary>By borrower: the date they were put on the watch list, while they are on it.</summary>
    public Dictionary<long, DateOnly> OnWatchListSince { get; } = [];

    /// <summary>By loan: the date the behaviour model's PD reached twice its origination PD, while it stays there.</summary>
    public Dictionary<long, DateOnly> PdDoubledSince { get; } = [];

    /// <summary>SQLite: the stored values of <see cref="StateColumns.Indexed"/>, by loan, for the write to compare with.</summary>
    internal Dictionary<long, StateColumns.IndexedValues> IndexedBefore { get; } = [];
}

/// <summary>
/// The bulk paths of end-of-day: candidate selection, chunk reads and chunk writes in one
/// transaction each, never loan by loan through the change tracker. SQL is kept to what SQLite
/// and PostgreSQL both accept.
/// </summary>
public sealed class EndOfDayStore(DatabaseSettings settings) : IDisposable
{
    private readonly DbConnection _connection = ForBulkWork(settings.OpenConnection());

    /// <summary>
    /// PostgreSQL: no parallel workers for end-of-day's statements (they are keyed lookups of one chunk, and the
    /// partitions already keep the cores busy: a worker only takes a core from another partition), and enough sort
    /// memory for a chunk's transactions, which spilled to disk at the default 4 MB.
    /// </summary>
    private static DbConnection ForBulkWork(DbConnection connection)
    {
        if (connection is NpgsqlConnection)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SET max_parallel_workers_per_gather = 0; SET work_mem = '64MB'";
            cmd.ExecuteNonQuery();
        }
        return connection;
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>The business date (<see cref="EndOfDayRun.BusinessDate"/>) from the completed runs, read with plain SQL.</summary>
    public static DateOnly? BusinessDate(DbConnection connection, EodPartition? partition = null)
    {
        using var cmd = connection.CreateCommand();
        // The latest date each partition (or the whole book) completed: a row per partition, however long the history.
        cmd.CommandText = "SELECT MAX(to_date), partition_number, partition_count FROM end_of_day_runs WHERE completed_at IS NOT NULL GROUP BY partition_number, partition_count";
        using var r = cmd.ExecuteReader();
        var completed = new List<(DateOnly, int, int)>();
        while (r.Read()) completed.Add((r.GetFieldValue<DateOnly>(0), r.GetInt32(1), r.GetInt32(2)));
        return EndOfDayRun.BusinessDate(completed, partition);
    }

    /// <summary>
    /// Borrowers with a loan to look at for a run ending on <paramref name="to"/>: loans never serviced,
    /// changed by an import, or whose review date has come; with <paramref name="full"/> every loan not closed.
    /// </summary>
    public List<long> CandidateBorrowers(DateOnly to, bool full, long afterBorrowerId, EodPartition partition)
    {
        var reviewCondition = full ? "s.status <> 'Closed'" : "s.status = 'Active' AND s.next_review_on <= @to";
        using var cmd = Command($"""
            SELECT DISTINCT l.borrower_id FROM loans l
            LEFT JOIN loan_states s ON s.loan_id = l.id
            WHERE l.borrower_id > @after AND l.disbursed_on <= @to{PartitionFilter(partition)}
              AND (s.loan_id IS NULL OR l.needs_recompute = @yes OR ({reviewCondition}))
            ORDER BY l.borrower_id
            """, ("@after", afterBorrowerId), ("@to", to), ("@yes", true));
        var result = new List<long>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) result.Add(reader.GetInt64(0));
        return result;
    }

    /// <summary>Reads the loans of the given borrowers that are disbursed by <paramref name="to"/> and not closed (or changed since).</summary>
    public ChunkInput LoadChunk(IReadOnlyList<long> borrowerIds, DateOnly to)
    {
        var input = new ChunkInput();
        var keepIndexed = _connection is not NpgsqlConnection; // only SQLite's write path picks its SET list by them
        const string loanFilter = "l.disbursed_on <= @to AND (s.status IS NULL OR s.status <> 'Closed' OR l.needs_recompute = @yes)";
        var (loans, ofBorrowers) = BulkSql.RowsWithIds(_connection, "loans", "l", "borrower_id", "@b");
        var chunkBorrowers = BulkSql.Ids(_connection, [.. borrowerIds]);

        // Dates come back as day numbers and enums as numbers: the database does the conversion, and the
        // reader allocates no string per row.
        using (var r = Rows($"""
            SELECT l.id, l.borrower_id, b.kind, l.product, l.principal, l.annual_rate_percent, l.term_months,
                   {Day("l.disbursed_on")}, {Day("l.first_due_on")}, {BulkSql.EnumNumber<RepaymentMethod>("l.method")}, l.grace_days, l.penalty_uplift,
                   {Day("l.restructured_on")}, {BulkSql.EnumNumber<RiskClass>("l.class_before_restructure")},
                   b.bureau_total_debt, b.bureau_overdue90_debt, {Day("b.bureau_as_of")},
                   {BulkSql.EnumNumber<LoanStatus>("s.status")}, {BulkSql.EnumNumber<Bucket>("s.bucket")},
                   {BulkSql.EnumNumber<RiskClass>("s.risk_class")}, {BulkSql.EnumNumber<Ifrs9Stage>("s.stage")}, s.outstanding_principal, s.dpd, {Day("s.next_review_on")}, {Day("s.as_of")}
            FROM {loans} JOIN borrowers b ON b.id = l.borrower_id
            LEFT JOIN loan_states s ON s.loan_id = l.id
            WHERE {ofBorrowers} AND {loanFilter}
            ORDER BY l.borrower_id, l.id
            """, ("@b", chunkBorrowers), ("@to", to), ("@yes", true)))
        {
            while (r.Read())
            {
                var total = r.IsNull(14) ? (long?)null : r.Int64(14);
                var overdue = r.IsNull(15) ? (long?)null : r.Int64(15);
                var loan = new LoanRow(
                    r.Int64(0),
                    r.Int64(1),
                    r.Text(2) == nameof(BorrowerKind.Corporate),
                    r.Text(3),
                    Money.FromMinor(r.Int64(4)),
                    r.Decimal(5),
                    r.Int32(6),
                    r.Day(7),
                    r.Day(8),
                    (RepaymentMethod)r.Int32(9),
                    r.Int32(10),
                    r.Decimal(11),
                    r.DayOrNull(12),
                    r.IsNull(13) ? null : (RiskClass)r.Int32(13),
                    total is > 0 && overdue is { } od ? (decimal)od / total.Value : null,
                    r.DayOrNull(16));
                input.Loans.Add(loan);
                if (!r.IsNull(17))
                {
                    var stored = new StateBaseline((LoanStatus)r.Int32(17), (Bucket)r.Int32(18), (RiskClass)r.Int32(19), (Ifrs9Stage)r.Int32(20), r.Int32(22), r.Day(24));
                    input.Baselines[loan.LoanId] = stored;
                    if (keepIndexed) input.IndexedBefore[loan.LoanId] = new StateColumns.IndexedValues(stored.Status, r.Int64(21), r.Int32(22), stored.Bucket, stored.RiskClass, r.DayOrNull(23));
                }
            }
        }
        if (input.Loans.Count == 0) return input;

        var custom = input.Loans.Where(l => l.Method == RepaymentMethod.Custom).Select(l => l.LoanId).ToArray();
        if (custom.Length > 0)
        {
            var (scheduleLines, ofLoans) = BulkSql.RowsWithIds(_connection, "schedule_lines", "sl", "loan_id", "@l");
            using var r = Rows($"""
                SELECT sl.loan_id, sl.number, {Day("sl.due_date")}, sl.principal, sl.interest, sl.fees
                FROM {scheduleLines}
                WHERE {ofLoans}
                ORDER BY sl.loan_id, sl.number
                """, ("@l", BulkSql.Ids(_connection, custom)));
            while (r.Read())
            {
                var loanId = r.Int64(0);
                if (!input.CustomSchedules.TryGetValue(loanId, out var lines)) input.CustomSchedules[loanId] = lines = [];
                lines.Add(new Installment(r.Int32(1), r.Day(2), Money.FromMinor(r.Int64(3)), Money.FromMinor(r.Int64(4)), Money.FromMinor(r.Int64(5))));
            }
        }

        // Early warning's inputs to classification: open red alerts by loan, the watch list by borrower, a doubled PD by
        // loan. The tables are small beside the book (the scores are one row per loan), read by the chunk's ids like the rest.
        var loanIds = BulkSql.Ids(_connection, input.Loans.ConvertAll(l => l.LoanId));
        var (alerts, ofAlertLoans) = BulkSql.RowsWithIds(_connection, "alerts", "a", "loan_id", "@l");
        using (var r = Rows($"""
            SELECT a.loan_id, {Day("MIN(a.raised_on)")} FROM {alerts}
            WHERE {ofAlertLoans} AND a.severity = 'Red' AND a.status IN ('Open', 'Acknowledged', 'Escalated')
            GROUP BY a.loan_id
            """, ("@l", loanIds)))
        {
            while (r.Read()) input.RedAlertsOpenSince[r.Int64(0)] = r.Day(1);
        }
        var (watched, ofWatchedBorrowers) = BulkSql.RowsWithIds(_connection, "watch_list", "w", "borrower_id", "@b");
        using (var r = Rows($"""
            SELECT w.borrower_id, {Day("w.added_on")} FROM {watched}
            WHERE {ofWatchedBorrowers} AND w.removed_on IS NULL
            """, ("@b", chunkBorrowers)))
        {
            while (r.Read()) input.OnWatchListSince[r.Int64(0)] = r.Day(1);
        }
        var (scores, ofScoredLoans) = BulkSql.RowsWithIds(_connection, "loan_scores", "ls", "loan_id", "@l");
        using (var r = Rows($"""
            SELECT ls.loan_id, {Day("ls.pd_doubled_on")} FROM {scores}
            WHERE {ofScoredLoans} AND ls.pd_doubled_on IS NOT NULL
            """, ("@l", loanIds)))
        {
            while (r.Read()) input.PdDoubledSince[r.Int64(0)] = r.Day(1);
        }

        // A reversal cancels its transaction from the reversal's value date on; both are left out of the replay.
        // The loans are known by now: read their transactions by loan id (an index range each) rather than joining again.
        // Reversals come with them (the import keeps a reversal on its transaction's loan) and are matched here: a
        // correlated NOT EXISTS per transaction cost SQLite a fifth of the read, and led PostgreSQL's planner into a
        // merge anti-join over the whole table.
        // They come ordered by loan, so each loan's are gathered, reversals matched, and stored as one array.
        var reversed = new HashSet<long>();
        var loanRows = new List<(long Id, TransactionFact Fact)>();
        var currentLoan = 0L;
        void Gather()
        {
            if (loanRows.Count == 0) return;
            var facts = new List<TransactionFact>(loanRows.Count);
            foreach (var (id, fact) in loanRows)
                if (!reversed.Contains(id)) facts.Add(fact);
            input.Transactions[currentLoan] = [.. facts];
            loanRows.Clear();
            reversed.Clear();
        }
        const int reversal = (int)TransactionKind.Reversal;
        var (transactions, ofChunkLoans) = BulkSql.RowsWithIds(_connection, "transactions", "t", "loan_id", "@l");
        using (var r = Rows($"""
            SELECT t.id, t.loan_id, {BulkSql.EnumNumber<TransactionKind>("t.kind")}, {Day("t.value_date")}, t.amount,
                   {BulkSql.EnumNumber<AllocationComponent>("t.component")}, t.reverses_id
            FROM {transactions}
            WHERE {ofChunkLoans} AND t.value_date <= @to
            ORDER BY t.loan_id, t.value_date, t.id
            """, ("@l", loanIds), ("@to", to)))
        {
            while (r.Read())
            {
                var loanId = r.Int64(1);
                if (loanId != currentLoan)
                {
                    Gather();
                    currentLoan = loanId;
                }
                var kind = r.Int32(2);
                if (kind == reversal)
                {
                    if (!r.IsNull(6)) reversed.Add(r.Int64(6));
                    continue;
                }
                loanRows.Add((r.Int64(0), new TransactionFact(
                    r.Day(3),
                    (TransactionKind)kind,
                    Money.FromMinor(r.Int64(4)),
                    r.IsNull(5) ? null : (AllocationComponent)r.Int32(5))));
            }
            Gather();
        }
        return input;
    }

    private BulkRows Rows(string sql, params (string Name, object Value)[] parameters) => BulkRows.Query(_connection, sql, parameters);

    private string Day(string column) => BulkSql.DayNumber(_connection, column);

    /// <summary>
    /// Writes one chunk's results and the run's checkpoint in one transaction, so a crash leaves
    /// either the whole chunk or none of it.
    /// </summary>
    public void WriteChunk(ChunkInput input, ServicingOutput output, IReadOnlyList<long> loanIds, long runId, long lastBorrowerId, int loansProcessed) =>
        Write(input, output, loanIds, runId, lastBorrowerId, loansProcessed, commit: true);

    /// <summary>
    /// Does all the work of <see cref="WriteChunk"/> for a chunk and then rolls it back, leaving the
    /// database as it was: the benchmark's floor, the cost of the bulk write without the replay.
    /// </summary>
    public void WriteChunkRolledBack(ChunkInput input, ServicingOutput output, IReadOnlyList<long> loanIds) =>
        Write(input, output, loanIds, runId: 0, lastBorrowerId: 0, loansProcessed: 0, commit: false);

    private void Write(ChunkInput input, ServicingOutput output, IReadOnlyList<long> loanIds, long runId, long lastBorrowerId, int loansProcessed, bool commit)
    {
        using var tx = _connection.BeginTransaction();
        if (_connection is NpgsqlConnection pg)
            CopyOutputs(pg, tx, output, loanIds);
        else
            InsertOutputs((SqliteConnection)_connection, input.IndexedBefore, output, loanIds);
        using (var cmd = new PreparedStatement(_connection, tx, "UPDATE end_of_day_runs SET last_borrower_id = @p0, loans_processed = loans_processed + @p1 WHERE id = @p2", 3))
        {
            cmd.Run(lastBorrowerId, loansProcessed, runId);
        }
        if (commit) tx.Commit();
        else tx.Rollback();
        if (commit && _connection is SqliteConnection && (_loansSinceWalRestart += loansProcessed) >= LoansPerWalRestart)
        {
            RestartWal();
            _loansSinceWalRestart = 0;
        }
    }

    private int _loansSinceWalRestart;

    /// <summary>
    /// SQLite's automatic checkpoints copy the write-ahead log into the database but cannot start the log
    /// over while a reader is using it, and end-of-day's read-ahead connection (and any other partition's)
    /// nearly always is: the log then grows to gigabytes on a large book, and every page lookup searches it.
    /// A RESTART checkpoint waits for the readers to move to the latest commit, so the next commit starts
    /// the log from the beginning. It waits a second at most: the chunk reads are shorter, and a long read (the alert
    /// phase's, read ahead as servicing starts) would hold the writes up for its whole length. The log is then
    /// checkpointed as far as it can be and started over at a later restart.
    /// </summary>
    private void RestartWal()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"PRAGMA busy_timeout={RestartWaitMs}; PRAGMA wal_checkpoint(RESTART); PRAGMA busy_timeout={DatabaseSettings.SqliteBusyTimeoutMs};";
        cmd.ExecuteNonQuery();
    }

    private const int RestartWaitMs = 1_000;

    /// <summary>About 8 chunks' worth of loans: the log stays at a few hundred megabytes at most.</summary>
    private const int LoansPerWalRestart = 40_000;

    /// <summary>
    /// SQLite: native statements prepared once per chunk and run row by row inside the chunk's one
    /// transaction (there are no round trips to save), values bound by position without boxing.
    /// </summary>
    private static void InsertOutputs(SqliteConnection connection, Dictionary<long, StateColumns.IndexedValues> indexedBefore, ServicingOutput output, IReadOnlyList<long> loanIds)
    {
        var columns = StateColumns.All.Length;
        // A row's upsert sets only the indexed columns whose value changed since the chunk read them: each set
        // column costs a rewrite of every index it is in. One statement per combination that occurs.
        var upserts = new Dictionary<int, StatementWriter>();
        try
        {
            foreach (var state in output.States)
            {
                var changed = indexedBefore.TryGetValue(state.LoanId, out var before) ? before.Changed(StateColumns.IndexedValues.Of(state)) : StateColumns.AllIndexed;
                if (!upserts.TryGetValue(changed, out var writer))
                    upserts[changed] = writer = new StatementWriter(new SqliteStatement(connection,
                        $"INSERT INTO loan_states ({StateColumns.List}) VALUES ({Placeholders(columns)}) ON CONFLICT (loan_id) DO UPDATE SET {StateColumns.UpdatesSetting(changed)}"));
                StateColumns.Write(state, writer.Start());
                writer.Execute();
            }
        }
        finally
        {
            foreach (var writer in upserts.Values) writer.Statement.Dispose();
        }
        using (var snapshots = new SqliteStatement(connection, $"INSERT INTO loan_state_snapshots (snapshot_date, {StateColumns.List}) VALUES ({Placeholders(columns + 1)}) ON CONFLICT (snapshot_date, loan_id) DO NOTHING"))
        {
            var writer = new StatementWriter(snapshots);
            foreach (var snapshot in output.Snapshots)
            {
                writer.Start().Date(snapshot.SnapshotDate);
                StateColumns.Write(snapshot.State, writer);
                writer.Execute();
            }
        }
        using (var changes = new SqliteStatement(connection, $"INSERT INTO state_changes ({StateColumns.ChangeList}) VALUES ({Placeholders(StateColumns.ChangeColumns)}) ON CONFLICT (loan_id, business_date, kind) DO NOTHING"))
        {
            var writer = new StatementWriter(changes);
            foreach (var c in output.Changes)
            {
                StateColumns.WriteChange(c, writer.Start());
                writer.Execute();
            }
        }
        using var clear = new SqliteStatement(connection, $"UPDATE loans SET needs_recompute = 0 WHERE needs_recompute = 1 AND {BulkSql.InIds(connection, "id", "@ids")}");
        clear.Bind(1, (string)BulkSql.Ids(connection, [.. loanIds]));
        clear.Execute();
    }

    /// <summary>
    /// PostgreSQL: binary COPY of the chunk's rows into session temporary tables, then one set-based
    /// upsert per table: a handful of round trips per chunk instead of one per row.
    /// </summary>
    private static void CopyOutputs(NpgsqlConnection connection, DbTransaction tx, ServicingOutput output, IReadOnlyList<long> loanIds)
    {
        Execute(connection, tx, $"""
            CREATE TEMP TABLE IF NOT EXISTS eod_states ON COMMIT DELETE ROWS AS SELECT {StateColumns.List} FROM loan_states WITH NO DATA;
            CREATE TEMP TABLE IF NOT EXISTS eod_snapshots ON COMMIT DELETE ROWS AS SELECT snapshot_date, {StateColumns.List} FROM loan_state_snapshots WITH NO DATA;
            CREATE TEMP TABLE IF NOT EXISTS eod_changes ON COMMIT DELETE ROWS AS SELECT {StateColumns.ChangeList} FROM state_changes WITH NO DATA;
            """);
        using (var copy = connection.BeginBinaryImport($"COPY eod_states ({StateColumns.List}) FROM STDIN (FORMAT BINARY)"))
        {
            var writer = new CopyWriter(copy);
            foreach (var state in output.States)
            {
                copy.StartRow();
                StateColumns.Write(state, writer);
            }
            copy.Complete();
        }
        using (var copy = connection.BeginBinaryImport($"COPY eod_snapshots (snapshot_date, {StateColumns.List}) FROM STDIN (FORMAT BINARY)"))
        {
            var writer = new CopyWriter(copy);
            foreach (var snapshot in output.Snapshots)
            {
                copy.StartRow();
                writer.Date(snapshot.SnapshotDate);
                StateColumns.Write(snapshot.State, writer);
            }
            copy.Complete();
        }
        using (var copy = connection.BeginBinaryImport($"COPY eod_changes ({StateColumns.ChangeList}) FROM STDIN (FORMAT BINARY)"))
        {
            var writer = new CopyWriter(copy);
            foreach (var c in output.Changes)
            {
                copy.StartRow();
                StateColumns.WriteChange(c, writer);
            }
            copy.Complete();
        }
        Execute(connection, tx, $"""
            INSERT INTO loan_states ({StateColumns.List}) SELECT {StateColumns.List} FROM eod_states ON CONFLICT (loan_id) DO UPDATE SET {StateColumns.Updates};
            INSERT INTO loan_state_snapshots (snapshot_date, {StateColumns.List}) SELECT snapshot_date, {StateColumns.List} FROM eod_snapshots ON CONFLICT (snapshot_date, loan_id) DO NOTHING;
            INSERT INTO state_changes ({StateColumns.ChangeList}) SELECT {StateColumns.ChangeList} FROM eod_changes ON CONFLICT (loan_id, business_date, kind) DO NOTHING;
            """);
        using var clear = new NpgsqlCommand("UPDATE loans SET needs_recompute = FALSE WHERE id = ANY(@ids) AND needs_recompute", connection, (NpgsqlTransaction)tx);
        clear.Parameters.AddWithValue("ids", loanIds.ToArray());
        clear.ExecuteNonQuery();
    }

    private static void Execute(NpgsqlConnection connection, DbTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, (NpgsqlTransaction)tx);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Month-end snapshots for the loans the run did not touch: their state did not change over the
    /// run, so the stored state is their state at each month end. Loans already snapshotted are kept.
    /// </summary>
    public int SnapshotUntouched(DateOnly monthEnd, EodPartition partition)
    {
        var monthStart = new DateOnly(monthEnd.Year, monthEnd.Month, 1);
        var prefixed = string.Join(", ", StateColumns.All.Select(c => "s." + c.Column));
        using var cmd = Command($"""
            INSERT INTO loan_state_snapshots (snapshot_date, {StateColumns.List})
            SELECT @me, {prefixed} FROM loan_states s JOIN loans l ON l.id = s.loan_id
            WHERE l.disbursed_on <= @me AND s.as_of <= @me AND (s.status <> 'Closed' OR s.status_since >= @start){PartitionFilter(partition)}
            ON CONFLICT (snapshot_date, loan_id) DO NOTHING
            """, ("@me", monthEnd), ("@start", monthStart));
        return cmd.ExecuteNonQuery();
    }

    /// <summary>The SQL condition for a partition's loans (alias <c>l</c>); nothing for the whole book. The numbers are validated integers.</summary>
    private static string PartitionFilter(EodPartition partition) =>
        partition.IsWhole ? "" : $" AND l.borrower_id % {partition.Count} = {partition.Remainder}";

    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
        PreparedStatement.Command(_connection, sql, parameters);

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"@p{i}"));

}
