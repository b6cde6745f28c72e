using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PostLoan.Domain.Audit;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Domain.Inspections;
using PostLoan.Domain.Scoring;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using PostLoan.Domain.Schedules;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.Identity;
using PostLoan.Infrastructure.Persistence.EntityConfigurations;
using PostLoan.Infrastructure.Security;

namespace PostLoan.Infrastructure.Persistence;

public sealed class PostLoanDbContext(DbContextOptions<PostLoanDbContext> options) : IdentityDbContext<PostLoanUser>(options)
{
    public DbSet<Borrower> Borrowers => Set<Borrower>();
    public DbSet<Loan> Loans => Set<Loan>();
    public DbSet<LoanTransaction> Transactions => Set<LoanTransaction>();
    public DbSet<ScheduleLine> ScheduleLines => Set<ScheduleLine>();
    public DbSet<LoanState> LoanStates => Set<LoanState>();
    public DbSet<LoanStateSnapshot> Snapshots => Set<LoanStateSnapshot>();
    public DbSet<StateChange> StateChanges => Set<StateChange>();
    public DbSet<EndOfDayRun> EndOfDayRuns => Set<EndOfDayRun>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RuleVersion> RuleVersions => Set<RuleVersion>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<WatchListEntry> WatchList => Set<WatchListEntry>();
    public DbSet<BehaviourModel> BehaviourModels => Set<BehaviourModel>();
    public DbSet<LoanScore> LoanScores => Set<LoanScore>();
    public DbSet<ScoreHistory> ScoreHistory => Set<ScoreHistory>();
    public DbSet<InspectionTask> InspectionTasks => Set<InspectionTask>();
    public DbSet<VisitReport> VisitReports => Set<VisitReport>();
    public DbSet<ReportAttachment> ReportAttachments => Set<ReportAttachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    public DbSet<FinancialStatement> FinancialStatements => Set<FinancialStatement>();
    public DbSet<Covenant> Covenants => Set<Covenant>();
    public DbSet<ProjectMilestone> ProjectMilestones => Set<ProjectMilestone>();
    public DbSet<FundUse> FundUses => Set<FundUse>();
    public DbSet<Collateral> Collateral => Set<Collateral>();
    public DbSet<CollateralValuation> CollateralValuations => Set<CollateralValuation>();
    public DbSet<Guarantor> Guarantors => Set<Guarantor>();
    public DbSet<BureauSnapshot> BureauSnapshots => Set<BureauSnapshot>();
    public DbSet<ExternalSignal> ExternalSignals => Set<ExternalSignal>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    /// <summary>The encryption of sensitive borrower fields, from the options (<see cref="FieldEncryptionOptions.UseFieldEncryption"/>).</summary>
    internal FieldEncryption? Encryption { get; } = options.FindExtension<FieldEncryptionExtension>()?.Encryption;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PostLoanDbContext).Assembly);
        // Not picked up above (they need the key): without encryption no borrower or guarantor may be read or written.
        var encryption = Encryption ?? throw new InvalidOperationException(
            "PostLoanDbContext needs the field encryption: build its options with DatabaseSettings.Configure or UseFieldEncryption");
        modelBuilder.ApplyConfiguration(new BorrowerConfiguration(encryption));
        modelBuilder.ApplyConfiguration(new GuarantorConfiguration(encryption));
        SnakeCaseNames.Apply(modelBuilder);
    }
}
