using PostLoan.Domain.Delinquency;
using PostLoan.Domain.EarlyWarning.Features;
using PostLoan.Domain.Servicing;
using Shouldly;
using static PostLoan.Domain.Tests.Servicing.TestLoans;

namespace PostLoan.Domain.Tests.EarlyWarning.Features;

/// <summary>
/// The delinquency events servicing records and the features read from them, against the replay read day by day. The
/// loan (12,000.00, equal principal, due on the 1st) pays February; misses March until 15 April (2,300.00, the arrears
/// and a little credit); pays May; pays only 500.00 on 1 June and the rest with July's installment on 1 July.
/// </summary>
public sealed class DelinquencyFeaturesTests
{
    private static readonly DateOnly AsOf = D(2024, 7, 15);

    private static readonly LoanFacts Loan = Tests.Servicing.TestLoans.Loan(
    [
        Pay(D(2024, 2, 1), 1_120m), Pay(D(2024, 4, 15), 2_300m), Pay(D(2024, 5, 1), 1_090m), Pay(D(2024, 6, 1), 500m), Pay(D(2024, 7, 1), 2_000m),
    ]);

    /// <summary>The events of one run over the whole history.</summary>
    private static List<DelinquencyEvent> CatchUp(LoanFacts loan, DateOnly through)
    {
        var output = new ServicingOutput();
        new BorrowerServicing(Replay()).Service([loan], new Dictionary<long, StateBaseline>(), loan.DisbursedOn, through, output);
        return Events(output);
    }

    /// <summary>The events of one run a day, each starting from the state the last one left, as end-of-day does.</summary>
    private static List<DelinquencyEvent> DayByDay(LoanFacts loan, DateOnly through)
    {
        var servicing = new BorrowerServicing(Replay());
        var baseline = new Dictionary<long, StateBaseline>();
        var events = new List<DelinquencyEvent>();
        for (var d = loan.DisbursedOn; d <= through; d = d.AddDays(1))
        {
            var output = new ServicingOutput();
            servicing.Service([loan], baseline, d, d, output);
            events.AddRange(Events(output));
            var s = output.States.Single();
            baseline[loan.LoanId] = new StateBaseline(s.Status, s.Bucket, s.RiskClass, s.Stage, s.Dpd, s.AsOf);
        }
        return events;
    }

    private static List<DelinquencyEvent> Events(ServicingOutput output) =>
        [.. output.Changes.Where(c => DelinquencyEvents.IsEvent(c.Kind)).Select(c => new DelinquencyEvent(c.BusinessDate, c.Kind, int.Parse(c.NewValue)))];

    private static FeatureDictionary Features(LoanFacts loan, IReadOnlyList<DelinquencyEvent> events, DateOnly asOf)
    {
        var sink = new FeatureDictionary();
        DelinquencyFeatures.Compute(On(loan, asOf).Dpd, events, asOf, sink);
        return sink;
    }

    [Fact]
    public void The_window_maxima_and_the_30_plus_count_equal_the_replay_read_day_by_day()
    {
        var daily = new List<(DateOnly Day, int Dpd)>();
        for (var d = AsOf.AddMonths(-12).AddDays(1); d <= AsOf; d = d.AddDays(1)) daily.Add((d, d < Disbursed ? 0 : On(Loan, d).Dpd));
        int Max(int months) => daily.Where(x => x.Day > AsOf.AddMonths(-months)).Max(x => x.Dpd);
        var crossings = daily.Zip(daily.Skip(1)).Count(p => p.First.Dpd < 30 && p.Second.Dpd >= 30);

        var features = Features(Loan, CatchUp(Loan, AsOf), AsOf);

        features.Numbers["max_dpd_12m"].ShouldBe(Max(12));
        features.Numbers["max_dpd_6m"].ShouldBe(Max(6));
        features.Numbers["max_dpd_3m"].ShouldBe(Max(3));
        features.Numbers["times_30_plus_12m"].ShouldBe(crossings);
        // By hand: March unpaid from 1 March to 14 April is 44 days; June's remainder 29 days on 30 June.
        (Max(12), Max(3), crossings).ShouldBe((44, 29, 1));
    }

    [Fact]
    public void Each_feature_reads_the_same_from_the_events_of_its_own_window_alone()
    {
        var events = CatchUp(Loan, AsOf);
        var whole = Features(Loan, events, AsOf);

        foreach (var name in DelinquencyFeatures.Names)
        {
            var months = DelinquencyFeatures.WindowOf([name]);
            var within = events.Where(e => e.Date > AsOf.AddMonths(-months)).ToList();
            Features(Loan, within, AsOf).Numbers[name].ShouldBe(whole.Numbers[name], name);
        }
        // This loan's 44 days were in March: outside three months, inside six, so the windows do differ.
        DelinquencyFeatures.WindowOf(["max_dpd_3m"]).ShouldBe(3);
        DelinquencyFeatures.WindowOf(["max_dpd_3m", "partial_payments_6m"]).ShouldBe(6);
        DelinquencyFeatures.WindowOf(["dpd", "times_30_plus_12m"]).ShouldBe(12);
        DelinquencyFeatures.WindowOf(["dpd"]).ShouldBe(0);
        Features(Loan, [.. events.Where(e => e.Date > AsOf.AddMonths(-3))], AsOf).Numbers["max_dpd_12m"].ShouldNotBe(whole.Numbers["max_dpd_12m"]);
    }

    [Fact]
    public void Runs_of_one_day_record_the_same_events_as_one_run_over_the_history()
    {
        DayByDay(Loan, AsOf).ShouldBe(CatchUp(Loan, AsOf), ignoreOrder: true);
    }

    [Fact]
    public void Partial_payments_count_the_installments_paid_in_part_by_their_due_date()
    {
        // May is paid in full (the April credit and 1,090.00); June gets 500.00 and the credit; July is paid in full.
        var events = CatchUp(Loan, AsOf);
        events.Where(e => e.Kind == DelinquencyEvents.PartlyPaid).ShouldBe([new DelinquencyEvent(D(2024, 6, 1), DelinquencyEvents.PartlyPaid, 1)]);
        Features(Loan, events, AsOf).Numbers["partial_payments_6m"].ShouldBe(1m);
        Features(Loan, events, D(2024, 12, 15)).Numbers["partial_payments_6m"].ShouldBe(0m); // more than six months back
    }

    [Fact]
    public void A_loan_paying_on_time_records_no_event_and_reads_zero_everywhere()
    {
        var onTime = Tests.Servicing.TestLoans.Loan(Enumerable.Range(0, 6).Select(k => Pay(FirstDue.AddMonths(k), 1_120m - 10m * k)).ToList());

        var events = CatchUp(onTime, AsOf);

        events.ShouldBeEmpty();
        Features(onTime, events, AsOf).Numbers.Values.ShouldAllBe(v => v == 0m);
        var none = new FeatureDictionary();
        DelinquencyFeatures.Compute(null, [], AsOf, none);
        none.Numbers.Keys.Order().ShouldBe(DelinquencyFeatures.Names.Order());
        none.Numbers.Values.ShouldAllBe(v => v == null);
    }

    [Fact]
    public void A_loan_already_30_plus_when_the_window_opens_has_not_gone_30_plus_in_it()
    {
        var neverPaid = Tests.Servicing.TestLoans.Loan([]);
        var asOf = D(2025, 3, 2);

        var features = Features(neverPaid, DayByDay(neverPaid, asOf), asOf);

        features.Numbers["times_30_plus_12m"].ShouldBe(0m); // 30 DPD on 2 March 2024: the window is the days after it
        Features(neverPaid, DayByDay(neverPaid, asOf), D(2025, 3, 1)).Numbers["times_30_plus_12m"].ShouldBe(1m);
        features.Numbers["max_dpd_12m"].ShouldBe(On(neverPaid, asOf).Dpd);
    }
}
