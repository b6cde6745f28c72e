using System.Globalization;
using PostLoan.Domain.Classification;

namespace PostLoan.Application.Inspections.Briefings;

/// <summary>
/// The words and number formats the briefing writers share, so that Markdown, XLSX and PDF name a code and round a
/// figure the same way. Every format is invariant culture. A code the briefing does not know is shown as given
/// rather than hidden, so that a new method or kind still appears in the report.
/// </summary>
public static class BriefingText
{
    /// <summary>Shown where a figure has nothing to divide by (a rate with nothing planned) or is unknown.</summary>
    public const string Missing = "—";

    public const string Title = "贷后/回访工作简报";
    public const string TitleEnglish = "Post-loan inspection and visit briefing";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Visit methods: <c>phone</c>, <c>on_site</c>, <c>online_check</c>.</summary>
    public static string Method(string code) => Normalise(code) switch
    {
        "phone" => "电话",
        "on_site" => "现场",
        "online_check" => "线上核查",
        _ => code,
    };

    /// <summary>Alert severities: <c>red</c>, <c>orange</c>, <c>yellow</c>.</summary>
    public static string Severity(string code) => Normalise(code) switch
    {
        "red" => "红",
        "orange" => "橙",
        "yellow" => "黄",
        _ => code,
    };

    /// <summary>Five-class codes as in <see cref="RiskClasses.Code"/>; the Chinese names come from the domain.</summary>
    public static string RiskClassName(string code) => RiskClasses.TryParse(code, out var c) ? c.Chinese() : code;

    /// <summary>The direction of a class move: 下调 when the class got worse, 上调 when better.</summary>
    public static string MoveDirection(string from, string to) =>
        RiskClasses.TryParse(from, out var f) && RiskClasses.TryParse(to, out var t)
            ? t > f ? "下调" : t < f ? "上调" : "不变"
            : Missing;

    /// <summary>Actions opened by reports: <c>follow_up_task</c>, <c>propose_class</c>, <c>propose_restructuring</c>.</summary>
    public static string ActionKind(string code) => Normalise(code) switch
    {
        "follow_up_task" => "跟进任务",
        "propose_class" => "分类调整建议",
        "propose_restructuring" => "重组建议",
        _ => code,
    };

    /// <summary>A visit report's risk rating: <c>high</c>, <c>medium</c>, <c>low</c>.</summary>
    public static string RiskRating(string code) => Normalise(code) switch
    {
        "high" => "高",
        "medium" => "中",
        "low" => "低",
        _ => code,
    };

    /// <summary>A rate (a fraction) as a percentage with one decimal: 0.8 → <c>80.0%</c>.</summary>
    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", Invariant) + "%" : Missing;

    /// <summary>A probability with two decimals, since PDs are often below one per cent: 0.0123 → <c>1.23%</c>.</summary>
    public static string Probability(decimal? p) => p is { } v ? (v * 100).ToString("0.00", Invariant) + "%" : Missing;

    /// <summary>The change of a rate in percentage points, signed: 0.75 → 0.8 is <c>+5.0 pp</c>.</summary>
    public static string PointsChange(double? current, double? previous) =>
        current is { } c && previous is { } p ? Signed((c - p) * 100, "0.0") + " pp" : Missing;

    /// <summary>The change of a count, signed: <c>+2</c>, <c>-1</c>, <c>0</c>.</summary>
    public static string Change(int current, int previous) => Signed(current - previous, "0");

    /// <summary>The change of a mean number of days, signed with one decimal.</summary>
    public static string DaysChange(double? current, double? previous) =>
        current is { } c && previous is { } p ? Signed(c - p, "0.0") : Missing;

    public static string Count(int n) => n.ToString("#,##0", Invariant);

    public static string Days(double? days) => days is { } d ? d.ToString("0.0", Invariant) : Missing;

    /// <summary>Money with two decimals and thousands separators: <c>1,234,567.80</c>.</summary>
    public static string Money(decimal amount) => amount.ToString("#,##0.00", Invariant);

    public static string Money(decimal? amount) => amount is { } a ? Money(a) : Missing;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    /// <summary>The briefing's month as people say it: <c>2025年3月</c>.</summary>
    public static string Month(DateOnly period) => $"{period.Year}年{period.Month}月";

    /// <summary>The period line: the month and its first and last day, both inclusive.</summary>
    public static string PeriodLine(Briefing b) => $"{Month(b.Period)} ({Date(b.Period)} – {Date(b.PeriodEnd)})";

    /// <summary>The scope line: the name people read, then the scope as given.</summary>
    public static string ScopeLine(Briefing b) => $"{b.ScopeTitle} ({b.Scope})";

    /// <summary>When it was generated, in UTC so that two copies of one briefing read alike wherever they were made.</summary>
    public static string Generated(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", Invariant) + " UTC";

    /// <summary>
    /// The headline figures, each with its label, so that the three writers list the same rows in the same order.
    /// </summary>
    public static IReadOnlyList<HeadlineRow> Headline(Briefing b)
    {
        var (c, p) = (b.Current, b.Previous);
        return
        [
            HeadlineRow.Of("计划", "Planned", c.Planned, p.Planned),
            HeadlineRow.Of("完成", "Done", c.Done, p.Done),
            HeadlineRow.Of("按时完成", "Done on time", c.DoneOnTime, p.DoneOnTime),
            HeadlineRow.OfRate("完成率", "Completion rate", c.CompletionRate, p.CompletionRate),
            HeadlineRow.OfRate("按时率", "On-time rate", c.OnTimeRate, p.OnTimeRate),
            HeadlineRow.OfDays("首次行动平均天数", "Mean days to first action", c.MeanDaysToFirstAction, p.MeanDaysToFirstAction),
            HeadlineRow.Of("回访报告", "Reports", c.Reports, p.Reports),
            HeadlineRow.Of("风险点", "Risk points", c.RiskPoints, p.RiskPoints),
            HeadlineRow.Of("开启行动", "Actions opened", c.ActionsOpened, p.ActionsOpened),
            HeadlineRow.Of("新增预警", "Alerts raised", c.AlertsRaised, p.AlertsRaised),
            HeadlineRow.Of("分类下调", "Downgrades", c.Downgrades, p.Downgrades),
            HeadlineRow.Of("分类上调", "Upgrades", c.Upgrades, p.Upgrades),
        ];
    }

    /// <summary>A share of a total as a fraction, null when the total is zero.</summary>
    public static double? Share(int part, int total) => total == 0 ? null : (double)part / total;

    private static string Signed(double value, string format)
    {
        // Rounding first keeps a tiny negative difference from printing as "-0.0".
        var rounded = Math.Round(value, format == "0" ? 0 : 1, MidpointRounding.AwayFromZero);
        if (rounded == 0) return 0.0.ToString(format, Invariant);
        return (rounded > 0 ? "+" : "-") + Math.Abs(rounded).ToString(format, Invariant);
    }

    private static string Normalise(string code) => code.Trim().ToLowerInvariant();
}

/// <summary>Which kind of number a headline row holds, so each writer can format it its own way.</summary>
public enum HeadlineKind
{
    Count,
    Rate,
    Days,
}

/// <summary>One headline figure for the current and previous month; values are counts, fractions or days by <see cref="Kind"/>.</summary>
public sealed record HeadlineRow(string Label, string English, HeadlineKind Kind, double? Current, double? Previous)
{
    public static HeadlineRow Of(string label, string english, int current, int previous) =>
        new(label, english, HeadlineKind.Count, current, previous);

    public static HeadlineRow OfRate(string label, string english, double? current, double? previous) =>
        new(label, english, HeadlineKind.Rate, current, previous);

    public static HeadlineRow OfDays(string label, string english, double? current, double? previous) =>
        new(label, english, HeadlineKind.Days, current, previous);

    /// <summary>Current minus previous; null when either is missing.</summary>
    public double? Difference => Current is { } c && Previous is { } p ? c - p : null;

    public string FormatValue(double? value) => Kind switch
    {
        HeadlineKind.Count => value is { } v ? BriefingText.Count((int)v) : BriefingText.Missing,
        HeadlineKind.Rate => BriefingText.Percent(value),
        _ => BriefingText.Days(value),
    };

    public string FormatChange() => Kind switch
    {
        HeadlineKind.Count => BriefingText.Change((int)(Current ?? 0), (int)(Previous ?? 0)),
        HeadlineKind.Rate => BriefingText.PointsChange(Current, Previous),
        _ => BriefingText.DaysChange(Current, Previous),
    };
}
