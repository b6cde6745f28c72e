using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using PostLoan.Infrastructure.EndOfDay;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.EarlyWarning.FeatureStore;

/// <summary>What the store did for one part of the inputs: taken from its file, refreshed for some borrowers, or read whole.</summary>
public readonly record struct StorePartReport(string Part, string How, int Borrowers, TimeSpan Took);

/// <summary>
/// The inputs of the early-warning features that change slowly — the loans' terms and the monitoring data — kept
/// between runs in files beside the database, so that end-of-day reads again only what changed since the last run.
/// <para>Each part (the loans, and each monitoring group) is one file holding the rows exactly as
/// <see cref="FeatureReads"/> reads them, with the database's identity and the change number it is current to. The
/// database's triggers (<see cref="ChangeJournalSql"/>) number every write to those tables and note the borrower it
/// touched; a part is brought up to date by reading again, whole, the rows of the borrowers touched after its number.
/// When many were touched (a bulk import) or the file is missing, stale or of another database, the part is read
/// whole, as it would be without the store. The result is the same rows as a full read: the store saves reading, not
/// computing, and every feature is still computed from the rows each day.</para>
/// <para>The folder can be deleted at any time; the next run reads everything and writes it again. After restoring a
/// database from a copy, delete it (docs/early-warning.md).</para>
/// </summary>
public sealed class FeatureInputStore(string folder)
{
    /// <summary>Bumped whenever a file's layout changes: files of another layout are read whole again.</summary>
    public const int Format = 2;

    /// <summary>Above this share of the borrowers with data touched, a part is read whole: a refresh by id costs more per row.</summary>
    public const double FullReadShare = 0.25;

    private readonly List<Task> _saves = [];
    private readonly List<StorePartReport> _reports = [];

    public string Folder { get; } = folder;

    /// <summary>What each part did in this store's reads, in order.</summary>
    public IReadOnlyList<StorePartReport> Reports
    {
        get { lock (_reports) return [.. _reports]; }
    }

    /// <summary>The store kept for <paramref name="database"/>: beside a SQLite file, or under <c>data/features/</c> for a PostgreSQL database.</summary>
    public static FeatureInputStore For(DatabaseSettings database)
    {
        if (!database.IsPostgreSql)
            return new FeatureInputStore(Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource) + ".features");
        var b = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var name = string.Concat($"{b.Host}_{b.Port}_{b.Database}".Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_'));
        return new FeatureInputStore(Path.Combine(DatabaseMarker.FilesFolder(database), "features", name));
    }

    private Task<Dictionary<long, FeatureLoan>>? _loans;
    private (MonitoringGroups Groups, Task<MonitoringData> Data)? _monitoring;
    private readonly Dictionary<DateOnly, Task<MonthEndDpd>> _dpd = [];

    /// <summary>
    /// Starts reading, on connections of their own, the loans, the monitoring groups and the month ends' DPD a run will ask for,
    /// while the caller reads today's states: the later calls for them wait for these reads instead of starting their own.
    /// </summary>
    /// <param name="whenIdle">Read at the lowest priority (<see cref="ReadAlongside.StartWhenIdle"/>): ahead of time, beside other work.</param>
    public void Prefetch(Func<DbConnection> open, MonitoringGroups groups, IEnumerable<DateOnly> monthEnds, bool whenIdle = false)
    {
        Prefetched = true;
        Task<T> Start<T>(Func<DbConnection, T> read) => whenIdle ? ReadAlongside.StartWhenIdle(open, read) : ReadAlongside.Start(open, read);
        _loans = Start(ReadLoans);
        if (groups != MonitoringGroups.None)
            _monitoring = (groups, Start(connection => ReadMonitoring(connection, groups)));
        // The month ends one after another on one more connection: the machine's other core is shared with the groups.
        var dates = monthEnds.Distinct().ToList();
        var all = Start(connection => dates.Select(d => (d, ReadDpd(connection, d))).ToList());
        foreach (var d in dates) _dpd[d] = all.ContinueWith(t => t.Result.Single(r => r.d == d).Item2, TaskScheduler.Default);
    }

    /// <summary>Whether <see cref="Prefetch"/> started its reads: what it did not start is read when asked for.</summary>
    public bool Prefetched { get; private set; }

    /// <summary>Every loan, as <see cref="FeatureReads.Loans"/> reads them.</summary>
    public Dictionary<long, FeatureLoan> Loans(DbConnection connection) => _loans?.GetAwaiter().GetResult() ?? ReadLoans(connection);

    private Dictionary<long, FeatureLoan> ReadLoans(DbConnection connection) =>
        InSnapshot(connection, journal => Part(connection, journal, StoreParts.Loans,
            () => FeatureReads.Loans(connection),
            (loans, touched) =>
            {
                foreach (var id in loans.Where(l => touched.Contains(l.Value.BorrowerId)).Select(l => l.Key).ToList()) loans.Remove(id);
                foreach (var (id, loan) in FeatureReads.LoansOf(connection, touched)) loans[id] = loan;
            }));

    /// <summary>The monitoring data of <paramref name="groups"/>, as <see cref="FeatureReads.Monitoring"/> reads it for every borrower.</summary>
    public MonitoringData Monitoring(DbConnection connection, MonitoringGroups groups) =>
        _monitoring is { } started && (groups & ~started.Groups) == 0 ? started.Data.GetAwaiter().GetResult() : ReadMonitoring(connection, groups);

    private MonitoringData ReadMonitoring(DbConnection connection, MonitoringGroups groups) =>
        InSnapshot(connection, journal =>
        {
            var parts = StoreParts.Monitoring.Where(p => (groups & p.Group) != 0)
                .Select(p => Part(connection, journal, p.Part, () => StoreParts.Only(FeatureReads.Monitoring(connection, null, p.Group), p.Group), (data, touched) =>
                {
                    var fresh = StoreParts.Only(FeatureReads.Monitoring(connection, touched, p.Group), p.Group);
                    var loans = FeatureReads.LoanIdsOf(connection, touched);
                    StoreParts.Refresh(data, fresh, touched, loans);
                }))
                .ToList();
            return StoreParts.Combine(parts);
        });

    /// <summary>
    /// The loans' DPD at a month end, as <see cref="FeatureReads.SnapshotDpd"/> reads it. Month-end snapshots are only
    /// ever added (end-of-day inserts the missing ones and keeps those there), so a file is current while the
    /// snapshot's row count and sum of loan ids are those it was written with; both come from the index that holds the DPD.
    /// </summary>
    public MonthEndDpd SnapshotDpd(DbConnection connection, DateOnly monthEnd) =>
        _dpd.TryGetValue(monthEnd, out var started) ? started.GetAwaiter().GetResult() : ReadDpd(connection, monthEnd);

    private MonthEndDpd ReadDpd(DbConnection connection, DateOnly monthEnd)
    {
        var started = Stopwatch.GetTimestamp();
        var name = $"dpd-{monthEnd:yyyy-MM-dd}";
        (string Instance, long Rows, long Sum) stamp;
        using (var r = BulkRows.Query(connection, """
            SELECT v.instance, (SELECT COUNT(*) FROM loan_state_snapshots WHERE snapshot_date = @d), (SELECT COALESCE(SUM(loan_id), 0) FROM loan_state_snapshots WHERE snapshot_date = @d)
            FROM monitoring_version v WHERE v.id = 1
            """, ("@d", monthEnd)))
            stamp = r.Read() ? (r.Text(0), r.Int64(1), r.Int64(2)) : throw new InvalidOperationException("the change journal of the feature-input store is missing: run the migrations");
        var part = StoreParts.Dpd(name);
        var path = Path.Combine(Folder, name + ".bin");
        // The file belongs to this database's snapshot of that month end as it stands: identity, row count and id sum.
        var instance = $"{stamp.Instance}/{stamp.Rows}/{stamp.Sum}";
        var kept = StoreFiles.Read(path, part, instance);
        var data = kept?.Data;
        if (data is null)
        {
            data = FeatureReads.SnapshotDpd(connection, monthEnd);
            var save = Task.Run(() =>
            {
                StoreFiles.Write(path, part, instance, 0, data);
                // Month ends two years older than this one are past any history function's reach.
                foreach (var old in Directory.GetFiles(Folder, "dpd-*.bin"))
                    if (DateOnly.TryParseExact(Path.GetFileNameWithoutExtension(old)[4..], "yyyy-MM-dd", out var d) && d < monthEnd.AddMonths(-24)) File.Delete(old);
            });
            lock (_saves) _saves.Add(save);
        }
        lock (_reports) _reports.Add(new StorePartReport(name, kept is null ? "read whole (no file)" : "from file", 0, Stopwatch.GetElapsedTime(started)));
        return data;
    }

    /// <summary>Waits for the files being written in the background.</summary>
    public void Flush()
    {
        Task[] pending;
        lock (_saves) pending = [.. _saves];
        Task.WaitAll(pending);
    }

    /// <summary>The database's identity and change number, and the borrowers touched, read in one snapshot with the rows.</summary>
    private sealed class Journal(DbConnection connection, string instance, long current)
    {
        private Dictionary<long, long>? _touched;
        private long _after = long.MaxValue;

        public string Instance { get; } = instance;
        public long Current { get; } = current;

        /// <summary>The borrowers touched after <paramref name="after"/>.</summary>
        public HashSet<long> TouchedAfter(long after)
        {
            if (_touched is null || after < _after)
            {
                _touched = [];
                _after = after;
                using var r = BulkRows.Query(connection, "SELECT borrower_id, seq FROM monitoring_touches WHERE seq > @after", ("@after", after));
                while (r.Read()) _touched[r.Int64(0)] = r.Int64(1);
            }
            return [.. _touched.Where(t => t.Value > after).Select(t => t.Key)];
        }

        /// <summary>How many borrowers ever had a row written.</summary>
        public long BorrowersWithData()
        {
            using var r = BulkRows.Query(connection, "SELECT COUNT(*) FROM monitoring_touches");
            return r.Read() ? r.Int64(0) : 0;
        }
    }

    private static T InSnapshot<T>(DbConnection connection, Func<Journal, T> read)
    {
        // One snapshot for the journal and the rows: a write committed between them would otherwise be missed or half read.
        // SQLite's deferred transaction takes no write lock: its snapshot starts at the first read.
        using var transaction = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true) : connection.BeginTransaction(IsolationLevel.RepeatableRead);
        Journal journal;
        using (var r = BulkRows.Query(connection, "SELECT instance, (SELECT COALESCE(MAX(seq), 0) FROM monitoring_touches) FROM monitoring_version WHERE id = 1"))
            journal = r.Read() ? new Journal(connection, r.Text(0), r.Int64(1)) : throw new InvalidOperationException("the change journal of the feature-input store is missing: run the migrations");
        var result = read(journal);
        transaction.Commit();
        return result;
    }

    private T Part<T>(DbConnection connection, Journal journal, StorePart<T> part, Func<T> readWhole, Action<T, HashSet<long>> refresh) where T : class
    {
        var started = Stopwatch.GetTimestamp();
        var path = Path.Combine(Folder, part.Name + ".bin");
        var kept = StoreFiles.Read(path, part, journal.Instance);
        string how;
        var borrowers = 0;
        T data;
        if (kept is null || kept.Value.Watermark > journal.Current)
            (data, how) = (readWhole(), kept is null ? "read whole (no file)" : "read whole (file ahead of the database)");
        else if (kept.Value.Watermark == journal.Current)
            (data, how) = (kept.Value.Data, "from file");
        else
        {
            var touched = journal.TouchedAfter(kept.Value.Watermark);
            borrowers = touched.Count;
            if (touched.Count > FullReadShare * journal.BorrowersWithData())
                (data, how) = (readWhole(), "read whole (many touched)");
            else
            {
                data = kept.Value.Data;
                refresh(data, touched);
                how = "refreshed";
            }
        }
        if (how != "from file")
        {
            var save = Task.Run(() => StoreFiles.Write(path, part, journal.Instance, journal.Current, data));
            lock (_saves) _saves.Add(save);
        }
        lock (_reports) _reports.Add(new StorePartReport(part.Name, how, borrowers, Stopwatch.GetElapsedTime(started)));
        return data;
    }
}
