using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;

namespace PostLoan.Infrastructure.Persistence.EntityConfigurations;

internal sealed class InspectionTaskConfiguration : IEntityTypeConfiguration<InspectionTask>
{
    public void Configure(EntityTypeBuilder<InspectionTask> b)
    {
        b.ToTable("InspectionTasks");
        b.HasKey(x => x.Id);
        b.HasOne<Borrower>().WithMany().HasForeignKey(x => x.BorrowerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Collateral>().WithMany().HasForeignKey(x => x.CollateralId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Alert>().WithMany().HasForeignKey(x => x.AlertId).OnDelete(DeleteBehavior.SetNull);
        b.Property(x => x.Kind).HasMaxLength(48).IsRequired();
        b.Property(x => x.Assignee).HasMaxLength(128);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Origin).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.CreatedBy).HasMaxLength(128);
        b.Property(x => x.CompletedBy).HasMaxLength(128);
        b.Property(x => x.CancelReason).HasMaxLength(1000);
        b.Property(x => x.EscalatedTo).HasMaxLength(128);
        b.Property(x => x.Revision).IsConcurrencyToken();
        // SPEC §7 "never duplicates": one open policy task per loan, kind and collateral item, enforced by the database too.
        // The collateral id is coalesced so that loans' own tasks (no collateral) are unique as well.
        b.HasIndex(x => new { x.LoanId, x.Kind, x.CollateralId }).IsUnique()
            .HasFilter("origin = 'Policy' AND status IN ('Open', 'InProgress') AND collateral_id IS NOT NULL").HasDatabaseName("ix_inspection_tasks_policy_collateral_open");
        b.HasIndex(x => new { x.LoanId, x.Kind }).IsUnique()
            .HasFilter("origin = 'Policy' AND status IN ('Open', 'InProgress') AND collateral_id IS NULL").HasDatabaseName("ix_inspection_tasks_policy_open");
        // The plan reads each loan's tasks by kind, the latest due date of each series first.
        b.HasIndex(x => new { x.LoanId, x.Kind, x.DueOn });
        // One task per alert.
        b.HasIndex(x => x.AlertId).IsUnique().HasFilter("alert_id IS NOT NULL");
        // The work queues: someone's open tasks by due date; the calendar and the briefing by due date.
        b.HasIndex(x => new { x.Assignee, x.Status, x.DueOn });
        b.HasIndex(x => new { x.Status, x.DueOn });
        b.HasIndex(x => new { x.DueOn, x.Status });
    }
}

internal sealed class VisitReportConfiguration : IEntityTypeConfiguration<VisitReport>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Configure(EntityTypeBuilder<VisitReport> b)
    {
        b.ToTable("VisitReports");
        b.HasKey(x => x.Id);
        b.HasOne<Loan>().WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Borrower>().WithMany().HasForeignKey(x => x.BorrowerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<InspectionTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<VisitReport>().WithMany().HasForeignKey(x => x.PreviousVersionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.RiskRating).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Participants).HasMaxLength(1000);
        b.Property(x => x.Findings).HasMaxLength(8000);
        b.Property(x => x.Author).HasMaxLength(128);
        b.Property(x => x.ReviewedBy).HasMaxLength(128);
        b.Property(x => x.ReviewNote).HasMaxLength(1000);
        b.Property(x => x.Revision).IsConcurrencyToken();
        // The checklist and the actions are read and written with their report, never queried on their own: JSON.
        b.Property<List<ChecklistEntry>>("_checklist").HasColumnName("checklist").HasConversion(
            v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<List<ChecklistEntry>>(v, Json) ?? new List<ChecklistEntry>(),
            new ValueComparer<List<ChecklistEntry>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList())).IsRequired();
        b.Property<List<ReportAction>>("_actions").HasColumnName("actions").HasConversion(
            v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<List<ReportAction>>(v, Json) ?? new List<ReportAction>(),
            new ValueComparer<List<ReportAction>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList())).IsRequired();
        b.Ignore(x => x.Checklist);
        b.Ignore(x => x.Actions);
        b.HasIndex(x => x.TaskId);
        b.HasIndex(x => new { x.LoanId, x.VisitedOn });
        b.HasIndex(x => new { x.SubmittedOn, x.Status });
        b.HasIndex(x => x.RootId);
    }
}

internal sealed class ReportAttachmentConfiguration : IEntityTypeConfiguration<ReportAttachment>
{
    public void Configure(EntityTypeBuilder<ReportAttachment> b)
    {
        b.ToTable("ReportAttachments");
        b.HasKey(x => x.Id);
        b.HasOne<VisitReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.FileName).HasMaxLength(260).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(128);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(x => x.UploadedBy).HasMaxLength(128);
        b.HasIndex(x => x.ReportId);
    }
}

/// <summary>An attachment's bytes, stored once per SHA-256 however many reports (or versions) carry the file.</summary>
public sealed class AttachmentContent
{
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
}

internal sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> b)
    {
        b.ToTable("AttachmentContents");
        b.HasKey(x => x.Sha256);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.Content).IsRequired();
    }
}
