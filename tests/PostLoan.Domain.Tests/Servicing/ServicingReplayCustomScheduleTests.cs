using PostLoan.Domain.Classification;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Schedules;
using PostLoan.Domain.Servicing;
using Shouldly;

namespace PostLoan.Domain.Tests.Servicing;

/// <summary>
/// Servicing of an imported (custom) schedule, typical for project finance: 3,000.00 in three
/// installments of 1,000.00 principal with imported interest 30.00, 20.00 and 10.00, disbursed
/// 1 Jan 2024 at 12 %. Penalty rate per day = 0.12 × 1.5 / 360 = 0.0005.
/// </summary>
public class ServicingReplayCustomScheduleTests
{
    private static readonly DateOnly Disbursed = new(2024, 1, 1);

    private static Installment[] Imported() =>
    [
        new(1, new DateOnly(2024, 2, 1), 1_000.00m, 30.00m),
        new(2, new DateOnly(2024, 3, 1), 1_000.00m, 20.00m),
        new(3, new DateOnly(2024, 4, 1), 1_000.00m, 10.00m),
    ];

    private static LoanFacts CustomLoan(params TransactionFact[] transactions) => new()
    {
        LoanId = 7,
        BorrowerId = 7,
        CorporateBorrower = true,
        Terms = new ScheduleTerms(3_000.00m, 0.12m, 3, RepaymentMethod.Custom, new DateOnly(2024, 2, 1), Disbursed),
        CustomSchedule = Imported(),
        Transactions = transactions,
    };

    private static (ReplayOutcome Outcome, List<Position> Points) Run(LoanFacts loan, DateOnly from, DateOnly to)
    {
        var points = new List<Position>();
        var outcome = new ServicingReplay(ProductRules.Default, ClassificationPolicy.Default).Run(loan, from, to, points);
        return (outcome, points);
    }

    private static TransactionFact Pay(DateOnly date, decimal amount) => new(date, TransactionKind.Repayment, amount);

    [Fact]
    public void Imported_installments_fall_due_and_accrue_penalty_as_imported()
    {
        // On 1 Mar installment 1 has been overdue 29 days (2 Feb – 1 Mar 2024): penalty 29 × round(1,000 × 0.0005) = 14.50,
        // compound 29 × round(30 × 0.0005 = 0.015) = 29 × 0.02 = 0.58. Installment 2 falls due that day and accrues nothing yet.
        var (_, points) = Run(CustomLoan(), new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 1));
        var p = points[^1];

        p.Dpd.ShouldBe(29);
        p.OldestUnpaidDue.ShouldBe(new DateOnly(2024, 2, 1));
        p.OverduePrincipal.ShouldBe(2_000.00m);
        p.OverdueInterest.ShouldBe(50.00m);
        p.PenaltyInterest.ShouldBe(14.50m);
        p.CompoundInterest.ShouldBe(0.58m);
        p.NextDueDate.ShouldBe(new DateOnly(2024, 4, 1));
        p.NextDueAmount.ShouldBe(1_010.00m);
    }

    [Fact]
    public void Prepayment_on_an_imported_schedule_comes_off_the_last_installments_and_keeps_their_interest()
    {
        // 2,030.00 on 15 Jan: 1,030.00 waits for installment 1, 1,000.00 prepays principal, taken from installment 3.
        var loan = CustomLoan(Pay(new DateOnly(2024, 1, 15), 2_030.00m));

        var (outcome, points) = Run(loan, new DateOnly(2024, 1, 15), new DateOnly(2024, 2, 1));

        points[0].OutstandingPrincipal.ShouldBe(2_000.00m);
        points[0].UnappliedCredit.ShouldBe(1_030.00m);
        var s = outcome.Installments;
        s.Select(i => i.Due.Principal).ShouldBe([1_000.00m, 1_000.00m, 0m]);
        s.Select(i => i.Due.Interest).ShouldBe([30.00m, 20.00m, 10.00m]);
        s.Sum(i => i.Due.Principal).ShouldBe(2_000.00m);
        s[0].SettledOn.ShouldBe(new DateOnly(2024, 2, 1));
        points[^1].OutstandingPrincipal.ShouldBe(1_000.00m);
        points[^1].UnappliedCredit.ShouldBe(0m);
        points[^1].Status.ShouldBe(LoanStatus.Active);
    }

    [Fact]
    public void Full_payoff_of_an_imported_schedule_closes_the_loan_that_day()
    {
        // 3,030.00 on 15 Jan: installment 1 (1,030.00) plus the 2,000.00 principal of installments 2 and 3.
        // With no principal left the imported interest of installments 2 and 3 is not owed, so nothing falls due later.
        var loan = CustomLoan(Pay(new DateOnly(2024, 1, 15), 3_030.00m));

        var (outcome, points) = Run(loan, new DateOnly(2024, 1, 15), new DateOnly(2024, 4, 30));

        var last = points[^1];
        last.Date.ShouldBe(new DateOnly(2024, 1, 15));
        last.Status.ShouldBe(LoanStatus.Closed);
        last.StatusSince.ShouldBe(new DateOnly(2024, 1, 15));
        last.OutstandingPrincipal.ShouldBe(0m);
        last.UnappliedCredit.ShouldBe(0m);
        outcome.NextReview.ShouldBeNull();
        outcome.Installments.ShouldAllBe(i => i.Unpaid == 0m);
        outcome.Installments.Skip(1).ShouldAllBe(i => i.Due.Payment == 0m);
    }
}
