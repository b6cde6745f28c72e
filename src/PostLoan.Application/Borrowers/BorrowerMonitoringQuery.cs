using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Common;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Monitoring;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Borrowers;

/// <summary>Ratios derived from one statement (SPEC §2), rounded to <see cref="BorrowerMonitoringQuery.RatioDecimals"/> places; null where the denominator is zero.</summary>
public sealed record StatementRatiosView(decimal? DebtToAsset, decimal? CurrentRatio, decimal? QuickRatio, decimal? InterestCoverage, decimal? Dscr);

public sealed record StatementView(
    DateOnly PeriodEnd, string Period, DateOnly ReceivedOn, decimal TotalAssets, decimal TotalLiabilities, decimal CurrentAssets, decimal CurrentLiabilities,
    decimal Inventory, decimal Receivables, decimal Revenue, decimal NetProfit, decimal OperatingCashFlow, decimal InterestExpense, decimal DebtService,
    StatementRatiosView Ratios);

public sealed record BureauView(DateOnly AsOf, decimal TotalDebt, decimal OverdueDebt, decimal Overdue90Debt, int Inquiries3m, string Source);

/// <param name="GuarantorExternalId">The guarantor the signal is about; null for a signal about the borrower.</param>
public sealed record SignalView(string ExternalId, string Kind, DateOnly OccurredOn, string Source, string Summary, decimal? Amount, string? GuarantorExternalId);

/// <param name="Operator">As files write it: <c>&lt;=</c>, <c>&lt;</c>, <c>&gt;=</c>, <c>&gt;</c>.</param>
public sealed record CovenantView(string ExternalId, string Metric, string Operator, decimal Threshold, DateOnly FromDate, DateOnly? ToDate);

public sealed record MilestoneView(
    string ExternalId, string Name, DateOnly PlannedDate, DateOnly? ActualDate, decimal PlannedCompletion, decimal Completion, decimal Budget, decimal Spend);

public sealed record FundUseView(string ExternalId, DateOnly PaidOn, decimal Amount, string Counterparty, string CounterpartyType, string StatedPurpose);

/// <param name="FromAppraisal">True for the entry the collateral's own appraisal made.</param>
public sealed record ValuationView(DateOnly ValuedOn, decimal Value, string Method, bool FromAppraisal);

/// <param name="Valuations">Newest first; the first is the current value.</param>
public sealed record CollateralView(
    string ExternalId, string Type, string Description, decimal AppraisedValue, DateOnly AppraisedOn, string LienStatus, DateOnly? InsuranceExpiry,
    IReadOnlyList<ValuationView> Valuations);

/// <param name="NationalId">In full only when the viewer may see the borrower's own id; otherwise masked the same way.</param>
public sealed record GuarantorView(string ExternalId, string Kind, string Name, string? NationalId, decimal GuaranteedAmount);

/// <param name="GuarantorSignals">External signals about this loan's guarantors, newest first.</param>
public sealed record LoanMonitoringView(
    string LoanExternalId, IReadOnlyList<CovenantView> Covenants, IReadOnlyList<MilestoneView> Milestones, IReadOnlyList<FundUseView> FundUses,
    IReadOnlyList<CollateralView> Collateral, IReadOnlyList<GuarantorView> Guarantors, IReadOnlyList<SignalView> GuarantorSignals);

/// <summary>A borrower's monitoring data; every list dated is newest first.</summary>
public sealed record BorrowerMonitoring(
    string BorrowerExternalId, IReadOnlyList<StatementView> Statements, IReadOnlyList<BureauView> Bureau, IReadOnlyList<SignalView> Signals,
    IReadOnlyList<LoanMonitoringView> Loans);

/// <summary>
/// The monitoring data early warning reads (SPEC §2), for one borrower inside the caller's scope: their
/// statements with the derived ratios, bureau snapshots and signals, and for each of their loans its
/// covenants, milestones, fund uses, collateral with valuations, guarantors and the guarantors' signals.
/// </summary>
public sealed class BorrowerMonitoringQuery(DatabaseSettings database)
{
    /// <summary>Decimal places of the ratios shown (half away from zero); the rules read them unrounded.</summary>
    public const int RatioDecimals = 4;

    /// <summary>Not found when the borrower is unknown or outside <paramref name="scope"/>, as <see cref="BorrowerQueries.Get"/>.</summary>
    /// <param name="viewer">Decides whether guarantors' id numbers are shown in full, by the same rule as the borrower's; masked when null.</param>
    public Result<BorrowerMonitoring> Get(string externalId, DataScope scope, SensitiveViewer? viewer = null)
    {
        using var db = database.CreateContext();
        var b = scope.Apply(db.Borrowers.AsNoTracking()).SingleOrDefault(x => x.ExternalId == externalId);
        if (b is null) return Result<BorrowerMonitoring>.NotFound($"no borrower with external id '{externalId}'");
        var reveal = viewer?.MaySee(b) == true;

        var statements = db.FinancialStatements.AsNoTracking().Where(s => s.BorrowerId == b.Id)
            .OrderByDescending(s => s.PeriodEnd).ThenBy(s => s.Period).ToList();
        var bureau = db.BureauSnapshots.AsNoTracking().Where(s => s.BorrowerId == b.Id).OrderByDescending(s => s.AsOf).ToList();
        var borrowerSignals = db.ExternalSignals.AsNoTracking().Where(s => s.BorrowerId == b.Id)
            .OrderByDescending(s => s.OccurredOn).ThenBy(s => s.ExternalId).ToList();

        var loans = db.Loans.AsNoTracking().Where(l => l.BorrowerId == b.Id).OrderBy(l => l.ExternalId).Select(l => new { l.Id, l.ExternalId }).ToList();
        var loanIds = loans.Select(l => l.Id).ToList();
        var covenants = db.Covenants.AsNoTracking().Where(c => loanIds.Contains(c.LoanId)).OrderBy(c => c.ExternalId).ToLookup(c => c.LoanId);
        var milestones = db.ProjectMilestones.AsNoTracking().Where(m => loanIds.Contains(m.LoanId)).OrderBy(m => m.PlannedDate).ThenBy(m => m.ExternalId).ToLookup(m => m.LoanId);
        var fundUses = db.FundUses.AsNoTracking().Where(f => loanIds.Contains(f.LoanId)).OrderByDescending(f => f.PaidOn).ThenBy(f => f.ExternalId).ToLookup(f => f.LoanId);
        var collateral = db.Collateral.AsNoTracking().Where(c => loanIds.Contains(c.LoanId)).OrderBy(c => c.ExternalId).ToList();
        var collateralIds = collateral.Select(c => c.Id).ToList();
        var valuations = db.CollateralValuations.AsNoTracking().Where(v => collateralIds.Contains(v.CollateralId))
            .OrderByDescending(v => v.ValuedOn).ToLookup(v => v.CollateralId);
        var guarantors = db.Guarantors.AsNoTracking().Where(g => loanIds.Contains(g.LoanId)).OrderBy(g => g.ExternalId).ToList();
        var guarantorIds = guarantors.Select(g => g.Id).ToList();
        var guarantorSignals = db.ExternalSignals.AsNoTracking().Where(s => s.GuarantorId != null && guarantorIds.Contains(s.GuarantorId.Value))
            .OrderByDescending(s => s.OccurredOn).ThenBy(s => s.ExternalId).ToList();
        var guarantorById = guarantors.ToDictionary(g => g.Id);

        return Result<BorrowerMonitoring>.Ok(new BorrowerMonitoring(
            b.ExternalId,
            statements.Select(ToView).ToList(),
            bureau.Select(s => new BureauView(s.AsOf, s.TotalDebt, s.OverdueDebt, s.Overdue90Debt, s.Inquiries3m, s.Source)).ToList(),
            borrowerSignals.Select(s => ToView(s, null)).ToList(),
            loans.Select(l => new LoanMonitoringView(
                l.ExternalId,
                covenants[l.Id].Select(c => new CovenantView(c.ExternalId, c.Metric.Snake(), c.Operator.Symbol(), c.Threshold, c.FromDate, c.ToDate)).ToList(),
                milestones[l.Id].Select(m => new MilestoneView(m.ExternalId, m.Name, m.PlannedDate, m.ActualDate, m.PlannedCompletion, m.Completion, m.Budget, m.Spend)).ToList(),
                fundUses[l.Id].Select(f => new FundUseView(f.ExternalId, f.PaidOn, f.Amount, f.Counterparty, f.CounterpartyType.Snake(), f.StatedPurpose)).ToList(),
                collateral.Where(c => c.LoanId == l.Id).Select(c => new CollateralView(c.ExternalId, c.Type.Snake(), c.Description, c.AppraisedValue, c.AppraisedOn,
                    c.LienStatus.Snake(), c.InsuranceExpiry,
                    valuations[c.Id].Select(v => new ValuationView(v.ValuedOn, v.Value, v.Method, v.FromAppraisal)).ToList())).ToList(),
                guarantors.Where(g => g.LoanId == l.Id).Select(g => new GuarantorView(g.ExternalId, g.Kind.Snake(), g.Name,
                    reveal ? g.NationalId : MaskedId(g.Kind, g.NationalId), g.GuaranteedAmount)).ToList(),
                guarantorSignals.Where(s => guarantorById[s.GuarantorId!.Value].LoanId == l.Id)
                    .Select(s => ToView(s, guarantorById[s.GuarantorId!.Value].ExternalId)).ToList())).ToList()));
    }

    /// <summary>A guarantor's id number masked as a borrower's of the same kind (<see cref="Masking.IdNumber"/>).</summary>
    private static string? MaskedId(GuarantorKind kind, string? value) =>
        Masking.IdNumber(kind == GuarantorKind.Corporate ? BorrowerKind.Corporate : BorrowerKind.Individual, value);

    private static StatementView ToView(FinancialStatement s) => new(
        s.PeriodEnd, s.Period.Snake(), s.ReceivedOn, s.TotalAssets, s.TotalLiabilities, s.CurrentAssets, s.CurrentLiabilities,
        s.Inventory, s.Receivables, s.Revenue, s.NetProfit, s.OperatingCashFlow, s.InterestExpense, s.DebtService,
        new StatementRatiosView(Ratio(s, CovenantMetric.DebtToAsset), Ratio(s, CovenantMetric.CurrentRatio), Ratio(s, CovenantMetric.QuickRatio),
            Ratio(s, CovenantMetric.InterestCoverage), Ratio(s, CovenantMetric.Dscr)));

    private static decimal? Ratio(FinancialStatement s, CovenantMetric metric) =>
        s.Ratio(metric) is { } r ? decimal.Round(r, RatioDecimals, MidpointRounding.AwayFromZero) : null;

    private static SignalView ToView(ExternalSignal s, string? guarantor) =>
        new(s.ExternalId, s.Kind.Snake(), s.OccurredOn, s.Source, s.Summary, s.Amount, guarantor);
}
