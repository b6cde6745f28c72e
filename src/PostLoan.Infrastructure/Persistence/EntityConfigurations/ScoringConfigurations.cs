using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Scoring;

namespace PostLoan.Infrastructure.Persistence.EntityConfigurations;

internal sealed class BehaviourModelConfiguration : IEntityTypeConfiguration<BehaviourModel>
{
    public void Configure(EntityTypeBuilder<BehaviourModel> b)
    {
        b.ToTable("BehaviourModels");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Version).IsUnique();
        // At most one active version: end-of-day scores with exactly that one.
        b.HasIndex(x => x.Status).IsUnique().HasFilter("status = 'Active'").HasDatabaseName("ix_behaviour_models_active");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.ScorecardJson).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(128);
        b.Property(x => x.RequestedBy).HasMaxLength(128);
        b.Property(x => x.ApprovedBy).HasMaxLength(128);
    }
}

internal sealed class LoanScoreConfiguration : IEntityTypeConfiguration<LoanScore>
{
    public void Configure(EntityTypeBuilder<LoanScore> b)
    {
        b.ToTable("LoanScores");
        b.HasKey(x => x.LoanId);
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Ecl).IsMoney();
    }
}

internal sealed class ScoreHistoryConfiguration : IEntityTypeConfiguration<ScoreHistory>
{
    public void Configure(EntityTypeBuilder<ScoreHistory> b)
    {
        b.ToTable("ScoreHistory");
        b.HasKey(x => new { x.MonthEnd, x.LoanId });
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.LoanId, x.MonthEnd });
    }
}
