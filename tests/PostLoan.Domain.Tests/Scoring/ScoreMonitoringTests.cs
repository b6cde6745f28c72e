using PostLoan.Domain.Scoring;
using Shouldly;

namespace PostLoan.Domain.Tests.Scoring;

public sealed class ScoreMonitoringTests
{
    private static readonly double[] OneToHundred = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

    [Fact]
    public void The_same_distribution_has_a_psi_of_zero()
    {
        var result = ScoreMonitoring.Psi(OneToHundred, OneToHundred);
        result.Psi.ShouldBe(0, 1e-12);
        result.Bands.Count.ShouldBe(10);
        result.Bands.Select(b => b.Upper).ShouldBe([10, 20, 30, 40, 50, 60, 70, 80, 90, null]);
        result.Alert.ShouldBeFalse();
    }

    [Fact]
    public void A_population_moved_to_the_tails_has_the_hand_computed_psi()
    {
        // Half the current scores fall in the lowest decile band, half in the highest; the eight bands between are empty.
        double[] current = [.. Enumerable.Repeat(5.0, 50), .. Enumerable.Repeat(95.0, 50)];
        var result = ScoreMonitoring.Psi(OneToHundred, current);
        // 2 × (0.5 − 0.1)·ln(0.5 / 0.1) + 8 × (0.0001 − 0.1)·ln(0.0001 / 0.1)
        var expected = 2 * 0.4 * Math.Log(5) + 8 * (0.0001 - 0.1) * Math.Log(0.001);
        result.Psi.ShouldBe(expected, 1e-9);
        result.Alert.ShouldBeTrue();
        result.Bands[0].Actual.ShouldBe(50);
        result.Bands[0].Expected.ShouldBe(10);
    }

    [Fact]
    public void A_small_shift_stays_below_the_alert_line()
    {
        var shifted = OneToHundred.Select(v => v + 3).ToArray();
        var result = ScoreMonitoring.Psi(OneToHundred, shifted);
        result.Psi.ShouldBeGreaterThan(0);
        result.Psi.ShouldBeLessThan(PsiResult.AlertAbove);
    }

    [Fact]
    public void Calibration_bands_hold_equal_counts_by_predicted_pd_with_the_bad_rate_that_followed()
    {
        double[] pd = [0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 1.0];
        bool[] bad = [true, false, false, true, false, false, true, true, false, true];
        var bands = ScoreMonitoring.Calibration(pd, bad, bands: 5);
        bands.Select(b => b.Loans).ShouldBe([2, 2, 2, 2, 2]);
        bands.Select(b => (b.PdFrom, b.PdTo)).ShouldBe([(0.1, 0.2), (0.3, 0.4), (0.5, 0.6), (0.7, 0.8), (0.9, 1.0)]);
        bands[0].MeanPd.ShouldBe(0.15, 1e-12);
        bands.Select(b => b.Bad).ShouldBe([0, 1, 1, 1, 2]);
        bands[4].BadRate.ShouldBe(1.0);
    }
}
