using Microsoft.EntityFrameworkCore.Design;
using PostLoan.Infrastructure.Persistence;
using PostLoan.Infrastructure.Security;

namespace PostLoan.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model; no server is contacted.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<PostLoanDbContext>
{
    public PostLoanDbContext CreateDbContext(string[] args) =>
        (DatabaseSettings.From("Host=localhost;Database=postloan_design") with
        {
            Encryption = FieldEncryption.FromKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(FieldEncryption.KeySize)),
        }).CreateContext();
}
