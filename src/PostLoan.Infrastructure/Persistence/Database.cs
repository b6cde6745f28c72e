using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PostLoan.Infrastructure.Security;

namespace PostLoan.Infrastructure.Persistence;

/// <summary>
/// Where the data lives and how to open it. The embedded default is a SQLite file; the setting is
/// either a file path or a full connection string.
/// </summary>
public sealed record DatabaseSettings(string ConnectionString)
{
    public const string DefaultPath = "data/postloan.db";

    /// <summary>
    /// Encryption of the sensitive borrower fields (docs/sensitive-data.md). By default the key is
    /// <c>POSTLOAN_DATA_KEY</c>, else the key file <c>keys/data.key</c> next to the database; see <see cref="WithDataKey"/>.
    /// </summary>
    public FieldEncryption Encryption { get; init; } = FieldEncryption.ForConnectionString(ConnectionString);

    /// <summary>
    /// Uses the key from configuration (<c>PostLoan:Security:DataKey</c>, base64 of 32 bytes) when one is
    /// given. The <c>POSTLOAN_DATA_KEY</c> environment variable still wins over it, as the environment
    /// wins over configuration files elsewhere; with neither, the key file stays.
    /// </summary>
    public DatabaseSettings WithDataKey(string? configuredKey) =>
        string.IsNullOrWhiteSpace(configuredKey) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(FieldEncryption.EnvironmentVariable))
            ? this
            : this with { Encryption = FieldEncryption.FromBase64(configuredKey, FieldEncryption.ConfigurationKey) };

    /// <summary>Builds settings from a file path (e.g. <c>data/postloan.db</c>) or an ADO.NET connection string (<c>Data Source=…</c>).</summary>
    public static DatabaseSettings From(string? pathOrConnectionString)
    {
        var value = string.IsNullOrWhiteSpace(pathOrConnectionString) ? DefaultPath : pathOrConnectionString.Trim();
        if (value.Contains('=')) return new DatabaseSettings(value);
        var full = Path.GetFullPath(value);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new DatabaseSettings(new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString());
    }

    /// <summary>Points an EF options builder at this database (also used by dependency injection).</summary>
    public void Configure(DbContextOptionsBuilder builder) =>
        builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly(typeof(PostLoanDbContext).Assembly.FullName))
            .UseFieldEncryption(Encryption);

    public DbContextOptions<PostLoanDbContext> ContextOptions()
    {
        var builder = new DbContextOptionsBuilder<PostLoanDbContext>();
        Configure(builder);
        return builder.Options;
    }

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
    // A throwaway key: building the model must not leave a key file in the source tree.
    public PostLoanDbContext CreateDbContext(string[] args) =>
        (DatabaseSettings.From("Data Source=design.db") with { Encryption = FieldEncryption.FromKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(FieldEncryption.KeySize)) })
            .CreateContext();
}
