using Microsoft.EntityFrameworkCore;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.EarlyWarning;

/// <summary>
/// Flags loans for the next end-of-day when early warning changes what their class or stage depends on: a red alert
/// opened or closed, a borrower put on or taken off the watch list, a PD that doubled or fell back. End-of-day services
/// flagged loans whatever their review date.
/// </summary>
public static class Recompute
{
    /// <summary>Ids per statement: a statement binds each id as a parameter, and SQLite takes at most 32,766 of them.</summary>
    public const int Batch = 10_000;

    public static void Loans(PostLoanDbContext db, long[] loanIds)
    {
        foreach (var batch in loanIds.Chunk(Batch))
            db.Loans.Where(l => batch.Contains(l.Id)).ExecuteUpdate(u => u.SetProperty(l => EF.Property<bool>(l, "NeedsRecompute"), true));
    }

    public static void Borrower(PostLoanDbContext db, long borrowerId) =>
        db.Loans.Where(l => l.BorrowerId == borrowerId).ExecuteUpdate(u => u.SetProperty(l => EF.Property<bool>(l, "NeedsRecompute"), true));
}
