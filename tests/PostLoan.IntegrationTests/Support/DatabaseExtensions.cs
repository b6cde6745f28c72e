using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PostLoan.IntegrationTests.Support;

public static class DatabaseExtensions
{
    /// <summary>Runs a statement and disposes the context it came from.</summary>
    public static void ExecuteSqlRawOn(this DatabaseFacade database, string sql)
    {
        database.ExecuteSqlRaw(sql);
        ((IDisposable)database.GetService<ICurrentDbContext>().Context).Dispose();
    }
}
