using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PostLoan.Infrastructure.Persistence;

/// <summary>
/// Lets a command that builds a database of its own (the demo, the benchmark) recognise one it made
/// earlier and replace it, and refuse to replace anything else. On SQLite the marker is a file beside
/// the database (<c>postloan.db.demo</c>); on PostgreSQL it is the database's comment.
/// </summary>
public static class DatabaseMarker
{
    /// <summary>True when the database exists (the SQLite file, or the PostgreSQL database on its server).</summary>
    public static bool Exists(DatabaseSettings database)
    {
        if (!database.IsPostgreSql) return File.Exists(SqlitePath(database));
        try
        {
            using var connection = database.OpenConnection();
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return false;
        }
    }

    /// <summary>The marker's text, or null when there is none.</summary>
    public static string? Read(DatabaseSettings database, string kind)
    {
        if (!database.IsPostgreSql)
        {
            var file = SqlitePath(database) + "." + kind;
            return File.Exists(file) ? File.ReadAllText(file) : null;
        }
        if (!Exists(database)) return null;
        using var connection = database.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()";
        return cmd.ExecuteScalar() is string comment && comment.StartsWith(Tag(kind), StringComparison.Ordinal) ? comment[Tag(kind).Length..] : null;
    }

    /// <summary>Marks the (existing) database as made by <paramref name="kind"/>.</summary>
    public static void Write(DatabaseSettings database, string kind, string text)
    {
        if (!database.IsPostgreSql)
        {
            File.WriteAllText(SqlitePath(database) + "." + kind, text);
            return;
        }
        using var connection = database.OpenConnection();
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"COMMENT ON DATABASE \"{name.Replace("\"", "\"\"")}\" IS '{(Tag(kind) + text).Replace("'", "''")}'";
        cmd.ExecuteNonQuery();
    }

    /// <summary>Removes the database and its marker: the SQLite files, or the PostgreSQL database; and the feature inputs kept for it.</summary>
    public static void Drop(DatabaseSettings database, string kind)
    {
        database.ClearPools();
        var features = EarlyWarning.FeatureStore.FeatureInputStore.For(database).Folder;
        if (Directory.Exists(features)) Directory.Delete(features, recursive: true);
        if (database.IsPostgreSql)
        {
            using var db = database.CreateContext();
            db.Database.EnsureDeleted();
            return;
        }
        var path = SqlitePath(database);
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "." + kind })
            if (File.Exists(file)) File.Delete(file);
    }

    /// <summary>A count from a query, or 0 when the schema is not there yet (an empty or foreign database).</summary>
    public static long CountOrZero(DatabaseSettings database, string sql)
    {
        try
        {
            using var connection = database.OpenConnection();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException)
        {
            return 0;
        }
    }

    /// <summary>A folder for files that belong with the database: beside a SQLite file, else <c>data/</c> under the working folder.</summary>
    public static string FilesFolder(DatabaseSettings database) =>
        database.IsPostgreSql ? Path.GetFullPath("data") : Path.GetDirectoryName(SqlitePath(database))!;

    private static string SqlitePath(DatabaseSettings database) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);

    private static string Tag(string kind) => $"postloan:{kind}:";
}
