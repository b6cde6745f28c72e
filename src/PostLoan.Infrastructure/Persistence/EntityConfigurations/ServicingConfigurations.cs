using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;

namespace PostLoan.Infrastructure.Persistence.EntityConfigurations;

internal static class LoanStateColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> b) where T : LoanStateFields
    {
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.OutstandingPrincipal).IsMoney();
        b.Property(x => x.OverduePrincipal).IsMoney();
        b.Property(x => x.OverdueInterest).IsMoney();
        b.Property(x => x.OverdueFees).IsMoney();
        b.Property(x => x.PenaltyInterest).IsMoney();
        b.Property(x => x.CompoundInterest).IsMoney();
        b.Property(x => x.UnappliedCredit).IsMoney();
        b.Property(x => x.RecoveredAfterWriteOff).IsMoney();
        b.Property(x => x.NextDueAmount).IsMoney();
        b.Property(x => x.Provision).IsMoney();
        b.Property(x => x.Bucket).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.RiskClass).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Stage).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.ClassRule).HasMaxLength(48);
        b.Property(x => x.ClassReason).HasMaxLength(300);
        b.Property(x => x.StageReason).HasMaxLength(200);
    }
}

internal sealed class LoanStateConfiguration : IEntityTypeConfiguration<LoanState>
{
    public void Configure(EntityTypeBuilder<LoanState> b)
    {
        b.ToTable("LoanStates");
        b.HasKey(x => x.LoanId);
        b.HasOne<Loan>().WithOne().HasForeignKey<LoanState>(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
        LoanStateColumns.Configure(b);
        b.HasIndex(x => x.NextReviewOn);
        // The loan list's sorts by dpd and outstanding, alone and within a status, bucket or class, read in
        // index order (the loan id breaks ties). End-of-day sets these columns only where they change (StateColumns.Indexed).
        b.HasIndex(x => new { x.Status, x.OutstandingPrincipal, x.LoanId });
        b.HasIndex(x => new { x.Dpd, x.LoanId });
        b.HasIndex(x => new { x.OutstandingPrincipal, x.LoanId });
        b.HasIndex(x => new { x.Bucket, x.Dpd, x.LoanId });
        b.HasIndex(x => new { x.RiskClass, x.Dpd, x.LoanId });
    }
}

internal sealed class LoanStateSnapshotConfiguration : IEntityTypeConfiguration<LoanStateSnapshot>
{
    public void Configure(EntityTypeBuilder<LoanStateSnapshot> b)
    {
        b.ToTable("LoanStateSnapshots");
        b.HasKey(x => new { x.SnapshotDate, x.LoanId });
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.LoanId);
        // Early-warning history functions read one month end's DPD for every loan (max_over(dpd, 6)); this index
        // answers that read alone, without visiting the wide snapshot rows.
        b.HasIndex(x => new { x.SnapshotDate, x.LoanId, x.Dpd }).HasDatabaseName("ix_loan_state_snapshots_month_end_dpd");
        LoanStateColumns.Configure(b);
    }
}

internal sealed class StateChangeConfiguration : IEntityTypeConfiguration<StateChange>
{
    public void Configure(EntityTypeBuilder<StateChange> b)
    {
        b.ToTable("StateChanges");
        b.HasKey(x => x.Id);
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.LoanId, x.BusinessDate, x.Kind }).IsUnique();
        // The delinquency-history features read a year of one kind of row for every loan; this index answers that alone.
        b.HasIndex(x => new { x.Kind, x.BusinessDate, x.LoanId, x.NewValue }).HasDatabaseName("ix_state_changes_kind_date_covering");
        b.HasIndex(x => new { x.BusinessDate, x.Kind });
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.OldValue).HasMaxLength(24);
        b.Property(x => x.NewValue).HasMaxLength(24);
        b.Property(x => x.Rule).HasMaxLength(48);
        b.Property(x => x.Reason).HasMaxLength(300);
        b.Property(x => x.Actor).HasMaxLength(64);
    }
}

internal sealed class EndOfDayRunConfiguration : IEntityTypeConfiguration<EndOfDayRun>
{
    public void Configure(EntityTypeBuilder<EndOfDayRun> b)
    {
        b.ToTable("EndOfDayRuns");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.Completed);
        b.Ignore(x => x.Partition);
        b.Property(x => x.From).HasColumnName("from_date");
        b.Property(x => x.To).HasColumnName("to_date");
        // SQLite cannot order DateTimeOffset in SQL; store instants as UTC ticks.
        b.Property(x => x.StartedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        b.Property(x => x.CompletedAt).HasConversion(v => v.HasValue ? v.Value.UtcTicks : (long?)null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
        b.HasIndex(x => x.To);
    }
}
