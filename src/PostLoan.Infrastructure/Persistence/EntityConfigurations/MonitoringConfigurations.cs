using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using PostLoan.Infrastructure.Security;

namespace PostLoan.Infrastructure.Persistence.EntityConfigurations;

// The monitoring inputs of early warning (SPEC §2). End-of-day reads the latest of each per borrower or
// per loan for a whole chunk at once, so every table is indexed by its owner and then its date.

internal sealed class FinancialStatementConfiguration : IEntityTypeConfiguration<FinancialStatement>
{
    public void Configure(EntityTypeBuilder<FinancialStatement> b)
    {
        b.ToTable("FinancialStatements");
        b.HasKey(x => x.Id);
        b.HasOne<Borrower>().WithMany().HasForeignKey(x => x.BorrowerId).OnDelete(DeleteBehavior.Restrict);
        // The import's key, and (borrower first, then date) the latest-statement read.
        b.HasIndex(x => new { x.BorrowerId, x.PeriodEnd, x.Period }).IsUnique();
        b.Property(x => x.Period).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TotalAssets).IsMoney();
        b.Property(x => x.TotalLiabilities).IsMoney();
        b.Property(x => x.CurrentAssets).IsMoney();
        b.Property(x => x.CurrentLiabilities).IsMoney();
        b.Property(x => x.Inventory).IsMoney();
        b.Property(x => x.Receivables).IsMoney();
        b.Property(x => x.Revenue).IsMoney();
        b.Property(x => x.NetProfit).IsMoney();
        b.Property(x => x.OperatingCashFlow).IsMoney();
        b.Property(x => x.InterestExpense).IsMoney();
        b.Property(x => x.DebtService).IsMoney();
        b.Property<string>("ImportHash").HasMaxLength(64);
    }
}

internal sealed class CovenantConfiguration : IEntityTypeConfiguration<Covenant>
{
    public void Configure(EntityTypeBuilder<Covenant> b)
    {
        b.ToTable("Covenants");
        b.HasKey(x => x.Id);
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.LoanId, x.FromDate });
        b.Property(x => x.Metric).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Operator).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Threshold).HasPrecision(18, 6);
        b.Property<string>("ImportHash").HasMaxLength(64);
    }
}

internal sealed class ProjectMilestoneConfiguration : IEntityTypeConfiguration<ProjectMilestone>
{
    public void Configure(EntityTypeBuilder<ProjectMilestone> b)
    {
        b.ToTable("ProjectMilestones");
        b.HasKey(x => x.Id);
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.LoanId, x.PlannedDate });
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.PlannedCompletion).HasPrecision(9, 6);
        b.Property(x => x.Completion).HasPrecision(9, 6);
        b.Property(x => x.Budget).IsMoney();
        b.Property(x => x.Spend).IsMoney();
        b.Property<string>("ImportHash").HasMaxLength(64);
    }
}

internal sealed class FundUseConfiguration : IEntityTypeConfiguration<FundUse>
{
    public void Configure(EntityTypeBuilder<FundUse> b)
    {
        b.ToTable("FundUses");
        b.HasKey(x => x.Id);
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.LoanId, x.PaidOn });
        b.Property(x => x.Amount).IsMoney();
        b.Property(x => x.Counterparty).HasMaxLength(200).IsRequired();
        b.Property(x => x.CounterpartyType).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.StatedPurpose).HasMaxLength(500).IsRequired();
        b.Property<string>("ImportHash").HasMaxLength(64);
    }
}

internal sealed class CollateralConfiguration : IEntityTypeConfiguration<Collateral>
{
    public void Configure(EntityTypeBuilder<Collateral> b)
    {
        b.ToTable("Collateral");
        b.HasKey(x => x.Id);
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.LoanId);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Description).HasMaxLength(500).IsRequired();
        b.Property(x => x.AppraisedValue).IsMoney();
        b.Property(x => x.LienStatus).HasConversion<string>().HasMaxLength(16);
        b.Property<string>("ImportHash").HasMaxLength(64);
    }
}

internal sealed class CollateralValuationConfiguration : IEntityTypeConfiguration<CollateralValuation>
{
    public void Configure(EntityTypeBuilder<CollateralValuation> b)
    {
        b.ToTable("CollateralValuations");
        b.HasKey(x => x.Id);
        b.HasOne<Collateral>().WithMany().HasForeignKey(x => x.CollateralId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CollateralId, x.ValuedOn }).IsUnique();
        b.Property(x => x.Value).IsMoney();
        b.Property(x => x.Method).HasMaxLength(200).IsRequired();
        b.Property<string>("ImportHash").HasMaxLength(64);
    }
}

/// <summary>Takes the encryption, so the context applies it itself (ApplyConfigurationsFromAssembly skips it).</summary>
internal sealed class GuarantorConfiguration(FieldEncryption encryption) : IEntityTypeConfiguration<Guarantor>
{
    public void Configure(EntityTypeBuilder<Guarantor> b)
    {
        b.ToTable("Guarantors");
        b.HasKey(x => x.Id);
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.LoanId);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        // Sensitive like the borrower's (SPEC §12, docs/sensitive-data.md): enc:v1 text sized for the longest id the import accepts.
        b.Property(x => x.NationalId)
            .HasConversion(new ValueConverter<string?, string?>(v => encryption.Encrypt(v), v => encryption.Decrypt(v)))
            .HasMaxLength(FieldEncryption.StoredLength(BorrowerConfiguration.NationalIdMaxLength));
        b.Property(x => x.GuaranteedAmount).IsMoney();
        b.Property<string>("ImportHash").HasMaxLength(64);
    }
}

internal sealed class BureauSnapshotConfiguration : IEntityTypeConfiguration<BureauSnapshot>
{
    public void Configure(EntityTypeBuilder<BureauSnapshot> b)
    {
        b.ToTable("BureauSnapshots");
        b.HasKey(x => x.Id);
        b.HasOne<Borrower>().WithMany().HasForeignKey(x => x.BorrowerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BorrowerId, x.AsOf }).IsUnique();
        b.Property(x => x.TotalDebt).IsMoney();
        b.Property(x => x.OverdueDebt).IsMoney();
        b.Property(x => x.Overdue90Debt).IsMoney();
        b.Property(x => x.Inquiries3m).HasColumnName("inquiries_3m");
        b.Property(x => x.Source).HasMaxLength(64).IsRequired();
        b.Property<string>("ImportHash").HasMaxLength(64);
    }
}

internal sealed class ExternalSignalConfiguration : IEntityTypeConfiguration<ExternalSignal>
{
    public void Configure(EntityTypeBuilder<ExternalSignal> b)
    {
        b.ToTable("ExternalSignals");
        b.HasKey(x => x.Id);
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.Property(x => x.SubjectType).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Borrower>().WithMany().HasForeignKey(x => x.BorrowerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Guarantor>().WithMany().HasForeignKey(x => x.GuarantorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BorrowerId, x.OccurredOn });
        b.HasIndex(x => new { x.GuarantorId, x.OccurredOn });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Source).HasMaxLength(64).IsRequired();
        b.Property(x => x.Summary).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Amount).IsMoney();
        b.Property<string>("ImportHash").HasMaxLength(64);
        b.ToTable(t => t.HasCheckConstraint("ck_external_signals_one_subject",
            "(borrower_id IS NOT NULL AND guarantor_id IS NULL) OR (borrower_id IS NULL AND guarantor_id IS NOT NULL)"));
    }
}
