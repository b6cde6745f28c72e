using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;
using PostLoan.Infrastructure.Security;

namespace PostLoan.Infrastructure.Persistence;

/// <summary>The database engines PostLoan runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one SQLite file.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for banks' production books and partitioned end-of-day.</summary>
    PostgreSql,
}

/// <summary>
/// Where the data lives and how to open it. The embedded default is a SQLite file; the setting is
/// a file path, a <c>postgres://</c> URL, or a full connection string of either provider.
/// </summary>
public sealed record DatabaseSettings(string ConnectionString, DatabaseProvider Provider = DatabaseProvider.Sqlite)
{
    public const string DefaultPath = "data/postloan.db";

    /// <summary>The assembly holding the PostgreSQL migrations (the SQLite ones live with the model).</summary>
    public const string PostgreSqlMigrationsAssembly = "PostLoan.Migrations.PostgreSql";

    /// <summary>
    /// Encryption of the sensitive borrower fields (docs/sensitive-data.md). By default the key is
    /// <c>POSTLOAN_DATA_KEY</c>, else (SQLite) the key file <c>keys/data.key</c> next to the database; see <see cref="WithDataKey"/>.
    /// </summary>
    public FieldEncryption Encryption { get; init; } = Provider == DatabaseProvider.PostgreSql
        ? FieldEncryption.ForServer()
        : FieldEncryption.ForConnectionString(ConnectionString);

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>
    /// Uses the key from configuration (<c>PostLoan:Security:DataKey</c>, base64 of 32 bytes) when one is
    /// given. The <c>POSTLOAN_DATA_KEY</c> environment variable still wins over it, as the environment
    /// wins over configuration files elsewhere; with neither, the key file stays.
    /// </summary>
    public DatabaseSettings WithDataKey(string? configuredKey) =>
        string.IsNullOrWhiteSpace(configuredKey) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(FieldEncryption.EnvironmentVariable))
            ? this
            : this with { Encryption = FieldEncryption.FromBase64(configuredKey, FieldEncryption.ConfigurationKey) };

    /// <summary>
    /// Builds settings from a SQLite file path (e.g. <c>data/postloan.db</c>), a PostgreSQL URL
    /// (<c>postgres://user:password@host:port/database</c>) or an ADO.NET connection string: one with
    /// <c>Host=</c> is PostgreSQL, one with <c>Data Source=</c> is SQLite.
    /// </summary>
    public static DatabaseSettings From(string? pathOrConnectionString)
    {
        var value = string.IsNullOrWhiteSpace(pathOrConnectionString) ? DefaultPath : pathOrConnectionString.Trim();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new DatabaseSettings(WithoutJit(FromUrl(value)), DatabaseProvider.PostgreSql);
        if (value.Contains('='))
        {
            var keys = new DbConnectionStringBuilder { ConnectionString = value };
            return keys.ContainsKey("Host") || keys.ContainsKey("Server")
                ? new DatabaseSettings(WithoutJit(value), DatabaseProvider.PostgreSql)
                : new DatabaseSettings(value);
        }
        var full = Path.GetFullPath(value);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new DatabaseSettings(new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString());
    }

    /// <summary>
    /// Turns PostgreSQL's JIT off for PostLoan's sessions unless the connection string sets it: the
    /// chunk reads of end-of-day and the list queries are costed high enough to be compiled, and the
    /// compilation took longer than the query (a 2,000-borrower chunk's transactions: 234 ms with it, 100 ms without).
    /// </summary>
    private static string WithoutJit(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options is not { } options || !options.Contains("jit", StringComparison.OrdinalIgnoreCase))
            builder.Options = $"{builder.Options} -c jit=off".Trim();
        return builder.ToString();
    }

    /// <summary>Turns <c>postgres://user:password@host:port/database?key=value</c> into an Npgsql connection string.</summary>
    private static string FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } name ? name : "postloan",
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]).Replace('_', ' ');
            builder[key] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "true";
        }
        return builder.ToString();
    }

    /// <summary>Where the data lives, without a password, for printing.</summary>
    public string Describe()
    {
        if (!IsPostgreSql) return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>Points an EF options builder at this database (also used by dependency injection).</summary>
    public void Configure(DbContextOptionsBuilder builder)
    {
        if (IsPostgreSql)
            builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly));
        else
            builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly(typeof(PostLoanDbContext).Assembly.FullName));
        builder.UseFieldEncryption(Encryption);
    }

    public DbContextOptions<PostLoanDbContext> ContextOptions()
    {
        var builder = new DbContextOptionsBuilder<PostLoanDbContext>();
        Configure(builder);
        return builder.Options;
    }

    public PostLoanDbContext CreateContext() => new(ContextOptions());

    /// <summary>
    /// Creates or upgrades the schema with the provider's migrations (creating a PostgreSQL database
    /// that does not exist yet) and, on SQLite, sets the file's journal to WAL. Every command runs this
    /// first: with no migration to apply it only reads the history, since EF's own pass also compares
    /// the model with the last migration's snapshot, half a second at each start of the command line.
    /// </summary>
    public void Migrate()
    {
        using var db = CreateContext();
        if (db.Database.GetPendingMigrations().Any()) db.Database.Migrate();
        if (!IsPostgreSql) db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    /// <summary>How long a SQLite statement waits for a lock another connection holds before it fails.</summary>
    public const int SqliteBusyTimeoutMs = 30_000;

    /// <summary>An open connection for the bulk paths, with the settings they rely on.</summary>
    public DbConnection OpenConnection()
    {
        if (IsPostgreSql)
        {
            var pg = new NpgsqlConnection(ConnectionString);
            pg.Open();
            return pg;
        }
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // A chunk's write touches pages all over the state table's indexes: with SQLite's default 2 MB page
        // cache they spill to the WAL before the commit and are read back; 64 MB holds a chunk's pages.
        pragma.CommandText = $"PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={SqliteBusyTimeoutMs}; PRAGMA cache_size=-65536;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Refreshes the query planner's statistics after bulk changes (import, end-of-day). SQLite keeps
    /// none until asked. A sampled <c>ANALYZE</c> of 100,000 rows an index takes about 0.3 s on a
    /// 1,000,000-loan book; with 10,000 it rated a status (four values over a million loans) as selective
    /// as one account manager's 25,000 loans, and drove a manager's active loans from the status index.
    /// PostgreSQL's autovacuum keeps its own.
    /// </summary>
    public void RefreshStatistics()
    {
        if (IsPostgreSql) return;
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA analysis_limit=100000; ANALYZE;";
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Brings the database to a quiet state after a bulk load: statistics current and, on PostgreSQL, the
    /// new rows vacuumed (hint bits set, the visibility map filled), work autovacuum would otherwise start
    /// at some later moment, in the middle of whatever runs then. After importing a 100,000-loan book and
    /// its history, autovacuum's passes over the transactions and snapshots overlapped the first timed
    /// end-of-day and took most of a core from it.
    /// </summary>
    public void SettleAfterBulkLoad()
    {
        if (!IsPostgreSql)
        {
            RefreshStatistics();
            return;
        }
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "VACUUM (ANALYZE)";
        cmd.CommandTimeout = 0;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Closes pooled connections, e.g. before a database file or database is replaced.</summary>
    public void ClearPools()
    {
        if (IsPostgreSql) NpgsqlConnection.ClearAllPools();
        else SqliteConnection.ClearAllPools();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without a running host.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<PostLoanDbContext>
{
    // A throwaway key: building the model must not leave a key file in the source tree.
    public PostLoanDbContext CreateDbContext(string[] args) =>
        (DatabaseSettings.From("Data Source=design.db") with { Encryption = FieldEncryption.FromKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(FieldEncryption.KeySize)) })
            .CreateContext();
}
