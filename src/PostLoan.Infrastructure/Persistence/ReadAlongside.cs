using System.Data.Common;

namespace PostLoan.Infrastructure.Persistence;

/// <summary>
/// A read started on a connection of its own, opened for it and closed when it ends, so the caller's connection reads
/// something else meanwhile (end-of-day's early-warning phase reads today's states while the rest of its inputs load).
/// </summary>
public static class ReadAlongside
{
    public static Task<T> Start<T>(Func<DbConnection> open, Func<DbConnection, T> read) => Task.Run(() =>
    {
        using var connection = open();
        return read(connection);
    });
}
