using PostLoan.Domain.Classification;
using Shouldly;

namespace PostLoan.Domain.Tests.Classification;

public class ClassifierTests
{
    private static readonly ClassificationPolicy Policy = ClassificationPolicy.Default;

    private static ClassResult Classify(int dpd, bool writtenOff = false, bool inObservation = false, RiskClass? before = null, decimal? bureau = null) =>
        Classifier.Classify(new ClassificationFacts(dpd, writtenOff, inObservation, before, bureau), Policy);

    [Theory]
    [InlineData(1, RiskClass.SpecialMention, "overdue")]
    [InlineData(90, RiskClass.SpecialMention, "overdue")]
    [InlineData(91, RiskClass.Substandard, "dpd_over_90")]
    [InlineData(270, RiskClass.Substandard, "dpd_over_90")]
    [InlineData(271, RiskClass.Doubtful, "dpd_over_270")]
    [InlineData(360, RiskClass.Doubtful, "dpd_over_270")]
    [InlineData(361, RiskClass.Loss, "dpd_over_360")]
    public void Dpd_thresholds_are_exclusive_and_name_their_rule(int dpd, RiskClass expected, string rule)
    {
        var result = Classify(dpd);

        result.Class.ShouldBe(expected);
        result.Rule.ShouldBe(rule);
        result.Reason.ShouldContain($"DPD {dpd}");
    }

    [Fact]
    public void Dpd_zero_is_normal_and_performing()
    {
        var result = Classify(0);

        result.Class.ShouldBe(RiskClass.Normal);
        result.Rule.ShouldBe("performing");
    }

    [Fact]
    public void Written_off_is_loss_even_without_arrears()
    {
        var result = Classify(0, writtenOff: true);

        result.Class.ShouldBe(RiskClass.Loss);
        result.Rule.ShouldBe("written_off");
    }

    [Fact]
    public void Bureau_share_above_20_percent_is_substandard()
    {
        var result = Classify(0, bureau: 0.21m);

        result.Class.ShouldBe(RiskClass.Substandard);
        result.Rule.ShouldBe("bureau_overdue_share");
    }

    [Fact]
    public void Bureau_share_of_exactly_20_percent_does_not_fire()
    {
        Classify(0, bureau: 0.20m).ShouldBe(ClassResult.Performing);
        Classify(5, bureau: 0.20m).Rule.ShouldBe("overdue");
    }

    [Fact]
    public void Bureau_rule_wins_over_a_lighter_overdue_rule()
    {
        var result = Classify(10, bureau: 0.5m);

        result.Class.ShouldBe(RiskClass.Substandard);
        result.Rule.ShouldBe("bureau_overdue_share");
    }

    [Fact]
    public void Restructured_performing_loan_in_observation_is_at_least_special_mention()
    {
        var result = Classify(0, inObservation: true, before: RiskClass.Normal);

        result.Class.ShouldBe(RiskClass.SpecialMention);
        result.Rule.ShouldBe("restructured");
    }

    [Fact]
    public void Restructured_loan_without_a_known_former_class_is_special_mention() =>
        Classify(0, inObservation: true).Rule.ShouldBe("restructured");

    [Theory]
    [InlineData(RiskClass.Substandard)]
    [InlineData(RiskClass.Doubtful)]
    [InlineData(RiskClass.Loss)]
    public void Restructured_from_non_performing_keeps_its_former_class_during_observation(RiskClass before)
    {
        var result = Classify(0, inObservation: true, before: before);

        result.Class.ShouldBe(before);
        result.Rule.ShouldBe("restructured_npl");
    }

    [Fact]
    public void Restructured_from_doubtful_is_never_better_than_doubtful_even_past_90_days()
    {
        // DPD 95 alone gives substandard; SPEC §5: a restructured loan is never better than its class
        // before restructuring during observation, and the worst rule wins.
        var result = Classify(95, inObservation: true, before: RiskClass.Doubtful);

        result.Class.ShouldBe(RiskClass.Doubtful);
        result.Rule.ShouldBe("restructured_npl");
    }

    [Fact]
    public void On_equal_classes_the_dpd_rule_gives_the_reason()
    {
        Classify(95, inObservation: true, before: RiskClass.Substandard).Rule.ShouldBe("dpd_over_90");
        Classify(95, bureau: 0.5m).Rule.ShouldBe("dpd_over_90");
    }

    [Fact]
    public void Restructured_loan_past_360_days_is_loss_by_dpd()
    {
        var result = Classify(400, inObservation: true, before: RiskClass.Substandard);

        result.Class.ShouldBe(RiskClass.Loss);
        result.Rule.ShouldBe("dpd_over_360");
    }

    [Fact]
    public void Restructured_loan_after_observation_is_classified_normally() =>
        Classify(0, inObservation: false, before: RiskClass.Doubtful).ShouldBe(ClassResult.Performing);

    [Fact]
    public void Cross_default_fires_above_10_percent_only()
    {
        Classifier.CrossDefaultFloor(10_000m, 100_000m, Policy).ShouldBeNull();
        var floor = Classifier.CrossDefaultFloor(10_000.01m, 100_000m, Policy);
        floor.ShouldNotBeNull();
        floor.Value.Class.ShouldBe(RiskClass.Substandard);
        floor.Value.Rule.ShouldBe("cross_default");
    }

    [Fact]
    public void Cross_default_with_no_balance_does_not_fire() =>
        Classifier.CrossDefaultFloor(0m, 0m, Policy).ShouldBeNull();

    [Fact]
    public void Cross_default_threshold_is_configuration()
    {
        var strict = Policy with { CrossDefaultShare = 0.05m };

        Classifier.CrossDefaultFloor(6_000m, 100_000m, strict).ShouldNotBeNull();
        Classifier.CrossDefaultFloor(6_000m, 100_000m, Policy).ShouldBeNull();
    }

    [Theory]
    [InlineData(0, RiskClass.Normal, Ifrs9Stage.Stage1)]
    [InlineData(1, RiskClass.SpecialMention, Ifrs9Stage.Stage2)]
    [InlineData(0, RiskClass.SpecialMention, Ifrs9Stage.Stage2)]
    [InlineData(31, RiskClass.SpecialMention, Ifrs9Stage.Stage2)]
    [InlineData(91, RiskClass.Substandard, Ifrs9Stage.Stage3)]
    [InlineData(0, RiskClass.Substandard, Ifrs9Stage.Stage3)]
    [InlineData(0, RiskClass.Loss, Ifrs9Stage.Stage3)]
    public void Stage_follows_dpd_and_class(int dpd, RiskClass riskClass, Ifrs9Stage expected) =>
        Classifier.Stage(dpd, riskClass, onWatchList: false, pdDoubled: false, Policy).Stage.ShouldBe(expected);

    [Fact]
    public void Stage_uses_dpd_even_when_the_class_is_better()
    {
        // A class override can leave a loan normal; DPD > 30 still puts it in stage 2, DPD > 90 in stage 3.
        Classifier.Stage(31, RiskClass.Normal, false, false, Policy).Stage.ShouldBe(Ifrs9Stage.Stage2);
        Classifier.Stage(30, RiskClass.Normal, false, false, Policy).Stage.ShouldBe(Ifrs9Stage.Stage1);
        Classifier.Stage(91, RiskClass.SpecialMention, false, false, Policy).Stage.ShouldBe(Ifrs9Stage.Stage3);
    }

    [Fact]
    public void Watch_list_or_doubled_pd_moves_a_normal_loan_to_stage_2()
    {
        Classifier.Stage(0, RiskClass.Normal, onWatchList: true, pdDoubled: false, Policy).Stage.ShouldBe(Ifrs9Stage.Stage2);
        Classifier.Stage(0, RiskClass.Normal, onWatchList: false, pdDoubled: true, Policy).Stage.ShouldBe(Ifrs9Stage.Stage2);
    }

    [Theory]
    [InlineData(RiskClass.Normal, "1234.57")]        // 123,456.78 × 1 %  = 1,234.5678 → 1,234.57
    [InlineData(RiskClass.SpecialMention, "2469.14")] // × 2 %  = 2,469.1356 → 2,469.14
    [InlineData(RiskClass.Substandard, "30864.20")]   // × 25 % = 30,864.195 → 30,864.20 (midpoint away from zero)
    [InlineData(RiskClass.Doubtful, "61728.39")]      // × 50 % = 61,728.39
    [InlineData(RiskClass.Loss, "123456.78")]         // × 100 %
    public void Provision_by_class_uses_the_default_rates_rounded(RiskClass riskClass, string expected) =>
        Classifier.Provision(123_456.78m, riskClass, Policy)
            .ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Non_performing_is_substandard_and_worse()
    {
        RiskClass.SpecialMention.IsNonPerforming().ShouldBeFalse();
        RiskClass.Substandard.IsNonPerforming().ShouldBeTrue();
        RiskClass.Loss.IsNonPerforming().ShouldBeTrue();
    }

    [Fact]
    public void An_open_red_alert_makes_a_performing_loan_special_mention_and_never_improves_a_worse_class()
    {
        var performing = Classifier.Classify(new ClassificationFacts(0, false, false, null, null, OpenRedAlert: true), Policy);
        performing.Class.ShouldBe(RiskClass.SpecialMention);
        performing.Rule.ShouldBe("red_alert_open");

        var overdue = Classifier.Classify(new ClassificationFacts(120, false, false, null, null, OpenRedAlert: true), Policy);
        overdue.Class.ShouldBe(RiskClass.Substandard);
        overdue.Rule.ShouldBe("dpd_over_90");
    }
}
