namespace PostLoan.Domain.Loans;

/// <summary>A person or company that borrows from the institution.</summary>
public sealed class Borrower
{
    private Borrower() { }

    public long Id { get; private set; }
    /// <summary>The core system's id; imports upsert by it.</summary>
    public string ExternalId { get; private set; } = "";
    public BorrowerKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>National id (individual) or unified social credit code (company). Sensitive.</summary>
    public string? NationalId { get; private set; }
    /// <summary>Sensitive.</summary>
    public string? Phone { get; private set; }
    public string? Region { get; private set; }
    public string? Industry { get; private set; }
    public string? AccountManager { get; private set; }
    public string? Branch { get; private set; }
    /// <summary>Credit bureau: total debt at all lenders, and the part of it more than 90 days overdue, as of <see cref="BureauAsOf"/>.</summary>
    public decimal? BureauTotalDebt { get; private set; }
    public decimal? BureauOverdue90Debt { get; private set; }
    public DateOnly? BureauAsOf { get; private set; }

    /// <summary>Share (0–1) of the borrower's bureau debt that is 90+ days overdue, when known.</summary>
    public decimal? BureauOverdueShare => BureauTotalDebt is > 0 && BureauOverdue90Debt is { } od ? od / BureauTotalDebt.Value : null;
}
