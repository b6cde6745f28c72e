using PostLoan.Application.Common;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Loans;

/// <summary>
/// What the web host remembers of the loan list until the book changes: for each filter, sort and data
/// scope, every matching loan id in the list's order (a page is then a slice of it, and the total its
/// length); and for searches, which are not remembered in order, the total. The book's version is the
/// newest audit entry: every import, end-of-day run and change by a person appends one. While an
/// end-of-day run is still committing chunks an order can lag behind the rows until the run completes;
/// the rows themselves are always read live.
/// </summary>
/// <param name="maxRememberedIds">How many loan ids all remembered orders may hold together (8 bytes each); past it they are all forgotten.</param>
public sealed class LoanListCache(long maxRememberedIds = LoanListCache.DefaultMaxRememberedIds)
{
    /// <summary>16 million ids, 128 MB: sixteen whole-book orders of a 1,000,000-loan book.</summary>
    public const long DefaultMaxRememberedIds = 16_000_000;
    private const int MaxTotals = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _totals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<long[]>> _orders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _counted = new(StringComparer.Ordinal);
    private long _version = -1;
    private long _rememberedIds;

    /// <summary>The book's version now: read once per request and passed to <see cref="Total"/> and <see cref="Order"/>.</summary>
    public long Version(PostLoanDbContext db) => db.AuditEntries.Max(e => (long?)e.Id) ?? 0;

    /// <summary>The total for <paramref name="key"/> at <paramref name="version"/>, counted with <paramref name="count"/> when not known.</summary>
    public int Total(long version, string key, Func<int> count)
    {
        lock (_gate)
        {
            if (!IsCurrent(version)) return count();
            if (_totals.TryGetValue(key, out var known)) return known;
        }
        var total = count();
        lock (_gate)
        {
            if (version == _version)
            {
                if (_totals.Count >= MaxTotals) _totals.Clear();
                _totals[key] = total;
            }
        }
        return total;
    }

    /// <summary>
    /// The loan ids for <paramref name="key"/> at <paramref name="version"/> in order, read with
    /// <paramref name="order"/> when not known. Requests for the same key at once wait for one read.
    /// </summary>
    public long[] Order(long version, string key, Func<long[]> order)
    {
        Lazy<long[]> entry;
        lock (_gate)
        {
            if (!IsCurrent(version)) return order();
            if (!_orders.TryGetValue(key, out entry!))
            {
                entry = new Lazy<long[]>(order, LazyThreadSafetyMode.ExecutionAndPublication);
                _orders[key] = entry;
            }
        }
        long[] ids;
        try
        {
            ids = entry.Value;
        }
        catch
        {
            lock (_gate)
            {
                if (_orders.TryGetValue(key, out var failed) && failed == entry) _orders.Remove(key);
            }
            throw;
        }
        lock (_gate)
        {
            if (version == _version && _orders.TryGetValue(key, out var held) && held == entry && _counted.Add(key))
            {
                _rememberedIds += ids.Length;
                if (_rememberedIds > maxRememberedIds) ForgetOrders();
            }
        }
        return ids;
    }

    /// <summary>How many loan ids the remembered orders hold now.</summary>
    public long RememberedIds
    {
        get
        {
            lock (_gate) return _rememberedIds;
        }
    }

    /// <summary>Moves to a newer version, forgetting the older one's figures; false for a request that read an older version.</summary>
    private bool IsCurrent(long version)
    {
        if (version > _version)
        {
            _totals.Clear();
            ForgetOrders();
            _version = version;
        }
        return version == _version;
    }

    private void ForgetOrders()
    {
        _orders.Clear();
        _counted.Clear();
        _rememberedIds = 0;
    }

    /// <summary>The cache key of a list request's filters within a scope (paging and sorting do not change the total).</summary>
    public static string Key(LoanListRequest request, DataScope scope) =>
        string.Join('\u001f', scope.ToString(), request.Segment, request.Bucket, request.Class, request.Branch, request.Manager, request.Status, request.Search);
}
