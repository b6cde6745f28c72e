using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PostLoan.Domain.Audit;
using PostLoan.Application.Common;
using PostLoan.Application.EndOfDay;
using PostLoan.Domain.EarlyWarning;
using PostLoan.Infrastructure.Audit;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.EarlyWarning;

/// <summary>A borrower's listing as people see it.</summary>
public sealed record WatchListItem(string BorrowerExternalId, string BorrowerName, string Reason, string Owner, DateOnly AddedOn, string AddedBy,
    DateOnly ReviewOn, DateOnly? LastReviewedOn, bool ReviewDue);

/// <summary>
/// The watch list (关注名单, SPEC §6): putting a borrower on it with a reason, an owner and a review date, reviewing,
/// reassigning and taking them off. Dates are business dates. Every change is in the audit trail; a borrower outside
/// the caller's scope is "not found".
/// </summary>
public sealed class WatchListService(DatabaseSettings database, TimeProvider clock)
{
    public Result<WatchListItem> Add(string borrowerExternalId, string reason, string owner, DateOnly reviewOn, string actor, DataScope scope)
    {
        using var db = database.CreateContext();
        if (BusinessDate(db) is not { } today) return NoBusinessDate<WatchListItem>();
        if (string.IsNullOrWhiteSpace(reason)) return Result<WatchListItem>.Invalid("reason", "a reason is required");
        if (string.IsNullOrWhiteSpace(owner)) return Result<WatchListItem>.Invalid("owner", "an owner is required");
        if (reviewOn <= today) return Result<WatchListItem>.Invalid("review_on", $"the review date must be after the business date {today:yyyy-MM-dd}");
        var borrower = scope.Apply(db.Borrowers).SingleOrDefault(b => b.ExternalId == borrowerExternalId);
        if (borrower is null) return Result<WatchListItem>.NotFound($"no borrower '{borrowerExternalId}'");
        if (db.WatchList.Any(w => w.BorrowerId == borrower.Id && w.RemovedOn == null))
            return Result<WatchListItem>.Conflict($"borrower '{borrowerExternalId}' is already on the watch list");

        var entry = WatchListEntry.Add(borrower.Id, reason, owner, today, reviewOn, actor);
        db.WatchList.Add(entry);
        using var tx = db.Database.BeginTransaction();
        db.SaveChanges();
        Recompute.Borrower(db, borrower.Id);
        Audit(db, tx, actor, "watchlist.add", borrowerExternalId, null, entry);
        tx.Commit();
        return Result<WatchListItem>.Ok(Item(entry, borrower.ExternalId, borrower.Name, today));
    }

    /// <summary>Reviewed: kept on the list until <paramref name="nextReviewOn"/>.</summary>
    public Result<WatchListItem> Keep(string borrowerExternalId, DateOnly nextReviewOn, string actor, DataScope scope) =>
        Change(borrowerExternalId, actor, scope, "watchlist.review", (entry, today) =>
            nextReviewOn <= today ? $"the next review date must be after the business date {today:yyyy-MM-dd}" : Do(() => entry.KeepAfterReview(today, nextReviewOn)));

    public Result<WatchListItem> Reassign(string borrowerExternalId, string owner, string actor, DataScope scope) =>
        Change(borrowerExternalId, actor, scope, "watchlist.reassign", (entry, _) =>
            string.IsNullOrWhiteSpace(owner) ? "an owner is required" : Do(() => entry.Reassign(owner)));

    public Result<WatchListItem> Remove(string borrowerExternalId, string reason, string actor, DataScope scope) =>
        Change(borrowerExternalId, actor, scope, "watchlist.remove", (entry, today) =>
            string.IsNullOrWhiteSpace(reason) ? "a reason is required to take a borrower off the watch list" : Do(() => entry.Remove(today, reason)));

    /// <summary>The borrowers on the list by review date (the due ones come first); with <paramref name="dueOnly"/>, those whose review is due.</summary>
    public IReadOnlyList<WatchListItem> List(DataScope scope, bool dueOnly = false)
    {
        using var db = database.CreateContext();
        var today = BusinessDate(db) ?? DateOnly.MaxValue;
        var rows = (from w in db.WatchList
                    join b in scope.Apply(db.Borrowers) on w.BorrowerId equals b.Id
                    where w.RemovedOn == null && (!dueOnly || w.ReviewOn <= today)
                    orderby w.ReviewOn, b.ExternalId
                    select new { w, b.ExternalId, b.Name }).ToList();
        return [.. rows.Select(r => Item(r.w, r.ExternalId, r.Name, today))];
    }

    private Result<WatchListItem> Change(string borrowerExternalId, string actor, DataScope scope, string action, Func<WatchListEntry, DateOnly, string?> apply)
    {
        using var db = database.CreateContext();
        if (BusinessDate(db) is not { } today) return NoBusinessDate<WatchListItem>();
        var row = (from w in db.WatchList
                   join b in scope.Apply(db.Borrowers) on w.BorrowerId equals b.Id
                   where b.ExternalId == borrowerExternalId && w.RemovedOn == null
                   select new { w, b.ExternalId, b.Name }).SingleOrDefault();
        if (row is null) return Result<WatchListItem>.NotFound($"borrower '{borrowerExternalId}' is not on the watch list");
        var before = Snapshot(row.w);
        if (apply(row.w, today) is { } problem) return Result<WatchListItem>.Invalid(action, problem);
        using var tx = db.Database.BeginTransaction();
        db.SaveChanges();
        if (!row.w.IsActive) Recompute.Borrower(db, row.w.BorrowerId);
        Audit(db, tx, actor, action, borrowerExternalId, before, row.w);
        tx.Commit();
        return Result<WatchListItem>.Ok(Item(row.w, row.ExternalId, row.Name, today));
    }

    private static string? Do(Action action)
    {
        action();
        return null;
    }

    private void Audit(PostLoanDbContext db, IDbContextTransaction tx, string actor, string action, string borrower, string? before, WatchListEntry after) =>
        new AuditTrail(database, clock).Append(new AuditRecord(actor, action, "borrower", borrower, before, Snapshot(after)), tx.GetDbTransaction());

    private static string Snapshot(WatchListEntry e) => AuditJson.Of(("reason", e.Reason), ("owner", e.Owner), ("review_on", e.ReviewOn),
        ("last_reviewed_on", e.LastReviewedOn), ("removed_on", e.RemovedOn), ("removal_reason", e.RemovalReason));

    private static WatchListItem Item(WatchListEntry e, string borrower, string name, DateOnly today) =>
        new(borrower, name, e.Reason, e.Owner, e.AddedOn, e.AddedBy, e.ReviewOn, e.LastReviewedOn, e.ReviewDue(today));

    private static DateOnly? BusinessDate(PostLoanDbContext db) => EndOfDayService.CurrentBusinessDate(db);

    /// <summary>Dates on the list are business dates, and there is none before the first end-of-day.</summary>
    private static Result<T> NoBusinessDate<T>() => Result<T>.Conflict("there is no business date yet: run end-of-day first");
}
