using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Infrastructure.Security;

namespace PostLoan.Infrastructure.Persistence.EntityConfigurations;

/// <summary>Takes the encryption, so the context applies it itself (ApplyConfigurationsFromAssembly skips it).</summary>
internal sealed class BorrowerConfiguration(FieldEncryption encryption) : IEntityTypeConfiguration<Borrower>
{
    public void Configure(EntityTypeBuilder<Borrower> b)
    {
        b.ToTable("Borrowers");
        b.HasKey(x => x.Id);
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        // Sensitive (SPEC §12): stored as enc:v1 text, so sized for the ciphertext of the longest value
        // the import accepts; encrypted columns cannot be searched or compared in SQL.
        var sensitive = new ValueConverter<string?, string?>(v => encryption.Encrypt(v), v => encryption.Decrypt(v));
        b.Property(x => x.NationalId).HasConversion(sensitive).HasMaxLength(FieldEncryption.StoredLength(NationalIdMaxLength));
        b.Property(x => x.Phone).HasConversion(sensitive).HasMaxLength(FieldEncryption.StoredLength(PhoneMaxLength));
        b.Property(x => x.Region).HasMaxLength(64);
        b.Property(x => x.Industry).HasMaxLength(64);
        b.Property(x => x.AccountManager).HasMaxLength(64);
        b.Property(x => x.Branch).HasMaxLength(64);
        b.Property(x => x.BureauTotalDebt).IsMoney();
        b.Property(x => x.BureauOverdue90Debt).IsMoney();
        b.Ignore(x => x.BureauOverdueShare);
        // Hash of the imported row: an upsert rewrites the row only when it changed.
        b.Property<string>("ImportHash").HasMaxLength(64);
        b.HasIndex(x => x.AccountManager);
        b.HasIndex(x => x.Branch);
        b.HasIndex(x => x.Name); // the loan list's sort by borrower
    }

    /// <summary>The longest plain national id / credit code and phone the import accepts.</summary>
    public const int NationalIdMaxLength = 64;
    public const int PhoneMaxLength = 32;
}

internal sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> b)
    {
        b.ToTable("Loans");
        b.HasKey(x => x.Id);
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasOne<Borrower>().WithMany().HasForeignKey(x => x.BorrowerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.BorrowerId);
        b.HasIndex(x => new { x.DisbursedOn, x.Id }); // the loan list's sort by disbursement date
        b.Property(x => x.Product).HasMaxLength(32).IsRequired();
        b.Property(x => x.Segment).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Currency).HasMaxLength(3).IsRequired();
        b.Property(x => x.Principal).IsMoney();
        b.Property(x => x.AnnualRatePercent).HasPrecision(9, 6);
        b.Property(x => x.PenaltyUplift).HasPrecision(9, 6);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Purpose).HasMaxLength(200);
        b.Property(x => x.ClassBeforeRestructure).HasConversion<string>().HasMaxLength(24);
        // Set by imports, cleared by end-of-day: the loan must be recomputed whatever its review date.
        b.Property<bool>("NeedsRecompute");
        b.Property<string>("ImportHash").HasMaxLength(64);
        b.HasIndex("NeedsRecompute");
    }
}

internal sealed class LoanTransactionConfiguration : IEntityTypeConfiguration<LoanTransaction>
{
    public void Configure(EntityTypeBuilder<LoanTransaction> b)
    {
        b.ToTable("Transactions");
        b.HasKey(x => x.Id);
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.LoanId, x.ValueDate });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Amount).IsMoney();
        b.Property(x => x.Component).HasConversion<string>().HasMaxLength(16);
        b.HasOne<LoanTransaction>().WithMany().HasForeignKey(x => x.ReversesId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ReversesId);
        b.Property(x => x.Note).HasMaxLength(200);
        b.Property<string>("ImportHash").HasMaxLength(64);
    }
}

internal sealed class ScheduleLineConfiguration : IEntityTypeConfiguration<ScheduleLine>
{
    public void Configure(EntityTypeBuilder<ScheduleLine> b)
    {
        b.ToTable("ScheduleLines");
        b.HasKey(x => new { x.LoanId, x.Number });
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Principal).IsMoney();
        b.Property(x => x.Interest).IsMoney();
        b.Property(x => x.Fees).IsMoney();
    }
}
