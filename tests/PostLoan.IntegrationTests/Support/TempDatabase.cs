using System.Text;
using Microsoft.Data.Sqlite;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.IntegrationTests.Support;

/// <summary>A real SQLite file in a fresh temporary folder, migrated, removed afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "postloan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DbPath = System.IO.Path.Combine(Folder, "postloan.db");
        Settings = DatabaseSettings.From(DbPath);
        Settings.Migrate();
    }

    public string Folder { get; }
    public string DbPath { get; }
    public DatabaseSettings Settings { get; }

    /// <summary>Writes a file in the database's folder and returns its path.</summary>
    public string File(string name, string content, Encoding? encoding = null)
    {
        var path = System.IO.Path.Combine(Folder, name);
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

    public long Count(string sql)
    {
        using var connection = Settings.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Dump(SqliteConnection connection, StringBuilder sb, string sql, string[] skip)
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
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
