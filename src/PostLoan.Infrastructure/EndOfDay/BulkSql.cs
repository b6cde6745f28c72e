using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;

namespace PostLoan.Infrastructure.EndOfDay;

/// <summary>
/// SQL fragments for the bulk reads that differ between SQLite and PostgreSQL. They let the database hand
/// back dates as day numbers and enums as their numbers, so reading millions of rows allocates no strings,
/// and pass a list of ids as one parameter instead of one parameter per id.
/// </summary>
internal static class BulkSql
{
    /// <summary>SQLite's Julian day of 0001-01-01, where <see cref="DateOnly.DayNumber"/> is 0.</summary>
    private const string SqliteDayZero = "1721425.5";

    /// <summary>A date column as its <see cref="DateOnly.DayNumber"/> (an integer; NULL stays NULL).</summary>
    public static string DayNumber(DbConnection connection, string column) => connection is NpgsqlConnection
        ? $"({column} - DATE '0001-01-01')"
        : $"CAST(julianday({column}) - {SqliteDayZero} AS INTEGER)";

    /// <summary>
    /// An enum column stored by name, as the enum's number (NULL for NULL). The names come from the enum,
    /// so the expression has no user input in it.
    /// </summary>
    public static string EnumNumber<TEnum>(string column) where TEnum : struct, Enum
    {
        var sql = new StringBuilder("CASE ").Append(column);
        foreach (var value in Enum.GetValues<TEnum>())
            sql.Append(" WHEN '").Append(value.ToString()).Append("' THEN ").Append(Convert.ToInt32(value, CultureInfo.InvariantCulture));
        return sql.Append(" END").ToString();
    }

    /// <summary>The condition "<paramref name="column"/> is one of the ids in <paramref name="parameter"/>".</summary>
    public static string InIds(DbConnection connection, string column, string parameter) => connection is NpgsqlConnection
        ? $"{column} = ANY({parameter})"
        : $"{column} IN (SELECT value FROM json_each({parameter}))";

    /// <summary>
    /// The FROM item for the rows of <paramref name="table"/> (as <paramref name="alias"/>) whose <paramref name="column"/>
    /// is one of the ids in <paramref name="parameter"/>, and the condition that goes with it in WHERE.
    /// PostgreSQL joins the table to the unnested array, an index lookup per id: given <c>column = ANY(array)</c> with a
    /// chunk's thousands of ids, its planner scanned the whole table instead (a 5,000-borrower chunk of a 100,000-loan
    /// book: 101 ms for the transactions and 62 ms for the loans, against 32 ms and 22 ms), and such a scan grows with
    /// the book rather than the chunk. SQLite keeps the <see cref="InIds"/> condition, which it drives from the list.
    /// </summary>
    public static (string From, string Where) RowsWithIds(DbConnection connection, string table, string alias, string column, string parameter) =>
        connection is NpgsqlConnection
            ? ($"unnest({parameter}) AS {alias}_ids(id) JOIN {table} {alias} ON {alias}.{column} = {alias}_ids.id", "TRUE")
            : ($"{table} {alias}", InIds(connection, $"{alias}.{column}", parameter));

    /// <summary>The value for an <see cref="InIds"/> or <see cref="RowsWithIds"/> parameter: an array for PostgreSQL, a JSON array for SQLite.</summary>
    public static object Ids(DbConnection connection, IReadOnlyCollection<long> ids)
    {
        if (connection is NpgsqlConnection) return ids as long[] ?? [.. ids];
        var json = new StringBuilder(ids.Count * 8).Append('[');
        foreach (var id in ids)
        {
            if (json.Length > 1) json.Append(',');
            json.Append(id.ToString(CultureInfo.InvariantCulture));
        }
        return json.Append(']').ToString();
    }
}
