using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.EndOfDay;

/// <summary>
/// The rows of one bulk read, columns by position. On SQLite it steps a native statement (the data
/// reader's per-column checks cost more than the query on millions of rows); on PostgreSQL it wraps
/// Npgsql's reader.
/// </summary>
internal abstract class BulkRows : IDisposable
{
    public abstract bool Read();
    public abstract bool IsNull(int column);
    public abstract long Int64(int column);
    public abstract int Int32(int column);
    public abstract double Double(int column);
    public abstract string Text(int column);
    public abstract decimal Decimal(int column);
    public abstract void Dispose();

    public DateOnly Day(int column) => DateOnly.FromDayNumber(Int32(column));

    /// <summary>A date column read as stored (not converted to a day number by the query).</summary>
    public abstract DateOnly Date(int column);

    public DateOnly? DateOrNull(int column) => IsNull(column) ? null : Date(column);

    /// <summary>An enum column stored by name, read as the enum without making a string.</summary>
    public abstract TEnum Enum<TEnum>(int column) where TEnum : struct, Enum;

    public DateOnly? DayOrNull(int column) => IsNull(column) ? null : Day(column);

    /// <summary>Runs <paramref name="sql"/> with the named parameters (long, int, bool, string or <see cref="DateOnly"/> values).</summary>
    public static BulkRows Query(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        if (connection is not SqliteConnection sqlite)
        {
            var cmd = PreparedStatement.Command(connection, sql, [.. parameters.Select(p => (p.Name, (object?)p.Value))]);
            return new ReaderRows(cmd, cmd.ExecuteReader());
        }
        var statement = new SqliteStatement(sqlite, sql);
        try
        {
            foreach (var (name, value) in parameters)
            {
                var index = statement.ParameterIndex(name);
                switch (value)
                {
                    case long l: statement.Bind(index, l); break;
                    case int i: statement.Bind(index, i); break;
                    case bool b: statement.Bind(index, b); break;
                    case string s: statement.Bind(index, s); break;
                    case DateOnly d: statement.Bind(index, d); break;
                    default: throw new ArgumentException($"no SQLite binding for {value.GetType().Name}", nameof(parameters));
                }
            }
            return new SqliteRows(statement);
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    private sealed class SqliteRows(SqliteStatement statement) : BulkRows
    {
        public override bool Read() => statement.Read();
        public override bool IsNull(int column) => statement.IsNull(column);
        public override long Int64(int column) => statement.Int64(column);
        public override int Int32(int column) => statement.Int32(column);
        public override double Double(int column) => statement.Double(column);
        public override string Text(int column) => statement.Text(column);
        public override DateOnly Date(int column) => statement.Date(column);
        public override TEnum Enum<TEnum>(int column) => EnumNames<TEnum>.Parse(statement.Utf8(column));

        /// <summary>EF Core's SQLite provider stores decimals as invariant text, parsed here from its bytes without making a string.</summary>
        public override decimal Decimal(int column) => decimal.Parse(statement.Utf8(column), NumberStyles.Number, CultureInfo.InvariantCulture);

        public override void Dispose() => statement.Dispose();
    }

    private sealed class ReaderRows(DbCommand command, DbDataReader reader) : BulkRows
    {
        public override bool Read() => reader.Read();
        public override bool IsNull(int column) => reader.IsDBNull(column);
        public override long Int64(int column) => reader.GetInt64(column);
        public override int Int32(int column) => reader.GetInt32(column);
        public override double Double(int column) => reader.GetDouble(column);
        public override string Text(int column) => reader.GetString(column);
        public override DateOnly Date(int column) => reader.GetFieldValue<DateOnly>(column);
        public override TEnum Enum<TEnum>(int column) => System.Enum.Parse<TEnum>(reader.GetString(column));
        public override decimal Decimal(int column) => reader.GetDecimal(column);

        public override void Dispose()
        {
            reader.Dispose();
            command.Dispose();
        }
    }
}

/// <summary>An enum's names as UTF-8, to read a column stored by name without making a string of each value.</summary>
internal static class EnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly (byte[] Name, TEnum Value)[] Names =
        [.. Enum.GetValues<TEnum>().Select(v => (System.Text.Encoding.UTF8.GetBytes(v.ToString()), v))];

    public static TEnum Parse(ReadOnlySpan<byte> text)
    {
        foreach (var (name, value) in Names)
            if (text.SequenceEqual(name)) return value;
        throw new FormatException($"'{System.Text.Encoding.UTF8.GetString(text)}' is not a {typeof(TEnum).Name}");
    }
}
