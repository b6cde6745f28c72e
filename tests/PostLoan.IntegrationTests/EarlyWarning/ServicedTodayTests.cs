using PostLoan.Application.EarlyWarning;
using PostLoan.Domain.Classification;
using PostLoan.Domain.Delinquency;
using PostLoan.Domain.EarlyWarning.Features;
using PostLoan.Domain.Loans;
using PostLoan.Domain.Servicing;
using PostLoan.Infrastructure.EarlyWarning;
using Shouldly;

namespace PostLoan.IntegrationTests.EarlyWarning;

/// <summary>
/// Today's states and delinquency events as the alert phase puts them together after servicing: what end-of-day found
/// as it started, overlaid with what it wrote, equal to what a read after servicing gives.
/// </summary>
public sealed class ServicedTodayTests
{
    private static readonly DateOnly Today = new(2025, 7, 15);

    private static FeatureState Found(int dpd, LoanStatus status = LoanStatus.Active) =>
        new(status, dpd, 1_000.00m, RiskClass.Normal, Ifrs9Stage.Stage1, false, null);

    private static ServicedToday Of(Dictionary<long, FeatureState> states, params (long Loan, DelinquencyEvent Event)[] events) =>
        new(EodPartition.Whole, Task.FromResult(states), Task.FromResult<FeatureBuilder.EventsRead?>(new FeatureBuilder.EventsRead(Today, 3, [.. events])));

    private static StateChange Event(long loan, DateOnly on, string kind, int value) =>
        new() { LoanId = loan, BusinessDate = on, Kind = kind, NewValue = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public void Todays_states_are_those_found_with_those_servicing_wrote_in_their_place()
    {
        var today = Of(new() { [1] = Found(3), [2] = Found(0), [3] = Found(0, LoanStatus.Closed) });
        var output = new ServicingOutput();
        output.States.Add(new LoanState
        {
            LoanId = 2, Status = LoanStatus.Active, Dpd = 4, OutstandingPrincipal = 950.5m, RiskClass = RiskClass.SpecialMention, Stage = Ifrs9Stage.Stage2,
            LastRepaymentOn = Today.AddDays(-34),
        });
        output.States.Add(new LoanState { LoanId = 4, Status = LoanStatus.Active, Dpd = 0, OutstandingPrincipal = 5_000m });
        today.Add(output);

        var states = today.States();
        states.Keys.Order().ShouldBe([1L, 2, 3, 4]);
        states[1].ShouldBe(Found(3));
        states[3].Status.ShouldBe(LoanStatus.Closed);
        states[2].ShouldBe(new FeatureState(LoanStatus.Active, 4, 950.50m, RiskClass.SpecialMention, Ifrs9Stage.Stage2, false, Today.AddDays(-34)));
        // An amount has the scale a read of the stored row gives: an alert's facts write it as read.
        states[2].Outstanding.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("950.50");
        states[4].Outstanding.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("5000.00");
    }

    [Fact]
    public async Task An_event_both_found_and_written_counts_once_and_written_ones_outside_the_window_are_left_out()
    {
        var peak = new DelinquencyEvent(Today.AddDays(-1), DelinquencyEvents.Peak, 40);
        var today = Of([], (1, peak), (2, new DelinquencyEvent(Today.AddDays(-40), DelinquencyEvents.ThirtyPlus, 30)));
        var output = new ServicingOutput();
        // The read found loan 1's peak, which the run itself wrote in a chunk committed before the read began.
        output.Changes.Add(Event(1, Today.AddDays(-1), DelinquencyEvents.Peak, 40));
        output.Changes.Add(Event(1, Today, DelinquencyEvents.PartlyPaid, 500));
        output.Changes.Add(Event(3, Today.AddMonths(-3), DelinquencyEvents.ThirtyPlus, 30));
        output.Changes.Add(new StateChange { LoanId = 3, BusinessDate = Today, Kind = "bucket", OldValue = "M0", NewValue = "M1" });
        today.Add(output);

        var events = (await today.Events())!;
        events.Events.OrderBy(e => e.Loan).ThenBy(e => e.Event.Date).ShouldBe([
            (1, peak),
            (1, new DelinquencyEvent(Today, DelinquencyEvents.PartlyPaid, 500)),
            (2, new DelinquencyEvent(Today.AddDays(-40), DelinquencyEvents.ThirtyPlus, 30)),
        ]);
    }
}
