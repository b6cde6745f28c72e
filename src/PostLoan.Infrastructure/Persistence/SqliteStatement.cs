using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PostLoan.Infrastructure.Persistence;

/// <summary>
/// A statement prepared once on a SQLite connection's native handle and run for many rows: values are
/// bound by position without boxing, and columns are read without the per-call checks of a data reader.
/// It is SQLite's counterpart of PostgreSQL's binary COPY for end-of-day's millions of rows; it runs
/// inside whatever transaction the connection has open.
/// </summary>
public sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly string _sql;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        _sql = sql;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
    }

    /// <summary>The 1-based position of a named parameter such as <c>@to</c>.</summary>
    public int ParameterIndex(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_stmt, name);
        return index > 0 ? index : throw new ArgumentException($"the statement has no parameter {name}", nameof(name));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Bind(int index, bool value) => Check(raw.sqlite3_bind_int(_stmt, index, value ? 1 : 0));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_stmt, index));

    /// <summary>A date as EF Core's SQLite provider stores it: ISO text, <c>yyyy-MM-dd</c>.</summary>
    public void Bind(int index, DateOnly? value)
    {
        if (value is not { } d)
        {
            BindNull(index);
            return;
        }
        Span<byte> utf8 = stackalloc byte[10];
        d.TryFormat(utf8, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text(_stmt, index, utf8[..written]));
    }

    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var utf8 = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, utf8);
            Check(raw.sqlite3_bind_text(_stmt, index, utf8[..written]));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Steps to the next row; false when there are no more (the statement is then ready to run again).</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW) return true;
        raw.sqlite3_reset(_stmt);
        return rc == raw.SQLITE_DONE ? false : throw Failure(rc);
    }

    /// <summary>Runs a statement that returns no rows, and makes it ready for the next.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) throw Failure(rc);
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_stmt, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_stmt, column);

    public int Int32(int column) => raw.sqlite3_column_int(_stmt, column);

    public double Double(int column) => raw.sqlite3_column_double(_stmt, column);

    public string Text(int column) => raw.sqlite3_column_text(_stmt, column).utf8_to_string();

    /// <summary>The column's text as UTF-8 bytes, valid until the next step: read without making a string.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(_stmt, column);

    /// <summary>A date stored as text (<c>yyyy-MM-dd</c>, as EF Core's SQLite provider writes <see cref="DateOnly"/>).</summary>
    public DateOnly Date(int column)
    {
        var t = Utf8(column);
        if (t.Length < 10 || t[4] != (byte)'-' || t[7] != (byte)'-')
            throw new FormatException($"'{Encoding.UTF8.GetString(t)}' is not a yyyy-MM-dd date");
        static int D(byte b) => b - '0';
        return new DateOnly(D(t[0]) * 1000 + D(t[1]) * 100 + D(t[2]) * 10 + D(t[3]), D(t[5]) * 10 + D(t[6]), D(t[8]) * 10 + D(t[9]));
    }

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw Failure(rc);
    }

    private SqliteException Failure(int rc) =>
        new($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()} (in: {_sql[..Math.Min(_sql.Length, 120)]})", rc);
}
