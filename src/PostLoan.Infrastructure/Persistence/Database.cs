using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PostLoan.Infrastructure.Persistence;

/// <summary>
/// Where the data lives and how to open it. The embedded default is a SQLite file; the setting is
/// either a file path or a full connection string.
/// </summary>
public sealed record DatabaseSettings(string ConnectionString)
{
    public const string DefaultPath = "data/postloan.db";

    /// <summary>Builds settings from a file path (e.g. <c>data/postloan.db</c>) or an ADO.NET connection string (<c>Data Source=…</c>).</summary>
    public static DatabaseSettings From(string? pathOrConnectionString)
    {
        var value = string.IsNullOrWhiteSpace(pathOrConnectionString) ? DefaultPath : pathOrConnectionString.Trim();
        if (value.Contains('=')) return new DatabaseSettings(value);
        var full = Path.GetFullPath(value);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new DatabaseSettings(new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString());
    }

    public DbContextOptions<PostLoanDbContext> ContextOptions() =>
        new DbContextOptionsBuilder<PostLoanDbContext>()
            .UseSqlite(ConnectionString, o => o.MigrationsAssembly(typeof(PostLoanDbContext).Assembly.FullName))
            .Options;

    public PostLoanDbContext CreateContext() => new(ContextOptions());

    /// <summary>Creates or upgrades the schema with the migrations and sets the file's journal to WAL.</summary>
    public void Migrate()
    {
        using var db = CreateContext();
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    /// <summary>An open connection for the bulk paths, with the pragmas they rely on.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running host.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<PostLoanDbContext>
{
    public PostLoanDbContext CreateDbContext(string[] args) => DatabaseSettings.From("Data Source=design.db").CreateContext();
}
