using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostLoan.Infrastructure.Identity;

namespace PostLoan.Infrastructure.Persistence.EntityConfigurations;

internal sealed class PostLoanUserConfiguration : IEntityTypeConfiguration<PostLoanUser>
{
    public void Configure(EntityTypeBuilder<PostLoanUser> b)
    {
        b.ToTable("Users");
        b.Property(x => x.DisplayName).HasMaxLength(100);
        b.Property(x => x.ManagerCode).HasMaxLength(64);
        b.Property(x => x.Branch).HasMaxLength(64);
    }
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.ToTable("ApiClients");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.KeyHash).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.KeyHash).IsUnique();
        b.Property(x => x.Role).HasMaxLength(32);
        b.Property(x => x.Branch).HasMaxLength(64);
        b.Property(x => x.ManagerCode).HasMaxLength(64);
        b.Property(x => x.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        b.Property(x => x.RevokedAt).HasConversion(v => v.HasValue ? v.Value.UtcTicks : (long?)null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
    }
}
