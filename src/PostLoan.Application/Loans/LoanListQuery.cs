using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Common;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Loans;

/// <summary>Filters of the loan list; every filter is optional.</summary>
/// <param name="Sort">A column name, with a leading '-' for descending: externalId, borrower, outstanding, dpd, disbursedOn.</param>
/// <param name="After">The <see cref="PagedList{T}.Next"/> of the previous page: the page after it (instead of <paramref name="Page"/>).</param>
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
    string? Sort = null,
    string? After = null);

public sealed record LoanListItem(
    string ExternalId, string BorrowerExternalId, string BorrowerName, string Product, string Segment, string Currency,
    decimal Principal, decimal Outstanding, int Dpd, string Bucket, string Class, int Stage, string Status,
    string? Branch, string? AccountManager, DateOnly DisbursedOn, DateOnly? NextDueDate);

/// <param name="Next">Where the next page starts, for the list's <c>after</c> parameter; null on the last page.</param>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, string? Next = null);

/// <summary>
/// The loan list with filters, paging and sorting, inside the caller's data scope. With
/// <paramref name="cache"/> (the web host's), a filter's order and total are read once per change of the book.
/// </summary>
public sealed class LoanListQuery(DatabaseSettings database, LoanListCache? cache = null)
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
        var sortName = request.Sort?.TrimStart('-');
        var sort = sortName is { Length: > 0 } ? SortKeys.FirstOrDefault(k => k.Equals(sortName, StringComparison.OrdinalIgnoreCase)) : "externalId";
        if (sort is null)
            return Result<PagedList<LoanListItem>>.Invalid("sort", $"sort must be one of: {string.Join(", ", SortKeys)} (prefix '-' for descending)");
        var descending = request.Sort?.StartsWith('-') == true;
        ListCursor? after = null;
        if (request.After is { Length: > 0 })
        {
            if (request.Page != 1) return Result<PagedList<LoanListItem>>.Invalid("after", "give either page or after, not both");
            after = ListCursor.Parse(request.After, sort);
            if (after is null) return Result<PagedList<LoanListItem>>.Invalid("after", "after is not a cursor of this list's sort (use the 'next' of the previous page)");
        }

        using var db = database.CreateContext();
        // Borrower and loan filters first: when no filter or sort reads the state, neither the total nor the page joins it;
        // when none reads the borrower (a bank-wide scope), the borrowers are not joined either: every loan has its borrower.
        var joinsBorrower = scope.Kind != DataScopeKind.All || request.Branch is { Length: > 0 } || request.Manager is { Length: > 0 }
            || request.Search is { Length: > 0 } || sort == "borrower";
        var pairs = joinsBorrower
            ? from b in scope.Apply(db.Borrowers.AsNoTracking())
              join l in db.Loans.AsNoTracking() on b.Id equals l.BorrowerId
              select new ListRow { B = b, L = l }
            : from l in db.Loans.AsNoTracking()
              select new ListRow { B = null!, L = l };
        if (segment is { } sg) pairs = pairs.Where(x => x.L.Segment == sg);
        if (request.Branch is { Length: > 0 } branch) pairs = pairs.Where(x => x.B.Branch == branch);
        if (request.Manager is { Length: > 0 } manager) pairs = pairs.Where(x => x.B.AccountManager == manager);
        if (request.Search is { Length: > 0 } q) pairs = pairs.Where(x => x.L.ExternalId.Contains(q) || x.B.ExternalId.Contains(q) || x.B.Name.Contains(q));
        var serviced =
            from x in pairs
            join s in db.LoanStates.AsNoTracking() on x.L.Id equals s.LoanId
            select new ListRow { B = x.B, L = x.L, S = s };
        if (bucket is { } bk) serviced = serviced.Where(x => x.S!.Bucket == bk);
        if (riskClass is { } rc) serviced = serviced.Where(x => x.S!.RiskClass == rc);
        if (status is { } st2) serviced = serviced.Where(x => x.S!.Status == st2);
        var filtersState = bucket is not null || riskClass is not null || status is not null;
        var byState = sort is "outstanding" or "dpd";
        var version = cache?.Version(db) ?? 0;
        var take = request.PageSize + 1; // one more, to know whether there is a next page
        var offset = after is null ? (request.Page - 1) * request.PageSize : 0;

        List<long>? ids = null;
        var total = 0;
        int? position = null; // where the next page starts in the remembered order, when the page came from it
        if (cache is not null && request.Search is not { Length: > 0 })
        {
            // The web host remembers each filter's whole order until the book changes: a page is a slice of it.
            var order = cache.Order(version, LoanListCache.Key(request, scope) + "\u001f" + (descending ? "-" : "") + sort,
                () => WholeOrder(db, pairs, serviced, sort, descending, byState, filtersState, joinsBorrower || segment is not null, bucket, riskClass, status));
            var start = after is null ? offset
                : after.Version == version && after.Position is { } p && p > 0 && p <= order.Length && order[p - 1] == after.Id ? p
                : -1; // a cursor from before the book changed: found again by its key below
            if (start >= 0)
            {
                total = order.Length;
                ids = [.. order.AsSpan(Math.Min(start, order.Length), Math.Clamp(order.Length - start, 0, take))];
                position = start + request.PageSize;
            }
        }
        if (ids is null)
        {
            int Count() => filtersState ? serviced.Count() : pairs.Count();
            total = cache is null ? Count() : cache.Total(version, LoanListCache.Key(request, scope), Count);
            ids = PageFromDatabase(db, request, scope, pairs, serviced, sort, descending, after, offset, take, version, total,
                segment, bucket, riskClass, status, byState, filtersState);
        }
        var hasNext = ids.Count > request.PageSize;
        if (hasNext) ids.RemoveAt(ids.Count - 1);
        var found = (
            from l in db.Loans.AsNoTracking()
            join b in db.Borrowers.AsNoTracking() on l.BorrowerId equals b.Id
            join s in db.LoanStates.AsNoTracking() on l.Id equals s.LoanId into states
            from s in states.DefaultIfEmpty()
            where EF.Parameter(ids).Contains(l.Id) // one parameter, so one statement whatever the page size
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
        string? next = null;
        if (hasNext)
        {
            var lastId = ids[^1];
            var last = found[lastId];
            next = new ListCursor(sort switch
            {
                "borrower" => last.Name,
                "outstanding" => last.Outstanding.ToString(CultureInfo.InvariantCulture),
                "dpd" => last.Dpd.ToString(CultureInfo.InvariantCulture),
                "disbursedOn" => last.DisbursedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => last.ExternalId,
            }, lastId, byState && !last.HasState, position is null ? null : version, position).Format(sort);
        }
        return Result<PagedList<LoanListItem>>.Ok(new PagedList<LoanListItem>(page, request.Page, request.PageSize, total, next));
    }

    /// <summary>
    /// Every loan id the filters find, in the list's order: what the web host remembers per filter, sort
    /// and scope until the book changes. Sorted by a servicing figure, loans not serviced yet follow the
    /// serviced ones by loan id (unless a state filter leaves them out).
    /// </summary>
    private static long[] WholeOrder(PostLoanDbContext db, IQueryable<ListRow> pairs, IQueryable<ListRow> serviced, string sort, bool descending, bool byState, bool filtersState,
        bool filtersLoans, Bucket? bucket, RiskClass? riskClass, LoanStatus? status)
    {
        List<long> ids;
        if (byState && !filtersLoans)
        {
            // Sorted by a servicing figure with no loan or borrower filter: the state's own index gives the order, since
            // every state has its loan (a join would look up each of a million loans only to find it there).
            var states = db.LoanStates.AsNoTracking();
            if (bucket is { } bk) states = states.Where(s => s.Bucket == bk);
            if (riskClass is { } rc) states = states.Where(s => s.RiskClass == rc);
            if (status is { } st) states = states.Where(s => s.Status == st);
            var ordered = (sort, descending) switch
            {
                ("dpd", true) => states.OrderByDescending(s => s.Dpd).ThenByDescending(s => s.LoanId),
                ("dpd", false) => states.OrderBy(s => s.Dpd).ThenBy(s => s.LoanId),
                (_, true) => states.OrderByDescending(s => s.OutstandingPrincipal).ThenByDescending(s => s.LoanId),
                _ => states.OrderBy(s => s.OutstandingPrincipal).ThenBy(s => s.LoanId),
            };
            ids = ordered.Select(s => s.LoanId).ToList();
        }
        else ids = Order(filtersState || byState ? serviced : pairs, sort, descending, null, false).Select(x => x.L.Id).ToList();
        // Loans not serviced yet, if any (as many states as loans means none), follow by loan id.
        if (byState && !filtersState && (filtersLoans || db.Loans.Count() != db.LoanStates.Count()))
            ids.AddRange(pairs.Where(x => !db.LoanStates.Any(s => s.LoanId == x.L.Id)).OrderBy(x => x.L.Id).Select(x => x.L.Id));
        return [.. ids];
    }

    /// <summary>
    /// A page's loan ids (and one more) read from the database, in the order of an index where one serves
    /// the sort: by offset for a page number, or after a cursor (the previous page's last row), which costs
    /// the same on any page. A sort by a servicing figure reads serviced loans; loans not serviced yet come after them.
    /// </summary>
    private List<long> PageFromDatabase(PostLoanDbContext db, LoanListRequest request, DataScope scope, IQueryable<ListRow> pairs, IQueryable<ListRow> serviced,
        string sort, bool descending, ListCursor? after, int offset, int take, long version, int total,
        Segment? segment, Bucket? bucket, RiskClass? riskClass, LoanStatus? status, bool byState, bool filtersState)
    {
        var ids = new List<long>();
        if (!(after?.Unserviced ?? false))
        {
            var book = cache is null || scope.Kind == DataScopeKind.None ? 0
                : cache.Total(version, LoanListCache.Key(new LoanListRequest(), scope), () => scope.Apply(db.Borrowers).Join(db.Loans, b => b.Id, l => l.BorrowerId, (b, l) => l.Id).Count());
            // SQLite's planner does not weigh the LIMIT: it filters by an index and sorts every match even
            // when walking the sort's index would meet a page's rows at once. With the totals known, walk when
            // that reads fewer rows than a few times what the filter finds, since the filter's index often finds
            // more than its matches (a class index, then the branch tested on each). PostgreSQL's planner makes
            // this choice itself.
            const double WalkAdvantage = 4;
            var walk = !database.IsPostgreSql && book > 0 && total > 0 && (double)(offset + take) * book < WalkAdvantage * total * total;
            if (walk)
                ids.AddRange(WalkSortIndex(db, sort, descending, after, offset, take, scope, segment, request.Branch, request.Manager, request.Search, bucket, riskClass, status, byState || filtersState));
            else
            {
                var source = filtersState || byState ? serviced : pairs;
                // With a cursor: its ties first, then the keys after it (see Order).
                foreach (var ties in after is null || sort == "externalId" ? new[] { false } : new[] { true, false })
                {
                    ids.AddRange(Order(source, sort, descending, after, ties).Select(x => x.L.Id).Skip(offset).Take(take - ids.Count));
                    if (ids.Count >= take) break;
                }
            }
        }
        if (byState && !filtersState && ids.Count < take)
        {
            // Unserviced loans (imported since the last end-of-day) fill the page after the serviced ones, by loan id.
            var unserviced = pairs.Where(x => !db.LoanStates.Any(s => s.LoanId == x.L.Id));
            if (after is { Unserviced: true } u) unserviced = unserviced.Where(x => x.L.Id > u.Id);
            var skip = ids.Count > 0 || offset == 0 ? 0 : Math.Max(0, offset - serviced.Count());
            ids.AddRange(unserviced.OrderBy(x => x.L.Id).Select(x => x.L.Id).Skip(skip).Take(take - ids.Count));
        }
        return ids;
    }

    /// <summary>
    /// Orders by the sort key, ties broken by the loan id. With a cursor it keeps either the rows that tie
    /// with the cursor's key and come after its loan (<paramref name="ties"/>), or the rows whose key comes
    /// after it: two queries that each seek an index, where one "key ≥ k and (key > k or id > i)" would
    /// rescan the ties before the cursor on every page.
    /// </summary>
    private static IQueryable<ListRow> Order(IQueryable<ListRow> rows, string sort, bool descending, ListCursor? after, bool ties)
    {
        var id = after?.Id ?? 0;
        switch (sort)
        {
            case "borrower":
                if (after is not null)
                {
                    var k = after.Key;
                    rows = (ties, descending) switch
                    {
                        (true, true) => rows.Where(x => x.B.Name == k && x.L.Id < id),
                        (true, false) => rows.Where(x => x.B.Name == k && x.L.Id > id),
                        (false, true) => rows.Where(x => string.Compare(x.B.Name, k) < 0),
                        (false, false) => rows.Where(x => string.Compare(x.B.Name, k) > 0),
                    };
                }
                return descending ? rows.OrderByDescending(x => x.B.Name).ThenByDescending(x => x.L.Id) : rows.OrderBy(x => x.B.Name).ThenBy(x => x.L.Id);
            case "outstanding":
                if (after is not null)
                {
                    var k = decimal.Parse(after.Key, CultureInfo.InvariantCulture);
                    rows = (ties, descending) switch
                    {
                        (true, true) => rows.Where(x => x.S!.OutstandingPrincipal == k && x.S.LoanId < id),
                        (true, false) => rows.Where(x => x.S!.OutstandingPrincipal == k && x.S.LoanId > id),
                        (false, true) => rows.Where(x => x.S!.OutstandingPrincipal < k),
                        (false, false) => rows.Where(x => x.S!.OutstandingPrincipal > k),
                    };
                }
                return descending ? rows.OrderByDescending(x => x.S!.OutstandingPrincipal).ThenByDescending(x => x.S!.LoanId) : rows.OrderBy(x => x.S!.OutstandingPrincipal).ThenBy(x => x.S!.LoanId);
            case "dpd":
                if (after is not null)
                {
                    var k = int.Parse(after.Key, CultureInfo.InvariantCulture);
                    rows = (ties, descending) switch
                    {
                        (true, true) => rows.Where(x => x.S!.Dpd == k && x.S.LoanId < id),
                        (true, false) => rows.Where(x => x.S!.Dpd == k && x.S.LoanId > id),
                        (false, true) => rows.Where(x => x.S!.Dpd < k),
                        (false, false) => rows.Where(x => x.S!.Dpd > k),
                    };
                }
                return descending ? rows.OrderByDescending(x => x.S!.Dpd).ThenByDescending(x => x.S!.LoanId) : rows.OrderBy(x => x.S!.Dpd).ThenBy(x => x.S!.LoanId);
            case "disbursedOn":
                if (after is not null)
                {
                    var k = DateOnly.ParseExact(after.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    rows = (ties, descending) switch
                    {
                        (true, true) => rows.Where(x => x.L.DisbursedOn == k && x.L.Id < id),
                        (true, false) => rows.Where(x => x.L.DisbursedOn == k && x.L.Id > id),
                        (false, true) => rows.Where(x => x.L.DisbursedOn < k),
                        (false, false) => rows.Where(x => x.L.DisbursedOn > k),
                    };
                }
                return descending ? rows.OrderByDescending(x => x.L.DisbursedOn).ThenByDescending(x => x.L.Id) : rows.OrderBy(x => x.L.DisbursedOn).ThenBy(x => x.L.Id);
            default: // the external id is unique: it has no ties, and the caller asks for no ties part
                if (after is not null)
                {
                    var k = after.Key;
                    rows = descending ? rows.Where(x => string.Compare(x.L.ExternalId, k) < 0) : rows.Where(x => string.Compare(x.L.ExternalId, k) > 0);
                }
                return descending ? rows.OrderByDescending(x => x.L.ExternalId) : rows.OrderBy(x => x.L.ExternalId);
        }
    }

    /// <summary>
    /// SQLite: the page's loan ids read by walking the index of the sort key. The sort's table is the
    /// only one in FROM and the others are tested on each row it meets as correlated EXISTS (a join
    /// would make SQLite build a Bloom filter over the whole joined table first). A leading <c>+</c>
    /// keeps SQLite from choosing a filter's index instead of the sort's, except where the filter's
    /// index continues with the sort key.
    /// </summary>
    private static List<long> WalkSortIndex(PostLoanDbContext db, string sort, bool descending, ListCursor? after, int offset, int take, DataScope scope,
        Segment? segment, string? branch, string? manager, string? search, Bucket? bucket, RiskClass? riskClass, LoanStatus? status, bool joinState)
    {
        var parameters = new List<SqliteParameter>();
        string Parameter(object value)
        {
            var name = "@f" + parameters.Count;
            parameters.Add(new SqliteParameter(name, value));
            return name;
        }
        List<string> onState = [], onLoan = [], onBorrower = [];
        if (scope.Kind == DataScopeKind.Branch) onBorrower.Add($"+b.branch = {Parameter(scope.Value!)}");
        if (scope.Kind == DataScopeKind.Manager) onBorrower.Add($"+b.account_manager = {Parameter(scope.Value!)}");
        if (branch is { Length: > 0 }) onBorrower.Add($"+b.branch = {Parameter(branch)}");
        if (manager is { Length: > 0 }) onBorrower.Add($"+b.account_manager = {Parameter(manager)}");
        if (search is { Length: > 0 })
        {
            var q = Parameter(search);
            onBorrower.Add($"(instr(l.external_id, {q}) > 0 OR instr(b.external_id, {q}) > 0 OR instr(b.name, {q}) > 0)");
        }
        if (segment is { } sg) onLoan.Add($"+l.segment = {Parameter(sg.ToString())}");
        // A state filter keeps its index where that index continues with the sort key: bucket and class
        // with dpd, status with outstanding. Closed and written-off loans cluster at one end of outstanding
        // and dpd, so those statuses keep the status index for any sort instead of a walk past everyone else.
        var keepBucketOrClass = sort == "dpd" ? "" : "+";
        if (bucket is { } bk) onState.Add($"{keepBucketOrClass}s.bucket = {Parameter(bk.ToString())}");
        if (riskClass is { } rc) onState.Add($"{keepBucketOrClass}s.risk_class = {Parameter(rc.ToString())}");
        if (status is { } st) onState.Add($"{(sort == "outstanding" || st != LoanStatus.Active ? "" : "+")}s.status = {Parameter(st.ToString())}");

        static string Where(IEnumerable<string> terms) => string.Join(" AND ", terms);
        string Borrowers() => $"EXISTS (SELECT 1 FROM borrowers b WHERE {Where(["b.id = l.borrower_id", .. onBorrower])})";
        var (select, from, key, tie, conditions) = sort switch
        {
            "outstanding" or "dpd" => ("s.loan_id", "loan_states s", sort == "dpd" ? "s.dpd" : "s.outstanding_principal", "s.loan_id",
                [.. onState, $"EXISTS (SELECT 1 FROM loans l WHERE {Where(["l.id = s.loan_id", .. onLoan, Borrowers()])})"]),
            "borrower" => ("l.id", "borrowers b CROSS JOIN loans l", "b.name", "l.id", new List<string>(["l.borrower_id = b.id", .. onBorrower, .. onLoan])),
            _ => ("l.id", "loans l", sort == "disbursedOn" ? "l.disbursed_on" : "l.external_id", sort == "disbursedOn" ? "l.id" : null,
                new List<string>([.. onLoan, Borrowers()])),
        };
        if (joinState && sort is not ("outstanding" or "dpd"))
            conditions.Add($"EXISTS (SELECT 1 FROM loan_states s WHERE {Where(["s.loan_id = l.id", .. onState])})");
        var keyset = new List<string?>(); // the cursor's conditions, run in turn until the page is full
        if (after is not null)
        {
            object k = sort switch
            {
                "outstanding" => Money.ToMinor(decimal.Parse(after.Key, CultureInfo.InvariantCulture)),
                "dpd" => int.Parse(after.Key, CultureInfo.InvariantCulture),
                _ => after.Key, // names, external ids and ISO dates compare as stored text
            };
            // Ties on the cursor's key first, then the keys after it: two seeks of the index. One condition
            // "key <= k AND (key < k OR id < i)" (or a row value) seeks to the key only and rescans every tie
            // before the cursor on each page, and most loans tie at dpd 0.
            var strict = descending ? "<" : ">";
            var kp = Parameter(k);
            if (tie is not null) keyset.Add($"{key} = {kp} AND {tie} {strict} {Parameter(after.Id)}");
            keyset.Add($"{key} {strict} {kp}");
        }
        else keyset.Add(null);
        var direction = descending ? " DESC" : "";
        var order = tie is null ? key + direction : $"{key}{direction}, {tie}{direction}";
        var ids = new List<long>();
        foreach (var extra in keyset)
        {
            List<string> terms = extra is null ? conditions : [.. conditions, extra];
            // Only fixed column names are spliced in; every value is a parameter.
            var sql = $"SELECT {select} AS \"Value\" FROM {from} WHERE {(terms.Count == 0 ? "1 = 1" : Where(terms))} ORDER BY {order} LIMIT {Parameter(take - ids.Count)} OFFSET {Parameter(offset)}";
            ids.AddRange(db.Database.SqlQueryRaw<long>(sql, [.. parameters]));
            if (ids.Count >= take) break;
        }
        return ids;
    }

    /// <summary>A row of the list's joins; <see cref="S"/> is read only where the state is joined.</summary>
    private sealed class ListRow
    {
        public required Borrower B { get; init; }
        public required Loan L { get; init; }
        public LoanState? S { get; init; }
    }
}

/// <summary>
/// Where the next page of the loan list starts: the last row's sort key and loan id, whether it was
/// among the loans not serviced yet, and where the next page starts in the order the web host remembers
/// (with the book's version it was made at). Opaque to callers (base64url); it names its sort, so a cursor of one
/// sort is refused by another.
/// </summary>
internal sealed record ListCursor(string Key, long Id, bool Unserviced, long? Version = null, int? Position = null)
{
    public string Format(string sort) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', sort, Unserviced ? "u" : "s", Id.ToString(CultureInfo.InvariantCulture),
            Version is { } v && Position is { } p ? string.Create(CultureInfo.InvariantCulture, $"{v}.{p}") : "-", Key)));

    public static ListCursor? Parse(string text, string sort)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\n', 5);
        }
        catch (FormatException)
        {
            return null;
        }
        if (parts.Length != 5 || parts[0] != sort || parts[1] is not ("u" or "s") || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        // Where the page after it starts in the remembered order of the book's version it was made at ("-": not known).
        long? version = null;
        int? position = null;
        if (parts[3] != "-")
        {
            var at = parts[3].Split('.');
            if (at.Length != 2 || !long.TryParse(at[0], NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                || !int.TryParse(at[1], NumberStyles.None, CultureInfo.InvariantCulture, out var p)) return null;
            (version, position) = (v, p);
        }
        var key = parts[4];
        var valid = sort switch
        {
            "outstanding" => decimal.TryParse(key, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            "dpd" => int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            "disbursedOn" => DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => true,
        };
        return valid ? new ListCursor(key, id, parts[1] == "u", version, position) : null;
    }
}
