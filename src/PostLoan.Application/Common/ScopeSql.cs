namespace PostLoan.Application.Common;

/// <summary>A data scope as a SQL condition on the borrowers table aliased <c>b</c>, with its parameter <c>@scope</c>.</summary>
internal static class ScopeSql
{
    public static (string Condition, string? Value) For(DataScope? scope) => (scope ?? DataScope.All).Kind switch
    {
        DataScopeKind.All => ("", null),
        DataScopeKind.Branch => (" AND b.branch = @scope", scope!.Value),
        DataScopeKind.Manager => (" AND b.account_manager = @scope", scope!.Value),
        _ => (" AND 1 = 0", null),
    };

    public static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, string sql, string? value) =>
        Infrastructure.Persistence.PreparedStatement.Command(connection, sql, value is null ? [] : [("@scope", value)]);
}
