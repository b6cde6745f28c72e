using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostLoan.Domain.Audit;

namespace PostLoan.Infrastructure.Persistence.EntityConfigurations;

/// <summary>
/// The append-only audit trail (docs/audit-trail.md). Rows are written only by
/// <see cref="Audit.AuditTrail"/>, never updated or deleted.
/// </summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(x => x.Id);
        // The id is part of the hashed content, so the trail assigns it (last id + 1) rather than the database.
        b.Property(x => x.Id).ValueGeneratedNever();
        // SQLite cannot order DateTimeOffset in SQL; store instants as UTC ticks, the value the hash covers.
        b.Property(x => x.At).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        b.Property(x => x.Actor).HasMaxLength(128).IsRequired();
        b.Property(x => x.Action).HasMaxLength(64).IsRequired();
        b.Property(x => x.EntityType).HasMaxLength(64).IsRequired();
        b.Property(x => x.EntityId).HasMaxLength(256).IsRequired();
        b.Property(x => x.PreviousHash).HasMaxLength(64).IsRequired();
        b.Property(x => x.Hash).HasMaxLength(64).IsRequired();
        b.HasIndex(x => new { x.EntityType, x.EntityId });
    }
}
