using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.Loans;

namespace PostLoan.Infrastructure.Persistence.EntityConfigurations;

internal sealed class RuleVersionConfiguration : IEntityTypeConfiguration<RuleVersion>
{
    public void Configure(EntityTypeBuilder<RuleVersion> b)
    {
        b.ToTable("RuleVersions");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.Definition);
        b.Property(x => x.Code).HasMaxLength(32).IsRequired();
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
        // At most one active version of a rule: end-of-day evaluates exactly that one.
        b.HasIndex(x => x.Code).IsUnique().HasFilter("status = 'Active'").HasDatabaseName("ix_rule_versions_code_active");
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Severity).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Segments).HasMaxLength(64);
        b.Property(x => x.Condition).HasMaxLength(2000).IsRequired();
        b.Property(x => x.TaskKind).HasMaxLength(48);
        b.Property(x => x.NotifyRole).HasMaxLength(32);
        b.Property(x => x.ProposeClass).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Rationale).HasMaxLength(1000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.CreatedBy).HasMaxLength(128);
        b.Property(x => x.RequestedBy).HasMaxLength(128);
        b.Property(x => x.ApprovedBy).HasMaxLength(128);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("Alerts");
        b.HasKey(x => x.Id);
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.RuleCode).HasMaxLength(32).IsRequired();
        b.Property(x => x.Severity).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Facts).HasMaxLength(4000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.AcknowledgedBy).HasMaxLength(128);
        b.Property(x => x.ClosedBy).HasMaxLength(128);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.EscalatedTo).HasMaxLength(128);
        // One open alert per rule and loan (SPEC §6): a second raise while one is open is refused by the database too.
        b.HasIndex(x => new { x.RuleCode, x.LoanId }).IsUnique()
            .HasFilter("status IN ('Open', 'Acknowledged', 'Escalated')").HasDatabaseName("ix_alerts_rule_code_loan_id_open");
        // The triage queue: open alerts by severity and due date.
        b.HasIndex(x => new { x.Status, x.Severity, x.FirstActionDue });
        b.HasIndex(x => x.LoanId);
        // End-of-day holds a rule back on a loan whose alert of it closed in the last 30 days: those are found by date.
        b.HasIndex(x => x.ClosedOn).HasFilter("closed_on IS NOT NULL").HasDatabaseName("ix_alerts_closed_on");
    }
}

internal sealed class WatchListEntryConfiguration : IEntityTypeConfiguration<WatchListEntry>
{
    public void Configure(EntityTypeBuilder<WatchListEntry> b)
    {
        b.ToTable("WatchList");
        b.HasKey(x => x.Id);
        b.HasOne<Borrower>().WithMany().HasForeignKey(x => x.BorrowerId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Reason).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Owner).HasMaxLength(128).IsRequired();
        b.Property(x => x.AddedBy).HasMaxLength(128);
        b.Property(x => x.RemovalReason).HasMaxLength(1000);
        // A borrower is on the list at most once at a time.
        b.HasIndex(x => x.BorrowerId).IsUnique().HasFilter("removed_on IS NULL").HasDatabaseName("ix_watch_list_borrower_id_active");
        b.HasIndex(x => x.ReviewOn);
    }
}
