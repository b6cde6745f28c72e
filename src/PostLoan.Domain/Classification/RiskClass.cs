namespace PostLoan.Domain.Classification;

/// <summary>五级分类, ordered from best to worst so that a larger value is a worse class.</summary>
public enum RiskClass
{
    /// <summary>正常</summary>
    Normal,
    /// <summary>关注</summary>
    SpecialMention,
    /// <summary>次级</summary>
    Substandard,
    /// <summary>可疑</summary>
    Doubtful,
    /// <summary>损失</summary>
    Loss,
}

public static class RiskClasses
{
    /// <summary>Non-performing (不良) = substandard, doubtful or loss.</summary>
    public static bool IsNonPerforming(this RiskClass c) => c >= RiskClass.Substandard;

    public static string Chinese(this RiskClass c) => c switch
    {
        RiskClass.Normal => "正常",
        RiskClass.SpecialMention => "关注",
        RiskClass.Substandard => "次级",
        RiskClass.Doubtful => "可疑",
        _ => "损失",
    };

    /// <summary>snake_case name used in files and JSON: normal, special_mention, substandard, doubtful, loss.</summary>
    public static string Code(this RiskClass c) => c switch
    {
        RiskClass.Normal => "normal",
        RiskClass.SpecialMention => "special_mention",
        RiskClass.Substandard => "substandard",
        RiskClass.Doubtful => "doubtful",
        _ => "loss",
    };

    public static bool TryParse(string? text, out RiskClass value)
    {
        foreach (var c in Enum.GetValues<RiskClass>())
        {
            if (string.Equals(c.Code(), text?.Trim(), StringComparison.OrdinalIgnoreCase) || c.Chinese() == text?.Trim())
            {
                value = c;
                return true;
            }
        }
        value = default;
        return false;
    }
}
