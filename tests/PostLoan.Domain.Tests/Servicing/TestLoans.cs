using PostLoan.Domain.Classification;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Domain.Servicing;

namespace PostLoan.Domain.Tests.Servicing;

/// <summary>
/// The loan most servicing tests use, chosen so that every figure can be checked by hand:
/// 12,000.00 at 12 % over 12 months, equal principal, disbursed 1 Jan 2024, first due 1 Feb 2024.
/// Each installment repays 1,000.00 principal plus 1 % of the balance: 120.00, 110.00, 100.00, …
/// Penalty rate per day = 0.12 × 1.5 / 360 = 0.0005, so a day's penalty on 1,000.00 principal is
/// 0.50 and a day's compound interest on 120.00 interest is 0.06.
/// </summary>
internal static class TestLoans
{
    public static readonly DateOnly Disbursed = new(2024, 1, 1);
    public static readonly DateOnly FirstDue = new(2024, 2, 1);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static ScheduleTerms Terms12k => new(12_000m, 0.12m, 12, RepaymentMethod.EqualPrincipal, FirstDue, Disbursed);

    public static LoanFacts Loan(
        IReadOnlyList<TransactionFact>? transactions = null,
        ScheduleTerms? terms = null,
        ProductRules? rules = null,
        int graceDays = 0,
        decimal penaltyUplift = 0.5m,
        DateOnly? restructuredOn = null,
        RiskClass? classBeforeRestructure = null,
        decimal? bureauShare = null,
        DateOnly? bureauAsOf = null,
        long loanId = 1,
        long borrowerId = 1,
        bool corporate = false) => new()
        {
            LoanId = loanId,
            BorrowerId = borrowerId,
            CorporateBorrower = corporate,
            Terms = terms ?? Terms12k,
            Rules = rules,
            GraceDays = graceDays,
            PenaltyUplift = penaltyUplift,
            RestructuredOn = restructuredOn,
            ClassBeforeRestructure = classBeforeRestructure,
            BureauOverdueShare = bureauShare,
            BureauAsOf = bureauAsOf,
            Transactions = transactions ?? [],
        };

    public static TransactionFact Pay(DateOnly date, decimal amount) => new(date, TransactionKind.Repayment, amount);

    public static ServicingReplay Replay() => new(ProductRules.Default, ClassificationPolicy.Default);

    public static (ReplayOutcome Outcome, List<Position> Points) Run(LoanFacts loan, DateOnly from, DateOnly to)
    {
        var points = new List<Position>();
        var outcome = Replay().Run(loan, from, to, points);
        return (outcome, points);
    }

    /// <summary>The loan's position at the end of <paramref name="date"/>.</summary>
    public static Position On(LoanFacts loan, DateOnly date) => Run(loan, date, date).Points[^1];

    /// <summary>The installments' standings at the end of <paramref name="date"/>.</summary>
    public static IReadOnlyList<InstallmentStanding> Standings(LoanFacts loan, DateOnly date) => Run(loan, date, date).Outcome.Installments;
}
