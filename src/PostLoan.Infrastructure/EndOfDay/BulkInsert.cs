using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.EndOfDay;

/// <summary>
/// Inserts many rows into one table, inside the transaction the connection has open: on SQLite through a native
/// statement run once per row, values bound by position without boxing; on PostgreSQL through a binary COPY.
/// </summary>
internal static class BulkInsert
{
    /// <param name="write">Writes one row's values, in the order of <paramref name="columns"/>.</param>
    public static void Rows<T>(DbConnection connection, string table, IReadOnlyList<string> columns, IEnumerable<T> rows, Action<T, IColumnWriter> write)
    {
        var list = string.Join(", ", columns);
        if (connection is SqliteConnection sqlite)
        {
            using var statement = new SqliteStatement(sqlite, $"INSERT INTO {table} ({list}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})");
            var writer = new StatementWriter(statement);
            foreach (var row in rows)
            {
                write(row, writer.Start());
                writer.Execute();
            }
            return;
        }
        using var copy = ((NpgsqlConnection)connection).BeginBinaryImport($"COPY {table} ({list}) FROM STDIN (FORMAT BINARY)");
        var copyWriter = new CopyWriter(copy);
        foreach (var row in rows)
        {
            copy.StartRow();
            write(row, copyWriter);
        }
        copy.Complete();
    }
}

/// <summary>Takes one row's values column by column, in the order of a column list, with no boxing.</summary>
internal interface IColumnWriter
{
    void Int64(long value);
    void Int32(int value);
    void Bool(bool value);
    void Date(DateOnly? value);
    void Text(string? value);
}

/// <summary>Binds a row's values to a native SQLite statement, one position after the other.</summary>
internal sealed class StatementWriter(SqliteStatement statement) : IColumnWriter
{
    private int _next = 1;

    public SqliteStatement Statement => statement;

    public StatementWriter Start()
    {
        _next = 1;
        return this;
    }

    public void Execute() => statement.Execute();

    public void Int64(long value) => statement.Bind(_next++, value);
    public void Int32(int value) => statement.Bind(_next++, value);
    public void Bool(bool value) => statement.Bind(_next++, value);
    public void Date(DateOnly? value) => statement.Bind(_next++, value);
    public void Text(string? value) => statement.Bind(_next++, value);
}

/// <summary>Writes a COPY row's values, typed as the tables' columns are.</summary>
internal sealed class CopyWriter(NpgsqlBinaryImporter copy) : IColumnWriter
{
    public void Int64(long value) => copy.Write(value, NpgsqlDbType.Bigint);
    public void Int32(int value) => copy.Write(value, NpgsqlDbType.Integer);
    public void Bool(bool value) => copy.Write(value, NpgsqlDbType.Boolean);

    public void Date(DateOnly? value)
    {
        if (value is { } d) copy.Write(d, NpgsqlDbType.Date);
        else copy.WriteNull();
    }

    public void Text(string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }
}
