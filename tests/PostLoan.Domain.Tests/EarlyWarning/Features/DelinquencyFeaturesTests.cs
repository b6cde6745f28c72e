using PostLoan.Domain.EarlyWarning.Features;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.EarlyWarning.Features;

/// <summary>
/// The delinquency-history features against the replay read day by day. The loan (12,000.00, equal principal, due on
/// the 1st) pays February; misses March until 15 April (2,300.00, the arrears and a little credit); pays May; pays only
/// 500.00 on 1 June and the rest with July's installment on 1 July.
/// </summary>
public sealed class DelinquencyFeaturesTests
{
    private static readonly DateOnly AsOf = D(2024, 7, 15);

    private static readonly LoanFacts Loan = Tests.Servicing.TestLoans.Loan(
    [
        Pay(D(2024, 2, 1), 1_120m), Pay(D(2024, 4, 15), 2_300m), Pay(D(2024, 5, 1), 1_090m), Pay(D(2024, 6, 1), 500m), Pay(D(2024, 7, 1), 2_000m),
    ]);

    private static FeatureDictionary Compute(LoanFacts loan, DateOnly asOf)
    {
        var replay = Replay();
        var points = new List<Position>();
        replay.Replay(loan, DelinquencyFeatures.WindowStart(asOf), asOf, points);
        var standings = replay.Run(loan, asOf, asOf, null).Installments;
        var lastDue = standings.Select((s, k) => (s, k)).Where(x => x.s.Due.DueDate <= asOf).TakeLast(3)
            .Select(x => Standings(loan, x.s.Due.DueDate)[x.k]).ToList();
        var sink = new FeatureDictionary();
        DelinquencyFeatures.Compute(points, lastDue, asOf, sink);
        return sink;
    }

    [Fact]
    public void The_window_maxima_and_the_30_plus_count_equal_the_replay_read_day_by_day()
    {
        var daily = new List<(DateOnly Day, int Dpd)>();
        for (var d = DelinquencyFeatures.WindowStart(AsOf); d <= AsOf; d = d.AddDays(1)) daily.Add((d, d < Disbursed ? 0 : On(Loan, d).Dpd));
        int Max(int months) => daily.Where(x => x.Day > AsOf.AddMonths(-months)).Max(x => x.Dpd);
        var crossings = daily.Zip(daily.Skip(1)).Count(p => p.First.Dpd < 30 && p.Second.Dpd >= 30);

        var features = Compute(Loan, AsOf);

        features.Numbers["max_dpd_12m"].ShouldBe(Max(12));
        features.Numbers["max_dpd_6m"].ShouldBe(Max(6));
        features.Numbers["max_dpd_3m"].ShouldBe(Max(3));
        features.Numbers["times_30_plus_12m"].ShouldBe(crossings);
        // By hand: March unpaid from 1 March to 14 April is 44 days; June's remainder 29 days on 30 June.
        (Max(12), Max(3), crossings).ShouldBe((44, 29, 1));
    }

    [Fact]
    public void Partial_payments_count_the_last_three_installments_paid_in_part_by_their_due_date()
    {
        // May is paid in full (the April credit and 1,090.00); June gets 500.00 and the credit; July is paid in full.
        Compute(Loan, AsOf).Numbers["partial_payments_3"].ShouldBe(1m);
    }

    [Fact]
    public void A_loan_paying_on_time_reads_zero_everywhere()
    {
        var onTime = Tests.Servicing.TestLoans.Loan(Enumerable.Range(0, 6).Select(k => Pay(FirstDue.AddMonths(k), 1_120m - 10m * k)).ToList());

        Compute(onTime, AsOf).Numbers.Values.ShouldAllBe(v => v == 0m);
        var sink = new FeatureDictionary();
        DelinquencyFeatures.NeverOverdue(sink);
        sink.Numbers.Keys.Order().ShouldBe(DelinquencyFeatures.Names.Order());
    }

    [Fact]
    public void A_loan_already_30_plus_when_the_window_opens_has_not_gone_30_plus_in_it()
    {
        var neverPaid = Tests.Servicing.TestLoans.Loan([]);

        var features = Compute(neverPaid, D(2025, 3, 1));

        features.Numbers["times_30_plus_12m"].ShouldBe(0m); // 30 DPD on 2 March 2024, the window opens on 2 March 2024
        features.Numbers["max_dpd_12m"].ShouldBe(On(neverPaid, D(2025, 3, 1)).Dpd);
    }
}
