using System.Collections.Concurrent;
using PostLoan.Application.Common;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Loans;

/// <summary>
/// Remembers the loan list's totals (how many loans a filter finds within a data scope) until the
/// book changes, so that paging through a list does not count the whole filtered set again on every
/// page. The book's version is the newest audit entry: every import, end-of-day run and change by a
/// person appends one. While an end-of-day run is still committing chunks a total can lag behind
/// the rows until the run completes; the rows themselves are always read live.
/// </summary>
public sealed class LoanListTotals
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, int> _totals = new(StringComparer.Ordinal);
    private long _version = -1;
    private readonly Lock _gate = new();

    /// <summary>The total for <paramref name="key"/> at the database's current version, counted with <paramref name="count"/> when not known.</summary>
    public int Get(PostLoanDbContext db, string key, Func<int> count)
    {
        var version = db.AuditEntries.Max(e => (long?)e.Id) ?? 0;
        lock (_gate)
        {
            if (version != _version || _totals.Count >= MaxEntries)
            {
                _totals.Clear();
                _version = version;
            }
        }
        var cacheKey = string.Concat(version.ToString(System.Globalization.CultureInfo.InvariantCulture), "|", key);
        if (_totals.TryGetValue(cacheKey, out var total)) return total;
        total = count();
        _totals[cacheKey] = total;
        return total;
    }

    /// <summary>The cache key of a list request's filters within a scope (paging and sorting do not change the total).</summary>
    public static string Key(LoanListRequest request, DataScope scope) =>
        string.Join('\u001f', scope.ToString(), request.Segment, request.Bucket, request.Class, request.Branch, request.Manager, request.Status, request.Search);
}
