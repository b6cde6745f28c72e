using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Common;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Loans;

/// <summary>Filters of the loan list; every filter is optional.</summary>
/// <param name="Sort">A column name, with a leading '-' for descending: externalId, borrower, outstanding, dpd, disbursedOn.</param>
public sealed record LoanListRequest(
    string? Segment = null,
    string? Bucket = null,
    string? Class = null,
    string? Branch = null,
    string? Manager = null,
    string? Status = null,
    string? Search = null,
    int Page = 1,
    int PageSize = 50,
    string? Sort = null);

public sealed record LoanListItem(
    string ExternalId, string BorrowerExternalId, string BorrowerName, string Product, string Segment, string Currency,
    decimal Principal, decimal Outstanding, int Dpd, string Bucket, string Class, int Stage, string Status,
    string? Branch, string? AccountManager, DateOnly DisbursedOn, DateOnly? NextDueDate);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>
/// The loan list with filters, paging and sorting, inside the caller's data scope. With
/// <paramref name="totals"/> (the web host's), a filter's total is counted once per change of the book.
/// </summary>
public sealed class LoanListQuery(DatabaseSettings database, LoanListTotals? totals = null)
{
    public const int MaxPageSize = 200;

    private static readonly string[] SortKeys = ["externalId", "borrower", "outstanding", "dpd", "disbursedOn"];

    public Result<PagedList<LoanListItem>> List(LoanListRequest request, DataScope scope)
    {
        if (request.Page < 1) return Result<PagedList<LoanListItem>>.Invalid("page", "page must be 1 or more");
        if (request.PageSize is < 1 or > MaxPageSize) return Result<PagedList<LoanListItem>>.Invalid("pageSize", $"pageSize must be between 1 and {MaxPageSize}");
        Segment? segment = null;
        if (request.Segment is { Length: > 0 })
        {
            if (!EnumNames.TryParseSnake<Segment>(request.Segment, out var s)) return Result<PagedList<LoanListItem>>.Invalid("segment", $"segment must be one of: {EnumNames.Allowed<Segment>()}");
            segment = s;
        }
        Bucket? bucket = null;
        if (request.Bucket is { Length: > 0 })
        {
            if (!Buckets.TryParse(request.Bucket, out var b)) return Result<PagedList<LoanListItem>>.Invalid("bucket", "bucket must be one of: C, M1, M2, M3, M4, M5, M6, M7+");
            bucket = b;
        }
        RiskClass? riskClass = null;
        if (request.Class is { Length: > 0 })
        {
            if (!RiskClasses.TryParse(request.Class, out var c)) return Result<PagedList<LoanListItem>>.Invalid("class", "class must be one of: normal, special_mention, substandard, doubtful, loss");
            riskClass = c;
        }
        LoanStatus? status = null;
        if (request.Status is { Length: > 0 })
        {
            if (!EnumNames.TryParseSnake<LoanStatus>(request.Status, out var st)) return Result<PagedList<LoanListItem>>.Invalid("status", $"status must be one of: {EnumNames.Allowed<LoanStatus>()}");
            status = st;
        }
        var sort = request.Sort?.TrimStart('-');
        if (sort is { Length: > 0 } && !SortKeys.Contains(sort, StringComparer.OrdinalIgnoreCase))
            return Result<PagedList<LoanListItem>>.Invalid("sort", $"sort must be one of: {string.Join(", ", SortKeys)} (prefix '-' for descending)");

        using var db = database.CreateContext();
        // Borrower and loan filters first: when no filter reads the state, the total is counted without joining it.
        var pairs =
            from b in scope.Apply(db.Borrowers.AsNoTracking())
            join l in db.Loans.AsNoTracking() on b.Id equals l.BorrowerId
            select new { b, l };
        if (segment is { } sg) pairs = pairs.Where(x => x.l.Segment == sg);
        if (request.Branch is { Length: > 0 } branch) pairs = pairs.Where(x => x.b.Branch == branch);
        if (request.Manager is { Length: > 0 } manager) pairs = pairs.Where(x => x.b.AccountManager == manager);
        if (request.Search is { Length: > 0 } q) pairs = pairs.Where(x => x.l.ExternalId.Contains(q) || x.b.ExternalId.Contains(q) || x.b.Name.Contains(q));
        var rows =
            from x in pairs
            join s in db.LoanStates.AsNoTracking() on x.l.Id equals s.LoanId into states
            from s in states.DefaultIfEmpty()
            select new { x.b, x.l, s };
        if (bucket is { } bk) rows = rows.Where(x => x.s != null && x.s.Bucket == bk);
        if (riskClass is { } rc) rows = rows.Where(x => x.s != null && x.s.RiskClass == rc);
        if (status is { } st2) rows = rows.Where(x => x.s != null && x.s.Status == st2);
        int Count() => bucket is null && riskClass is null && status is null ? pairs.Count() : rows.Count();
        var total = totals is null ? Count() : totals.Get(db, LoanListTotals.Key(request, scope), Count);

        var descending = request.Sort?.StartsWith('-') == true;
        rows = (sort?.ToLowerInvariant()) switch
        {
            "borrower" => descending ? rows.OrderByDescending(x => x.b.Name).ThenByDescending(x => x.l.Id) : rows.OrderBy(x => x.b.Name).ThenBy(x => x.l.Id),
            "outstanding" => descending ? rows.OrderByDescending(x => x.s!.OutstandingPrincipal).ThenByDescending(x => x.l.Id) : rows.OrderBy(x => x.s!.OutstandingPrincipal).ThenBy(x => x.l.Id),
            "dpd" => descending ? rows.OrderByDescending(x => x.s!.Dpd).ThenByDescending(x => x.l.Id) : rows.OrderBy(x => x.s!.Dpd).ThenBy(x => x.l.Id),
            "disbursedon" => descending ? rows.OrderByDescending(x => x.l.DisbursedOn).ThenByDescending(x => x.l.Id) : rows.OrderBy(x => x.l.DisbursedOn).ThenBy(x => x.l.Id),
            _ => descending ? rows.OrderByDescending(x => x.l.ExternalId) : rows.OrderBy(x => x.l.ExternalId),
        };
        // The page in two steps: sort only the sort key and the loan id to find the page's loans, then read
        // just those loans' columns. Sorting whole rows of three tables is what made deep pages slow.
        var ids = rows.Select(x => x.l.Id).Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToList();
        var found = (
            from l in db.Loans.AsNoTracking()
            join b in db.Borrowers.AsNoTracking() on l.BorrowerId equals b.Id
            join s in db.LoanStates.AsNoTracking() on l.Id equals s.LoanId into states
            from s in states.DefaultIfEmpty()
            where ids.Contains(l.Id)
            select new
            {
                l.Id, l.ExternalId, BorrowerExternalId = b.ExternalId, b.Name, l.Product, l.Segment, l.Currency, l.Principal, l.DisbursedOn,
                b.Branch, b.AccountManager, HasState = s != null,
                Outstanding = s != null ? s.OutstandingPrincipal : 0m, Dpd = s != null ? s.Dpd : 0,
                Bucket = s != null ? s.Bucket : Domain.Delinquency.Bucket.C, RiskClass = s != null ? s.RiskClass : RiskClass.Normal,
                Stage = s != null ? s.Stage : Ifrs9Stage.Stage1, Status = s != null ? s.Status : LoanStatus.Active,
                NextDueDate = s != null ? s.NextDueDate : null,
            }).ToDictionary(x => x.Id);
        var page = ids.Select(id => found[id])
            .Select(x => new LoanListItem(
                x.ExternalId, x.BorrowerExternalId, x.Name, x.Product, x.Segment.Snake(), x.Currency, x.Principal,
                x.HasState ? x.Outstanding : x.Principal, x.Dpd, x.Bucket.Label(), x.RiskClass.Code(), (int)x.Stage, x.Status.Snake(),
                x.Branch, x.AccountManager, x.DisbursedOn, x.NextDueDate))
            .ToList();
        return Result<PagedList<LoanListItem>>.Ok(new PagedList<LoanListItem>(page, request.Page, request.PageSize, total));
    }
}
