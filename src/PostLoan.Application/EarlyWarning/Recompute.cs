using Microsoft.EntityFrameworkCore;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.EarlyWarning;

/// <summary>
/// Flags loans for the next end-of-day when early warning changes what their class or stage depends on: a red alert
/// opened or closed, a borrower put on or taken off the watch list. End-of-day services flagged loans whatever their
/// review date.
/// </summary>
internal static class Recompute
{
    public static void Loans(PostLoanDbContext db, long[] loanIds)
    {
        if (loanIds.Length == 0) return;
        db.Loans.Where(l => loanIds.Contains(l.Id)).ExecuteUpdate(u => u.SetProperty(l => EF.Property<bool>(l, "NeedsRecompute"), true));
    }

    public static void Borrower(PostLoanDbContext db, long borrowerId) =>
        db.Loans.Where(l => l.BorrowerId == borrowerId).ExecuteUpdate(u => u.SetProperty(l => EF.Property<bool>(l, "NeedsRecompute"), true));
}
