using System.Text;
using static PostLoan.Application.Inspections.Briefings.BriefingText;

namespace PostLoan.Application.Inspections.Briefings;

/// <summary>
/// Writes a <see cref="Briefing"/> as Markdown: Chinese headings with English glosses, a table per section, rates as
/// percentages with one decimal and their change in percentage points (pp), counts with their signed change.
/// </summary>
public static class BriefingMarkdown
{
    private const string None = "本月无记录 (none this month).";

    public static string Write(Briefing b)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {Title} ({TitleEnglish})");
        md.AppendLine();
        md.AppendLine($"- 期间 Period: {PeriodLine(b)}");
        md.AppendLine($"- 范围 Scope: {Escape(ScopeLine(b))}");
        md.AppendLine($"- 对比 Compared with: {Month(b.Period.AddMonths(-1))}");
        md.AppendLine($"- 生成 Generated: {Generated(b.GeneratedAt)}");
        md.AppendLine();

        Summary(md, b);
        Planned(md, b);
        Methods(md, b);
        Findings(md, b);
        Actions(md, b);
        Alerts(md, b);
        Migrations(md, b);
        TopLoans(md, b);
        Managers(md, b);
        return md.ToString();
    }

    /// <summary>The month in a few sentences, so the report reads before the tables are studied.</summary>
    private static void Summary(StringBuilder md, Briefing b)
    {
        var (c, p) = (b.Current, b.Previous);
        md.AppendLine("## 概要 (Summary)");
        md.AppendLine();
        md.AppendLine($"- 计划 {c.Planned} 项，完成 {c.Done} 项，完成率 {Percent(c.CompletionRate)}（较上月 {PointsChange(c.CompletionRate, p.CompletionRate)}）。");
        md.AppendLine($"- 按时完成 {c.DoneOnTime} 项，按时率 {Percent(c.OnTimeRate)}（较上月 {PointsChange(c.OnTimeRate, p.OnTimeRate)}）。");
        md.AppendLine($"- 回访报告 {c.Reports} 份（较上月 {Change(c.Reports, p.Reports)}），风险点 {c.RiskPoints} 个（较上月 {Change(c.RiskPoints, p.RiskPoints)}），开启行动 {c.ActionsOpened} 项（较上月 {Change(c.ActionsOpened, p.ActionsOpened)}）。");
        md.AppendLine($"- 新增预警 {c.AlertsRaised} 条（较上月 {Change(c.AlertsRaised, p.AlertsRaised)}）；分类下调 {c.Downgrades} 笔（较上月 {Change(c.Downgrades, p.Downgrades)}），上调 {c.Upgrades} 笔（较上月 {Change(c.Upgrades, p.Upgrades)}）。");
        md.AppendLine();
    }

    private static void Planned(StringBuilder md, Briefing b)
    {
        md.AppendLine("## 计划与完成 (Planned and done)");
        md.AppendLine();
        Table(md, ["指标 Figure", "本月 Current", "上月 Previous", "变化 Change"], [false, true, true, true],
            Headline(b).Select(r => new[] { $"{r.Label} {r.English}", r.FormatValue(r.Current), r.FormatValue(r.Previous), r.FormatChange() }));
    }

    private static void Methods(StringBuilder md, Briefing b)
    {
        md.AppendLine("## 回访方式 (Methods)");
        md.AppendLine();
        var total = b.Methods.Sum(m => m.Current);
        var totalPrevious = b.Methods.Sum(m => m.Previous);
        Table(md, ["方式 Method", "本月 Current", "上月 Previous", "变化 Change", "占比 Share", "上月占比 Previous share"], [false, true, true, true, true, true],
            b.Methods.Select(m => new[]
            {
                Method(m.Method), Count(m.Current), Count(m.Previous), Change(m.Current, m.Previous),
                Percent(Share(m.Current, total)), Percent(Share(m.Previous, totalPrevious)),
            }));
    }

    private static void Findings(StringBuilder md, Briefing b)
    {
        md.AppendLine("## 主要发现 (Findings)");
        md.AppendLine();
        Table(md, ["日期 Date", "贷款 Loan", "借款人 Borrower", "方式 Method", "风险 Rating", "发现 Findings", "填报人 Author"], null,
            b.Findings.Select(f => new[] { Date(f.VisitedOn), f.LoanExternalId, f.BorrowerName, Method(f.Method), RiskRating(f.RiskRating), f.Findings, f.Author }));
    }

    private static void Actions(StringBuilder md, Briefing b)
    {
        md.AppendLine("## 后续行动 (Actions)");
        md.AppendLine();
        Table(md, ["类别 Kind", "本月 Current", "上月 Previous", "变化 Change"], [false, true, true, true],
            b.Actions.Select(a => new[] { ActionKind(a.Kind), Count(a.Current), Count(a.Previous), Change(a.Current, a.Previous) }));
    }

    private static void Alerts(StringBuilder md, Briefing b)
    {
        md.AppendLine("## 新增预警 (New alerts by severity)");
        md.AppendLine();
        Table(md, ["等级 Severity", "本月 Current", "上月 Previous", "变化 Change"], [false, true, true, true],
            b.NewAlerts.Select(a => new[] { Severity(a.Severity), Count(a.Current), Count(a.Previous), Change(a.Current, a.Previous) }));
    }

    private static void Migrations(StringBuilder md, Briefing b)
    {
        md.AppendLine("## 分类迁移 (Class migrations)");
        md.AppendLine();
        Table(md, ["从 From", "到 To", "方向 Direction", "笔数 Loans", "月末余额 Balance"], [false, false, false, true, true],
            b.ClassMigrations.Select(m => new[] { RiskClassName(m.From), RiskClassName(m.To), MoveDirection(m.From, m.To), Count(m.Loans), Money(m.Balance) }));
    }

    private static void TopLoans(StringBuilder md, Briefing b)
    {
        md.AppendLine("## 重点风险贷款 (Top loans at risk)");
        md.AppendLine();
        Table(md, ["#", "贷款 Loan", "借款人 Borrower", "细分 Segment", "分类 Class", "逾期天数 DPD", "未还本金 Outstanding", "PD", "ECL", "客户经理 Manager"],
            [true, false, false, false, false, true, true, true, true, false],
            b.TopLoansAtRisk.Select((l, i) => new[]
            {
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), l.LoanExternalId, l.BorrowerName, l.Segment,
                RiskClassName(l.RiskClass), Count(l.Dpd), Money(l.OutstandingPrincipal), Probability(l.Pd), Money(l.Ecl), l.AccountManager ?? Missing,
            }));
    }

    private static void Managers(StringBuilder md, Briefing b)
    {
        md.AppendLine("## 客户经理 (Managers)");
        md.AppendLine();
        Table(md, ["客户经理 Manager", "团队 Team", "计划 Planned", "完成 Done", "按时 On time", "完成率 Completion", "按时率 On-time", "首次行动天数 Days to first action"],
            [false, false, true, true, true, true, true, true],
            b.Managers.Select(m => new[]
            {
                m.Manager, m.Team ?? Missing, Count(m.Planned), Count(m.Done), Count(m.DoneOnTime),
                Percent(m.CompletionRate), Percent(m.OnTimeRate), Days(m.MeanDaysToFirstAction),
            }));
    }

    /// <param name="rightAligned">Per column, whether it holds numbers; null for all left.</param>
    private static void Table(StringBuilder md, string[] header, bool[]? rightAligned, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            md.AppendLine(None);
            md.AppendLine();
            return;
        }
        md.Append('|').AppendJoin('|', header.Select(h => $" {Escape(h)} ")).AppendLine("|");
        md.Append('|').AppendJoin('|', header.Select((_, i) => rightAligned?[i] == true ? "---:" : "---")).AppendLine("|");
        foreach (var row in list)
            md.Append('|').AppendJoin('|', row.Select(c => $" {Escape(c)} ")).AppendLine("|");
        md.AppendLine();
    }

    /// <summary>Free text (findings, names) must not break the table: pipes are escaped and line breaks become spaces.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}
