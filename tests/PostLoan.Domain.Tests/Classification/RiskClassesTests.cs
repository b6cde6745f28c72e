using PostLoan.Domain.Classification;
using Shouldly;

namespace PostLoan.Domain.Tests.Classification;

public class RiskClassesTests
{
    [Theory]
    [InlineData(RiskClass.Normal, "normal", "正常")]
    [InlineData(RiskClass.SpecialMention, "special_mention", "关注")]
    [InlineData(RiskClass.Substandard, "substandard", "次级")]
    [InlineData(RiskClass.Doubtful, "doubtful", "可疑")]
    [InlineData(RiskClass.Loss, "loss", "损失")]
    public void Each_class_has_a_code_and_a_chinese_name_that_parse_back(RiskClass riskClass, string code, string chinese)
    {
        riskClass.Code().ShouldBe(code);
        riskClass.Chinese().ShouldBe(chinese);
        RiskClasses.TryParse(code.ToUpperInvariant(), out var fromCode).ShouldBeTrue();
        fromCode.ShouldBe(riskClass);
        RiskClasses.TryParse($" {chinese} ", out var fromChinese).ShouldBeTrue();
        fromChinese.ShouldBe(riskClass);
    }

    [Fact]
    public void Unknown_class_name_does_not_parse() => RiskClasses.TryParse("watch", out _).ShouldBeFalse();

    [Fact]
    public void Classes_are_ordered_from_best_to_worst() =>
        Enum.GetValues<RiskClass>().ShouldBe([RiskClass.Normal, RiskClass.SpecialMention, RiskClass.Substandard, RiskClass.Doubtful, RiskClass.Loss]);
}
