using System.Data.Common;

namespace PostLoan.Infrastructure.Persistence;

/// <summary>
/// A parameterised statement prepared once and run once per row, the bulk-write path shared by
/// imports and end-of-day. Parameters are named <c>@p0</c>…<c>@pN</c> and bound in order.
/// </summary>
public sealed class PreparedStatement : IDisposable
{
    private readonly DbCommand _command;
    private bool _prepared;

    public PreparedStatement(DbConnection connection, DbTransaction? transaction, string sql, int parameters)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = _command.CreateParameter();
            p.ParameterName = $"@p{i}";
            _command.Parameters.Add(p);
        }
    }

    /// <summary>Runs the statement for one row and returns the rows it affected.</summary>
    public int Run(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        if (!_prepared)
        {
            // Prepared with the first row's values: PostgreSQL takes the parameter types from them.
            _command.Prepare();
            _prepared = true;
        }
        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();

    /// <summary>A one-off command with named parameters.</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
