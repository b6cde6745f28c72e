using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using PostLoan.Infrastructure.Persistence;
using PostLoan.Infrastructure.Security;

namespace PostLoan.IntegrationTests.Support;

/// <summary>
/// Which database the integration tests run on. By default a SQLite file per test; when
/// <c>POSTLOAN_TEST_POSTGRES</c> holds a server's connection string (./test.sh starts a throwaway
/// server and runs the suite once more with it), a fresh PostgreSQL database per test.
/// </summary>
public static class TestDatabases
{
    public const string ServerVariable = "POSTLOAN_TEST_POSTGRES";

    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } s ? s : null;

    public static bool OnPostgres => PostgresServer is not null;

    /// <summary>
    /// A PostgreSQL database has no folder for a key file: the run uses one data key from the
    /// environment, which the command-line processes the tests start inherit.
    /// </summary>
    [ModuleInitializer]
    internal static void SetDataKeyForServer()
    {
        if (OnPostgres && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(FieldEncryption.EnvironmentVariable)))
            Environment.SetEnvironmentVariable(FieldEncryption.EnvironmentVariable, FieldEncryption.NewKey());
    }
}

/// <summary>A test that is about one provider's own behaviour: skipped, with the reason, on the other.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string why)
    {
        if (TestDatabases.OnPostgres) Skip = $"SQLite only: {why}";
    }
}

/// <inheritdoc cref="SqliteOnlyFactAttribute"/>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute(string why)
    {
        if (!TestDatabases.OnPostgres) Skip = $"PostgreSQL only (./test.sh runs the suite on both): {why}";
    }
}

/// <summary>
/// A real, migrated database removed afterwards: a SQLite file in a fresh temporary folder, or a
/// fresh database on the test PostgreSQL server (<see cref="TestDatabases"/>). The folder exists in
/// both cases, for the files a test writes.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string? _postgresName;

    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "postloan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        if (TestDatabases.PostgresServer is { } server)
        {
            _postgresName = "t_" + Guid.NewGuid().ToString("N");
            Db = new NpgsqlConnectionStringBuilder(server) { Database = _postgresName }.ToString();
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{_postgresName}\" TEMPLATE \"{Migrated.Value}\"";
            // PostgreSQL copies a template for one CREATE DATABASE at a time ("being accessed by other users").
            lock (Migrated) create.ExecuteNonQuery();
        }
        else
        {
            Db = Path.Combine(Folder, "postloan.db");
            System.IO.File.Copy(Migrated.Value, Db);
        }
        Settings = DatabaseSettings.From(Db);
        // A copy would share the template's identity, which the kept feature inputs check: a fresh database gets its own.
        Execute(Settings.IsPostgreSql
            ? "UPDATE monitoring_version SET instance = md5(random()::text || clock_timestamp()::text)"
            : "UPDATE monitoring_version SET instance = lower(hex(randomblob(16)))");
    }

    /// <summary>
    /// A database migrated once per test run, which each test's database copies: migrating takes about a
    /// second on PostgreSQL, a copy a fraction of it. On SQLite the path of the file, on PostgreSQL the
    /// name of the template database.
    /// </summary>
    private static readonly Lazy<string> Migrated = new(MigrateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string MigrateTemplate()
    {
        if (TestDatabases.PostgresServer is { } server)
        {
            var name = "template_" + Guid.NewGuid().ToString("N");
            var template = DatabaseSettings.From(new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString());
            template.Migrate();
            // No session may stay connected to a database that is being copied.
            using (var pooled = new NpgsqlConnection(template.ConnectionString)) NpgsqlConnection.ClearPool(pooled);
            return name;
        }
        var folder = Path.Combine(Path.GetTempPath(), "postloan-tests", "template-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "postloan.db");
        var settings = DatabaseSettings.From(path);
        settings.Migrate();
        using (var connection = settings.OpenConnection())
        using (var checkpoint = connection.CreateCommand())
        {
            // Everything into the main file, which is all a copy takes (WAL mode stays set in its header).
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }
        settings.ClearPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        };
        return path;
    }

    public string Folder { get; }

    /// <summary>What to give <c>--db</c>: the SQLite file's path or the PostgreSQL connection string.</summary>
    public string Db { get; }

    public DatabaseSettings Settings { get; }

    /// <summary>Writes a file in the database's folder and returns its path.</summary>
    public string File(string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(Folder, name);
        System.IO.File.WriteAllText(path, content, encoding ?? new UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// Every row of the servicing output tables as text, in a stable order, for comparing two
    /// databases. Surrogate ids are left out; <paramref name="withAsOf"/> leaves out the date a
    /// state was computed on, which differs between a catch-up and day-by-day runs.
    /// </summary>
    public string DumpServicing(bool withAsOf = true)
    {
        using var connection = Settings.OpenConnection();
        var sb = new StringBuilder();
        Dump(connection, sb, "SELECT l.external_id, s.* FROM loan_states s JOIN loans l ON l.id = s.loan_id ORDER BY l.external_id", withAsOf ? [] : ["as_of"]);
        Dump(connection, sb, "SELECT l.external_id, c.business_date, c.kind, c.old_value, c.new_value, c.rule, c.reason, c.actor FROM state_changes c JOIN loans l ON l.id = c.loan_id ORDER BY l.external_id, c.business_date, c.kind", []);
        Dump(connection, sb, "SELECT l.external_id, s.* FROM loan_state_snapshots s JOIN loans l ON l.id = s.loan_id ORDER BY s.snapshot_date, l.external_id", withAsOf ? [] : ["as_of"]);
        return sb.ToString();
    }

    /// <summary>Every row the query returns, as <c>column=value;</c> lines, to compare a table before and after.</summary>
    public string DumpTable(string sql)
    {
        using var connection = Settings.OpenConnection();
        var sb = new StringBuilder();
        Dump(connection, sb, sql, []);
        return sb.ToString();
    }

    /// <summary>Runs a statement, to set up a state a test needs.</summary>
    public void Execute(string sql)
    {
        using var connection = Settings.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public long Count(string sql)
    {
        using var connection = Settings.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Dump(DbConnection connection, StringBuilder sb, string sql, string[] skip)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            for (var i = 0; i < r.FieldCount; i++)
            {
                if (skip.Contains(r.GetName(i))) continue;
                sb.Append(r.GetName(i)).Append('=').Append(r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append(';');
            }
            sb.Append('\n');
        }
    }

    public void Dispose()
    {
        Settings.ClearPools();
        // The feature inputs end-of-day kept for a PostgreSQL database live under the working folder, not in Folder.
        var features = PostLoan.Infrastructure.EarlyWarning.FeatureStore.FeatureInputStore.For(Settings).Folder;
        if (_postgresName is not null && Directory.Exists(features)) Directory.Delete(features, recursive: true);
        if (_postgresName is not null)
        {
            try
            {
                using var server = new NpgsqlConnection(TestDatabases.PostgresServer);
                server.Open();
                using var drop = server.CreateCommand();
                drop.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
                drop.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // The throwaway server is removed after the run anyway.
            }
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
