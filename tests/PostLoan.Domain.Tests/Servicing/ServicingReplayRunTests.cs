using PostLoan.Domain.Classification;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.Servicing;

public class ServicingReplayRunTests
{
    [Fact]
    public void Positions_are_recorded_on_dpd_thresholds_and_month_ends()
    {
        var (_, points) = Run(Loan(), D(2024, 2, 1), D(2024, 5, 31));
        var dates = points.Select(p => p.Date).ToList();

        // 1 Feb + 31 days = 3 Mar (DPD 31), + 91 days = 2 May (DPD 91).
        points.Single(p => p.Date == D(2024, 3, 3)).Dpd.ShouldBe(31);
        points.Single(p => p.Date == D(2024, 5, 2)).Dpd.ShouldBe(91);
        dates.ShouldContain(D(2024, 2, 29));
        dates.ShouldContain(D(2024, 3, 31));
        dates.ShouldContain(D(2024, 4, 30));
        dates.ShouldContain(D(2024, 5, 31));
        points.Where(p => p.IsMonthEnd).Select(p => p.Date).ShouldBe([D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30), D(2024, 5, 31)]);
        dates.ShouldAllBe(d => d >= D(2024, 2, 1) && d <= D(2024, 5, 31));
        dates.ShouldBe(dates.Order().Distinct().ToList());
    }

    [Fact]
    public void No_positions_before_from()
    {
        var (_, points) = Run(Loan(), D(2024, 3, 10), D(2024, 3, 20));

        points.ShouldNotBeEmpty();
        points[0].Date.ShouldBeGreaterThanOrEqualTo(D(2024, 3, 10));
        points[^1].Date.ShouldBe(D(2024, 3, 20));
    }

    [Fact]
    public void One_run_over_a_range_ends_where_day_by_day_runs_end()
    {
        var loan = Loan(
        [
            Pay(D(2024, 1, 25), 300.00m),
            new TransactionFact(D(2024, 1, 28), TransactionKind.Fee, 15.00m),
            Pay(D(2024, 2, 3), 820.00m),
            Pay(D(2024, 3, 12), 1_000.00m),
            new TransactionFact(D(2024, 3, 20), TransactionKind.Waiver, 1.00m, AllocationComponent.Penalty),
            Pay(D(2024, 4, 30), 2_500.00m),
            Pay(D(2024, 6, 15), 700.00m),
        ], graceDays: 2);
        var from = D(2024, 1, 1);
        var to = D(2024, 7, 31);

        var (rangeOutcome, range) = Run(loan, from, to);

        var replay = Replay();
        Position dayByDay = default;
        ReplayOutcome? lastOutcome = null;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var points = new List<Position>();
            lastOutcome = replay.Run(loan, d, d, points);
            dayByDay = points[^1];
            if (range.FirstOrDefault(p => p.Date == d) is { Date.Year: > 1 } same) dayByDay.ShouldBe(same, $"position on {d}");
        }
        dayByDay.ShouldBe(range[^1]);
        lastOutcome!.Installments.ShouldBe(rangeOutcome.Installments);
        range[^1].Dpd.ShouldBeGreaterThan(0); // the scenario ends in arrears, so penalty is in play
        range[^1].PenaltyInterest.ShouldBeGreaterThan(0m);
    }

    [Fact]
    public void One_run_matches_day_by_day_runs_through_a_restructuring_and_a_bureau_report()
    {
        // 24,000.00 over 24 months (installment k pays 1,000.00 + (25 − k) × 10.00), restructured from normal;
        // installment 4 (1 May) is paid 10 days late, installment 9 never.
        var terms = Terms12k with { Principal = 24_000m, Months = 24 };
        var payments = Enumerable.Range(1, 14).Where(k => k != 9)
            .Select(k => Pay(k == 4 ? D(2024, 5, 11) : FirstDue.AddMonths(k - 1), 1_000m + (25 - k) * 10m + (k == 4 ? 20m : 0m)))
            .ToList();
        var loan = Loan(payments, terms: terms, restructuredOn: D(2024, 1, 20), classBeforeRestructure: RiskClass.Normal,
            bureauShare: 0.3m, bureauAsOf: D(2024, 7, 10), graceDays: 1);
        var from = D(2024, 1, 1);
        var to = D(2025, 3, 31);

        var (_, range) = Run(loan, from, to);

        var replay = Replay();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var points = new List<Position>();
            replay.Run(loan, d, d, points);
            if (range.FirstOrDefault(p => p.Date == d) is { Date.Year: > 1 } same) points[^1].ShouldBe(same, $"position on {d}");
            if (d == to) points[^1].ShouldBe(range[^1]);
        }
        range.ShouldContain(p => p.OwnClass.Rule == "restructured");
        range.ShouldContain(p => p.OwnClass.Rule == "bureau_overdue_share");
    }

    [Fact]
    public void Overdue_loan_is_reviewed_every_day_from_the_day_it_fell_overdue()
    {
        var p = On(Loan(), D(2024, 2, 10));
        var later = On(Loan(), D(2024, 2, 20));

        p.NextReview.ShouldBe(FirstDue.AddDays(1));
        later.NextReview.ShouldBe(FirstDue.AddDays(1));
        p.NextReview!.Value.ShouldBeLessThanOrEqualTo(D(2024, 2, 11));
    }

    [Fact]
    public void Performing_loan_is_reviewed_on_its_next_due_date()
    {
        var loan = Loan([Pay(FirstDue, 1_120.00m)]);

        On(loan, D(2024, 1, 15)).NextReview.ShouldBe(FirstDue);
        var (outcome, points) = Run(loan, D(2024, 2, 10), D(2024, 2, 10));
        points[^1].NextReview.ShouldBe(D(2024, 3, 1));
        outcome.NextReview.ShouldBe(D(2024, 3, 1));
        points[^1].NextDueDate.ShouldBe(D(2024, 3, 1));
        points[^1].NextDueAmount.ShouldBe(1_110.00m);
    }
}
