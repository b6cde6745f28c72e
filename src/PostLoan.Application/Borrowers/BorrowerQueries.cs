using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Common;
using PostLoan.Application.Loans;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Borrowers;

public sealed record BorrowerListItem(string ExternalId, string Kind, string Name, string? Region, string? Industry, string? Branch, string? AccountManager, int Loans);

/// <summary>Who is looking, for deciding whether identifiers are shown in full (docs/sensitive-data.md).</summary>
public sealed record SensitiveViewer(IReadOnlyCollection<string> Roles, string? ManagerCode)
{
    public bool MaySee(Borrower borrower) =>
        Roles.Any(r => SensitiveDataAccess.MaySee(r, assignedToBorrower: ManagerCode is { Length: > 0 } && borrower.AccountManager == ManagerCode));
}

/// <param name="NationalId">In full only when the viewer may see it; otherwise masked.</param>
public sealed record BorrowerDetails(
    string ExternalId, string Kind, string Name, string? NationalId, string? Phone, string? Region, string? Industry, string? Branch, string? AccountManager,
    decimal? BureauTotalDebt, decimal? BureauOverdue90Debt, DateOnly? BureauAsOf, IReadOnlyList<LoanListItem> Loans);

/// <summary>Borrowers inside the caller's data scope.</summary>
public sealed class BorrowerQueries(DatabaseSettings database)
{
    public Result<PagedList<BorrowerListItem>> List(string? search, int page, int pageSize, DataScope scope)
    {
        if (page < 1) return Result<PagedList<BorrowerListItem>>.Invalid("page", "page must be 1 or more");
        if (pageSize is < 1 or > LoanListQuery.MaxPageSize) return Result<PagedList<BorrowerListItem>>.Invalid("pageSize", $"pageSize must be between 1 and {LoanListQuery.MaxPageSize}");
        using var db = database.CreateContext();
        var borrowers = scope.Apply(db.Borrowers.AsNoTracking());
        if (search is { Length: > 0 } q) borrowers = borrowers.Where(b => b.ExternalId.Contains(q) || b.Name.Contains(q));
        var total = borrowers.Count();
        var items = borrowers.OrderBy(b => b.ExternalId).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(b => new { b, Loans = db.Loans.Count(l => l.BorrowerId == b.Id) })
            .ToList()
            .Select(x => new BorrowerListItem(x.b.ExternalId, x.b.Kind.ToString().ToLowerInvariant(), x.b.Name, x.b.Region, x.b.Industry, x.b.Branch, x.b.AccountManager, x.Loans))
            .ToList();
        return Result<PagedList<BorrowerListItem>>.Ok(new PagedList<BorrowerListItem>(items, page, pageSize, total));
    }

    /// <summary>One borrower with all their loans; not found when outside the scope.</summary>
    public Result<BorrowerDetails> Get(string externalId, DataScope scope, SensitiveViewer? viewer = null)
    {
        using var db = database.CreateContext();
        var b = scope.Apply(db.Borrowers.AsNoTracking()).SingleOrDefault(x => x.ExternalId == externalId);
        if (b is null) return Result<BorrowerDetails>.NotFound($"no borrower with external id '{externalId}'");
        var loans = new LoanListQuery(database).List(new LoanListRequest(Search: b.ExternalId, PageSize: LoanListQuery.MaxPageSize), scope).Value!.Items
            .Where(l => l.BorrowerExternalId == b.ExternalId).ToList();
        var reveal = viewer?.MaySee(b) == true;
        return Result<BorrowerDetails>.Ok(new BorrowerDetails(b.ExternalId, b.Kind.ToString().ToLowerInvariant(), b.Name,
            reveal ? b.NationalId : Masking.IdNumber(b.Kind, b.NationalId), reveal ? b.Phone : Masking.Phone(b.Phone), b.Region, b.Industry, b.Branch, b.AccountManager,
            b.BureauTotalDebt, b.BureauOverdue90Debt, b.BureauAsOf, loans));
    }
}
