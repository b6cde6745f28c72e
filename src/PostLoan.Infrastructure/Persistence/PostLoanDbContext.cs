using Microsoft.EntityFrameworkCore;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Domain.Servicing;

namespace PostLoan.Infrastructure.Persistence;

public sealed class PostLoanDbContext(DbContextOptions<PostLoanDbContext> options) : DbContext(options)
{
    public DbSet<Borrower> Borrowers => Set<Borrower>();
    public DbSet<Loan> Loans => Set<Loan>();
    public DbSet<LoanTransaction> Transactions => Set<LoanTransaction>();
    public DbSet<ScheduleLine> ScheduleLines => Set<ScheduleLine>();
    public DbSet<LoanState> LoanStates => Set<LoanState>();
    public DbSet<LoanStateSnapshot> Snapshots => Set<LoanStateSnapshot>();
    public DbSet<StateChange> StateChanges => Set<StateChange>();
    public DbSet<EndOfDayRun> EndOfDayRuns => Set<EndOfDayRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PostLoanDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }
}
