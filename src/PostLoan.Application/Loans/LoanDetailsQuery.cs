using PostLoan.Application.EndOfDay;
using Microsoft.EntityFrameworkCore;
using PostLoan.Application.Common;
using PostLoan.Application.Configuration;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Application.Loans;

public sealed record InstallmentView(
    int Number, DateOnly DueDate, decimal Principal, decimal Interest, decimal Fees,
    decimal PrincipalPaid, decimal InterestPaid, decimal FeesPaid, decimal PenaltyCharged, decimal PenaltyPaid,
    DateOnly? SettledOn, string Status);

public sealed record TransactionView(string ExternalId, string Kind, DateOnly Date, decimal Amount, string? Component, string? Reverses, bool Reversed, string? Note);

public sealed record StateChangeView(DateOnly Date, string Kind, string? From, string To, string? Rule, string Reason, string Actor);

public sealed record LoanStateView(
    DateOnly AsOf, string Status, DateOnly? StatusSince, decimal OutstandingPrincipal, decimal OverduePrincipal, decimal OverdueInterest,
    decimal OverdueFees, decimal PenaltyInterest, decimal CompoundInterest, decimal UnappliedCredit, decimal RecoveredAfterWriteOff,
    int Dpd, string Bucket, string Class, string ClassChinese, string ClassRule, string ClassReason, int Stage, string StageReason,
    decimal Provision, bool InRestructureObservation, DateOnly? ObservationEnds, DateOnly? NextDueDate, decimal NextDueAmount);

/// <remarks>The borrower's id number and phone are only ever here masked (docs/sensitive-data.md).</remarks>
public sealed record LoanDetails(
    string ExternalId, string BorrowerExternalId, string BorrowerName, string? BorrowerIdNumberMasked, string? BorrowerPhoneMasked, string Product, string Segment, string Currency,
    decimal Principal, decimal AnnualRatePercent, int TermMonths, DateOnly DisbursedOn, DateOnly FirstDueOn, DateOnly Maturity,
    string Method, int GraceDays, decimal PenaltyUpliftPercent, string? Purpose, bool EntrustedPayment, bool Restructured,
    DateOnly? RestructuredOn, bool Extended, DateOnly? BusinessDate, LoanStateView? State,
    IReadOnlyList<InstallmentView> Schedule, IReadOnlyList<TransactionView> Transactions, IReadOnlyList<StateChangeView> History);

/// <summary>
/// One loan as a person looks at it: terms, the schedule with what was paid against each installment
/// as of the business date, the servicing state end-of-day left, and the history of its changes.
/// </summary>
public sealed class LoanDetailsQuery(DatabaseSettings database, ServicingSettings settings)
{
    /// <param name="scope">Whose data the caller may see; a loan outside it is reported as not found. Null means everything (the command line).</param>
    public Result<LoanDetails> Get(string externalId, DataScope? scope = null)
    {
        using var db = database.CreateContext();
        var found = (
            from l in db.Loans.AsNoTracking()
            join b in db.Borrowers.AsNoTracking() on l.BorrowerId equals b.Id
            join s in db.LoanStates.AsNoTracking() on l.Id equals s.LoanId into states
            from s in states.DefaultIfEmpty()
            where l.ExternalId == externalId
            select new LoanHead { Loan = l, Borrower = b, State = s }).SingleOrDefault();
        if (found is null || !(scope ?? DataScope.All).Allows(found.Borrower))
            return Result<LoanDetails>.NotFound($"no loan with external id '{externalId}'");
        var (loan, borrower, state) = (found.Loan, found.Borrower, found.State);
        var business = EndOfDayService.CurrentBusinessDate(db);
        var transactions = db.Transactions.AsNoTracking().Where(t => t.LoanId == loan.Id).OrderBy(t => t.ValueDate).ThenBy(t => t.Id).ToList();
        var lines = loan.Method == RepaymentMethod.Custom
            ? db.ScheduleLines.AsNoTracking().Where(l => l.LoanId == loan.Id).OrderBy(l => l.Number).ToList()
            : [];
        var history = db.StateChanges.AsNoTracking().Where(c => c.LoanId == loan.Id).OrderBy(c => c.BusinessDate).ThenBy(c => c.Id).ToList();

        var rules = settings.RulesFor(loan.Product);
        var terms = loan.Terms(rules.DayCountBasis);
        var asOf = business ?? loan.DisbursedOn;
        var reversedIds = transactions.Where(t => t.ReversesId is not null && t.ValueDate <= asOf).Select(t => t.ReversesId!.Value).ToHashSet();
        IReadOnlyList<InstallmentStanding> standings = [];
        if (loan.Method != RepaymentMethod.Custom || lines.Count > 0)
        {
            var facts = new LoanFacts
            {
                LoanId = loan.Id,
                BorrowerId = loan.BorrowerId,
                CorporateBorrower = borrower.Kind == BorrowerKind.Corporate,
                Terms = terms,
                Rules = rules,
                CustomSchedule = loan.Method == RepaymentMethod.Custom ? lines.Select(l => l.ToInstallment()).ToArray() : null,
                PenaltyUplift = loan.PenaltyUplift,
                GraceDays = loan.GraceDays,
                RestructuredOn = loan.RestructuredOn,
                ClassBeforeRestructure = loan.ClassBeforeRestructure,
                BureauOverdueShare = borrower.BureauOverdueShare,
                BureauAsOf = borrower.BureauAsOf,
                Transactions = transactions
                    .Where(t => t.Kind != TransactionKind.Reversal && !reversedIds.Contains(t.Id) && t.ValueDate <= asOf)
                    .Select(t => new TransactionFact(t.ValueDate, t.Kind, t.Amount, t.Component))
                    .ToList(),
            };
            standings = new ServicingReplay(rules, settings.Classification).Run(facts, asOf, asOf, null).Installments;
        }

        var byId = transactions.ToDictionary(t => t.Id, t => t.ExternalId);
        return Result<LoanDetails>.Ok(new LoanDetails(
            loan.ExternalId, borrower.ExternalId, borrower.Name, Masking.IdNumber(borrower.Kind, borrower.NationalId), Masking.Phone(borrower.Phone), loan.Product, loan.Segment.Snake(), loan.Currency,
            loan.Principal, loan.AnnualRatePercent, loan.TermMonths, loan.DisbursedOn, loan.FirstDueOn,
            standings.Count > 0 ? standings[^1].Due.DueDate : terms.Maturity,
            loan.Method.ToName(), loan.GraceDays, loan.PenaltyUplift * 100m, loan.Purpose, loan.EntrustedPayment, loan.Restructured,
            loan.RestructuredOn, loan.Extended, business,
            state is null ? null : ToView(state),
            standings.Select(s => new InstallmentView(s.Due.Number, s.Due.DueDate, s.Due.Principal, s.Due.Interest, s.Due.Fees,
                s.PrincipalPaid, s.InterestPaid, s.FeesPaid, s.PenaltyCharged, s.PenaltyPaid, s.SettledOn,
                InstallmentStatus(s, asOf))).ToList(),
            transactions.Select(t => new TransactionView(t.ExternalId, t.Kind.Snake(), t.ValueDate, t.Amount, t.Component?.Snake(),
                t.ReversesId is { } r ? byId[r] : null, reversedIds.Contains(t.Id), t.Note)).ToList(),
            history.Select(c => new StateChangeView(c.BusinessDate, c.Kind, c.OldValue, c.NewValue, c.Rule, c.Reason, c.Actor)).ToList()));
    }

    private sealed class LoanHead
    {
        public required Loan Loan { get; init; }
        public required Borrower Borrower { get; init; }
        public LoanState? State { get; init; }
    }

    private static string InstallmentStatus(InstallmentStanding s, DateOnly asOf)
    {
        if (s.Unpaid <= 0) return s.SettledOn is { } d && d > s.Due.DueDate ? "paid late" : "paid";
        if (s.Due.DueDate >= asOf) return s.PrincipalPaid + s.InterestPaid + s.FeesPaid > 0 ? "part paid" : "not due";
        return "overdue";
    }

    private static LoanStateView ToView(LoanState s) => new(
        s.AsOf, s.Status.Snake(), s.StatusSince, s.OutstandingPrincipal, s.OverduePrincipal, s.OverdueInterest, s.OverdueFees,
        s.PenaltyInterest, s.CompoundInterest, s.UnappliedCredit, s.RecoveredAfterWriteOff, s.Dpd, Domain.Delinquency.Buckets.Label(s.Bucket),
        s.RiskClass.Code(), s.RiskClass.Chinese(), s.ClassRule, s.ClassReason, (int)s.Stage, s.StageReason, s.Provision,
        s.InRestructureObservation, s.ObservationEnds, s.NextDueDate, s.NextDueAmount);
}
