using ClosedXML.Excel;
using PostLoan.Application.Inspections;
using PostLoan.Application.Inspections.Briefings;
using Shouldly;
using UglyToad.PdfPig;

namespace PostLoan.IntegrationTests.Inspections;

/// <summary>The briefing written as Markdown, XLSX and PDF, each read back and checked against known figures.</summary>
public sealed class BriefingWriterTests
{
    /// <summary>
    /// March 2025 for one branch. Current: 10 planned, 8 done (80.0%), 6 on time (60.0%). February: 8 planned,
    /// 6 done (75.0%), 4 on time (50.0%). So completion moved +5.0 pp and on-time +10.0 pp.
    /// </summary>
    private static Briefing Crafted() => new(
        Period: new DateOnly(2025, 3, 1),
        Scope: "branch:B01",
        ScopeTitle: "城东支行",
        GeneratedAt: new DateTimeOffset(2025, 4, 1, 8, 0, 0, TimeSpan.Zero),
        Current: new BriefingFigures(10, 8, 6, 9, 3, 4, 5, 2, 1, 2.5),
        Previous: new BriefingFigures(8, 6, 4, 7, 1, 2, 3, 1, 0, 3.0),
        Methods: [new("phone", 4, 3), new("on_site", 3, 3), new("online_check", 2, 1)],
        Findings:
        [
            new(new DateOnly(2025, 3, 12), "L0012", "张伟", "on_site", "high", "厂房停工，库存积压 | 三个月未发工资，需复查抵押物现状", "王芳"),
            new(new DateOnly(2025, 3, 20), "L0034", "李娜商贸有限公司", "phone", "medium",
                "Sales fell by a third after the main customer left; the borrower asks to defer two instalments.", "AM002"),
        ],
        Actions: [new("follow_up_task", 3, 1), new("propose_class", 1, 1), new("propose_restructuring", 0, 0)],
        NewAlerts: [new("red", 1, 0), new("orange", 2, 1), new("yellow", 2, 2)],
        ClassMigrations:
        [
            new("normal", "special_mention", 2, 1_234_567.80m),
            new("substandard", "special_mention", 1, 50_000m),
        ],
        TopLoansAtRisk:
        [
            new("L0012", "张伟", "SME", "substandard", 95, 1_234_567.80m, 0.2345m, 289_000.12m, "AM001"),
            new("L0099", "陈静", "retail", "doubtful", 200, 88_000m, null, null, null),
        ],
        Managers:
        [
            new("AM001", "T1", 6, 5, 4, 2.0),
            new("AM002", null, 4, 3, 2, null),
            new("AM003", "T2", 0, 0, 0, null),
        ]);

    private static Briefing Empty()
    {
        var nothing = new BriefingFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, null);
        return new Briefing(new DateOnly(2025, 3, 1), "bank", "全行", new DateTimeOffset(2025, 4, 1, 8, 0, 0, TimeSpan.Zero),
            nothing, nothing, [], [], [], [], [], [], []);
    }

    [Fact]
    public void Markdown_shows_figures_rates_and_changes_under_chinese_headings()
    {
        var md = BriefingMarkdown.Write(Crafted());

        md.ShouldContain("# 贷后/回访工作简报");
        md.ShouldContain("2025年3月 (2025-03-01 – 2025-03-31)");
        md.ShouldContain("城东支行 (branch:B01)");
        md.ShouldContain("## 计划与完成 (Planned and done)");
        md.ShouldContain("| 计划 Planned | 10 | 8 | +2 |");
        md.ShouldContain("| 完成率 Completion rate | 80.0% | 75.0% | +5.0 pp |");
        md.ShouldContain("| 按时率 On-time rate | 60.0% | 50.0% | +10.0 pp |");
        md.ShouldContain("| 首次行动平均天数 Mean days to first action | 2.5 | 3.0 | -0.5 |");
        md.ShouldContain("完成率 80.0%（较上月 +5.0 pp）");

        md.ShouldContain("| 电话 | 4 | 3 | +1 | 44.4% |");
        md.ShouldContain("| 现场 | 3 | 3 | 0 |");
        md.ShouldContain("| 线上核查 | 2 | 1 | +1 |");
        md.ShouldContain("| 红 | 1 | 0 | +1 |");
        md.ShouldContain("| 橙 | 2 | 1 | +1 |");
        md.ShouldContain("| 跟进任务 | 3 | 1 | +2 |");

        md.ShouldContain("| 正常 | 关注 | 下调 | 2 | 1,234,567.80 |");
        md.ShouldContain("| 次级 | 关注 | 上调 | 1 | 50,000.00 |");
        md.ShouldContain("| 1 | L0012 | 张伟 | SME | 次级 | 95 | 1,234,567.80 | 23.45% | 289,000.12 | AM001 |");
        md.ShouldContain("| 2 | L0099 | 陈静 | retail | 可疑 | 200 | 88,000.00 | — | — | — |");

        // A pipe inside free text must not open a new column.
        md.ShouldContain("厂房停工，库存积压 \\| 三个月未发工资");
        md.ShouldContain("| 李娜商贸有限公司 | 电话 | 中 |");

        md.ShouldContain("| AM001 | T1 | 6 | 5 | 4 | 83.3% | 66.7% | 2.0 |");
        md.ShouldContain("| AM003 | T2 | 0 | 0 | 0 | — | — | — |");
    }

    [Fact]
    public void Workbook_holds_numbers_as_numbers_with_percent_and_money_formats()
    {
        using var stream = new MemoryStream();
        BriefingWorkbook.Write(Crafted(), stream);
        stream.Position = 0;

        using var workbook = new XLWorkbook(stream);
        workbook.Worksheets.Select(w => w.Name).ShouldBe(
        [
            "概要 Summary", "方式 Methods", "发现 Findings", "行动 Actions", "预警 Alerts", "分类迁移 Migrations", "风险贷款 Top loans", "客户经理 Managers",
        ]);

        var summary = workbook.Worksheet(BriefingWorkbook.SummarySheet);
        var planned = RowOf(summary, "计划 Planned");
        planned.Cell(2).DataType.ShouldBe(XLDataType.Number);
        planned.Cell(2).GetDouble().ShouldBe(10);
        planned.Cell(3).GetDouble().ShouldBe(8);
        planned.Cell(4).GetDouble().ShouldBe(2);

        var completion = RowOf(summary, "完成率 Completion rate");
        completion.Cell(2).DataType.ShouldBe(XLDataType.Number);
        completion.Cell(2).GetDouble().ShouldBe(0.8, 1e-12);
        completion.Cell(2).Style.NumberFormat.Format.ShouldContain("%");
        completion.Cell(3).GetDouble().ShouldBe(0.75, 1e-12);
        completion.Cell(4).GetDouble().ShouldBe(0.05, 1e-12);
        completion.Cell(4).Style.NumberFormat.Format.ShouldContain("%");

        summary.Row(BriefingWorkbook.SummaryHeaderRow).Cell(1).Style.Font.Bold.ShouldBeTrue();
        summary.SheetView.SplitRow.ShouldBe(BriefingWorkbook.SummaryHeaderRow);
        summary.Column(1).Width.ShouldBeGreaterThan(20);

        var methods = workbook.Worksheet(BriefingWorkbook.MethodsSheet);
        methods.Cell(1, 1).Style.Font.Bold.ShouldBeTrue();
        methods.SheetView.SplitRow.ShouldBe(1);
        methods.Cell(2, 1).GetString().ShouldBe("电话");
        methods.Cell(2, 3).GetDouble().ShouldBe(4);
        methods.Cell(2, 6).GetDouble().ShouldBe(4.0 / 9, 1e-12);

        var migrations = workbook.Worksheet(BriefingWorkbook.MigrationsSheet);
        migrations.Cell(2, 1).GetString().ShouldBe("正常");
        migrations.Cell(2, 5).DataType.ShouldBe(XLDataType.Number);
        migrations.Cell(2, 5).GetDouble().ShouldBe(1_234_567.80, 1e-6);
        migrations.Cell(2, 5).Style.NumberFormat.Format.ShouldBe("#,##0.00");

        var loans = workbook.Worksheet(BriefingWorkbook.TopLoansSheet);
        loans.Cell(2, 2).GetString().ShouldBe("L0012");
        loans.Cell(2, 3).GetString().ShouldBe("张伟");
        loans.Cell(2, 8).GetDouble().ShouldBe(0.2345, 1e-12);
        loans.Cell(3, 8).GetString().ShouldBe("—");

        var findings = workbook.Worksheet(BriefingWorkbook.FindingsSheet);
        findings.Cell(2, 1).GetDateTime().ShouldBe(new DateTime(2025, 3, 12));
        findings.Cell(2, 2).GetString().ShouldBe("L0012");

        var managers = workbook.Worksheet(BriefingWorkbook.ManagersSheet);
        managers.Cell(4, 1).GetString().ShouldBe("AM003");
        managers.Cell(4, 6).GetString().ShouldBe("—");
    }

    [Fact]
    public void Pdf_has_the_title_a_chinese_borrower_the_figures_and_the_charts()
    {
        var bytes = Pdf(Crafted());

        using var pdf = PdfDocument.Open(bytes);
        pdf.NumberOfPages.ShouldBeGreaterThanOrEqualTo(1);
        var pages = pdf.GetPages().ToList();
        var text = string.Concat(pages.Select(p => p.Text));

        text.ShouldContain("贷后/回访工作简报");
        text.ShouldContain("城东支行");
        text.ShouldContain("张伟");
        text.ShouldContain("李娜商贸有限公司");
        text.ShouldContain("80.0%");
        text.ShouldContain("+5.0 pp");
        text.ShouldContain("1,234,567.80");

        // The three charts are embedded PNGs.
        pages.Sum(p => p.GetImages().Count()).ShouldBe(3);
        pdf.GetPage(1).Width.ShouldBe(595, 1);
    }

    [Fact]
    public void Charts_are_png_images_the_web_can_show_as_they_are()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G'];
        var b = Crafted();
        foreach (var chart in new[] { BriefingCharts.Progress(b), BriefingCharts.Methods(b), BriefingCharts.NewAlerts(b) })
            chart.Take(4).ShouldBe(png);
    }

    [Fact]
    public void Empty_briefing_writes_in_every_format_with_dashes_for_missing_rates()
    {
        var empty = Empty();
        empty.Current.CompletionRate.ShouldBeNull();

        var md = BriefingMarkdown.Write(empty);
        md.ShouldContain("| 完成率 Completion rate | — | — | — |");
        md.ShouldContain("| 计划 Planned | 0 | 0 | 0 |");
        md.ShouldContain("本月无记录");

        using var stream = new MemoryStream();
        BriefingWorkbook.Write(empty, stream);
        stream.Position = 0;
        using (var workbook = new XLWorkbook(stream))
        {
            var completion = RowOf(workbook.Worksheet(BriefingWorkbook.SummarySheet), "完成率 Completion rate");
            completion.Cell(2).GetString().ShouldBe("—");
            completion.Cell(4).GetString().ShouldBe("—");
            workbook.Worksheet(BriefingWorkbook.ManagersSheet).LastRowUsed().RowNumber().ShouldBe(1);
        }

        using var pdf = PdfDocument.Open(Pdf(empty));
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        text.ShouldContain("全行");
        text.ShouldContain("—");
    }

    private static byte[] Pdf(Briefing b)
    {
        using var stream = new MemoryStream();
        BriefingPdf.Write(b, stream);
        return stream.ToArray();
    }

    private static IXLRow RowOf(IXLWorksheet sheet, string label) =>
        sheet.RowsUsed().Single(r => r.Cell(1).GetString() == label);
}
