using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static PostLoan.Application.Inspections.Briefings.BriefingText;

namespace PostLoan.Application.Inspections.Briefings;

/// <summary>
/// Writes a <see cref="Briefing"/> as an A4 PDF: title, period and scope, the headline figures, three charts (planned,
/// done and on time; methods; new alerts by severity; each beside the previous month) and every section as a table.
/// </summary>
/// <remarks>
/// Drawn with PDFsharp 6.2.4, whose NuGet package states the MIT licence (<c>&lt;license type="expression"&gt;MIT</c>).
/// Later releases (6.5.0) name the AGPL and must not be taken without a licence review. The charts are PNGs from
/// <see cref="BriefingCharts"/> (ScottPlot, MIT). Text is drawn in the CJK TrueType face that
/// <see cref="BriefingFonts"/> finds; without it, writing fails with the Debian package to install.
/// </remarks>
public static class BriefingPdf
{
    public static void Write(Briefing b, Stream output)
    {
        BriefingFonts.UseForPdf();
        var document = new PdfDocument();
        document.Info.Title = $"{Title} {Month(b.Period)} {b.ScopeTitle}";
        document.Info.Subject = TitleEnglish;
        document.Info.Creator = "PostLoan";

        var images = new List<MemoryStream>();
        var writer = new PageWriter(document);
        try
        {
            writer.Text($"{Title}", writer.TitleFont, XBrushes.Black);
            writer.Text($"{TitleEnglish}", writer.SubtitleFont, XBrushes.DimGray);
            writer.Space(4);
            writer.Text($"期间 Period: {PeriodLine(b)}    范围 Scope: {ScopeLine(b)}", writer.BodyFont, XBrushes.Black);
            writer.Text($"对比 Compared with: {Month(b.Period.AddMonths(-1))}    生成 Generated: {Generated(b.GeneratedAt)}", writer.BodyFont, XBrushes.DimGray);
            writer.Space(8);

            writer.Heading("概要 Headline figures");
            writer.Table(
                [new("指标 Figure", 3), new("本月 Current", 1.4, true), new("上月 Previous", 1.4, true), new("变化 Change", 1.4, true)],
                Headline(b).Select(r => new[] { $"{r.Label} {r.English}", r.FormatValue(r.Current), r.FormatValue(r.Previous), r.FormatChange() }));

            writer.Heading("图表 Charts");
            var wide = writer.ContentWidth;
            var half = (wide - 10) / 2;
            writer.Images(images, [(BriefingCharts.Progress(b, (int)wide, 220), wide, 220)]);
            writer.Images(images, [(BriefingCharts.Methods(b, (int)half, 200), half, 200), (BriefingCharts.NewAlerts(b, (int)half, 200), half, 200)]);

            Sections(writer, b);
            writer.Finish();
            Footers(document, b);
            document.Save(output, closeStream: false);
        }
        finally
        {
            writer.Finish();
            foreach (var image in images) image.Dispose();
        }
    }

    private static void Sections(PageWriter w, Briefing b)
    {
        var total = b.Methods.Sum(m => m.Current);
        w.Heading("回访方式 Methods");
        w.Table([new("方式 Method", 2), new("本月 Current", 1, true), new("上月 Previous", 1, true), new("变化 Change", 1, true), new("占比 Share", 1, true)],
            b.Methods.Select(m => new[] { Method(m.Method), Count(m.Current), Count(m.Previous), Change(m.Current, m.Previous), Percent(Share(m.Current, total)) }));

        w.Heading("主要发现 Findings");
        w.Table([new("日期 Date", 1.3), new("贷款 Loan", 1.2), new("借款人 Borrower", 1.5), new("方式", 0.8), new("风险", 0.6), new("发现 Findings", 4), new("填报人", 1)],
            b.Findings.Select(f => new[] { Date(f.VisitedOn), f.LoanExternalId, f.BorrowerName, Method(f.Method), RiskRating(f.RiskRating), f.Findings, f.Author }));

        w.Heading("后续行动 Actions");
        w.Table([new("类别 Kind", 2), new("本月 Current", 1, true), new("上月 Previous", 1, true), new("变化 Change", 1, true)],
            b.Actions.Select(a => new[] { ActionKind(a.Kind), Count(a.Current), Count(a.Previous), Change(a.Current, a.Previous) }));

        w.Heading("新增预警 New alerts by severity");
        w.Table([new("等级 Severity", 2), new("本月 Current", 1, true), new("上月 Previous", 1, true), new("变化 Change", 1, true)],
            b.NewAlerts.Select(a => new[] { Severity(a.Severity), Count(a.Current), Count(a.Previous), Change(a.Current, a.Previous) }));

        w.Heading("分类迁移 Class migrations");
        w.Table([new("从 From", 1), new("到 To", 1), new("方向 Direction", 1), new("笔数 Loans", 1, true), new("月末余额 Balance", 1.6, true)],
            b.ClassMigrations.Select(m => new[] { RiskClassName(m.From), RiskClassName(m.To), MoveDirection(m.From, m.To), Count(m.Loans), Money(m.Balance) }));

        w.Heading("重点风险贷款 Top loans at risk");
        w.Table([new("#", 0.4, true), new("贷款 Loan", 1.3), new("借款人 Borrower", 1.6), new("细分", 0.9), new("分类", 0.6), new("DPD", 0.6, true),
                 new("未还本金 Outstanding", 1.7, true), new("PD", 0.8, true), new("ECL", 1.4, true), new("客户经理", 1)],
            b.TopLoansAtRisk.Select((l, i) => new[]
            {
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), l.LoanExternalId, l.BorrowerName, l.Segment,
                RiskClassName(l.RiskClass), Count(l.Dpd), Money(l.OutstandingPrincipal), Probability(l.Pd), Money(l.Ecl), l.AccountManager ?? Missing,
            }));

        w.Heading("客户经理 Managers");
        w.Table([new("客户经理 Manager", 1.6), new("团队 Team", 1.2), new("计划", 0.8, true), new("完成", 0.8, true), new("按时", 0.8, true),
                 new("完成率", 1, true), new("按时率", 1, true), new("首次行动天数", 1.2, true)],
            b.Managers.Select(m => new[]
            {
                m.Manager, m.Team ?? Missing, Count(m.Planned), Count(m.Done), Count(m.DoneOnTime),
                Percent(m.CompletionRate), Percent(m.OnTimeRate), Days(m.MeanDaysToFirstAction),
            }));
    }

    /// <summary>Page numbers need the page count, so they are drawn once every page exists.</summary>
    private static void Footers(PdfDocument document, Briefing b)
    {
        var font = new XFont(BriefingFonts.Family, 7.5);
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - PageWriter.Margin + 14;
            gfx.DrawString($"PostLoan · {Title} · {b.ScopeTitle} · {Month(b.Period)}", font, XBrushes.Gray,
                new XRect(PageWriter.Margin, y, 400, 10), XStringFormats.TopLeft);
            gfx.DrawString($"第 {i + 1} / {document.PageCount} 页", font, XBrushes.Gray,
                new XRect(page.Width.Point - PageWriter.Margin - 100, y, 100, 10), XStringFormats.TopRight);
        }
    }

    private sealed record Column(string Header, double Weight, bool Right = false);

    /// <summary>Lays content down a page from the top, starting a new page when the next piece does not fit.</summary>
    private sealed class PageWriter(PdfDocument document)
    {
        public const double Margin = 42;
        private const double CellPadding = 3;

        public readonly XFont TitleFont = new(BriefingFonts.Family, 18, XFontStyleEx.Bold);
        public readonly XFont SubtitleFont = new(BriefingFonts.Family, 10);
        public readonly XFont BodyFont = new(BriefingFonts.Family, 9);
        private readonly XFont _headingFont = new(BriefingFonts.Family, 12, XFontStyleEx.Bold);
        private readonly XFont _cellFont = new(BriefingFonts.Family, 7.5);
        private readonly XFont _headerFont = new(BriefingFonts.Family, 7.5, XFontStyleEx.Bold);
        private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(0xDD, 0xE5, 0xF0));
        private static readonly XPen RulePen = new(XColor.FromArgb(0xC8, 0xCC, 0xD2), 0.5);

        private PdfPage? _page;
        private XGraphics? _gfx;
        private double _y;

        public double ContentWidth => (_page?.Width.Point ?? 595.28) - 2 * Margin;
        private double Bottom => _page!.Height.Point - Margin;

        private XGraphics Gfx
        {
            get
            {
                if (_gfx is null) NewPage();
                return _gfx!;
            }
        }

        public void Finish()
        {
            _gfx?.Dispose();
            _gfx = null;
        }

        public void Space(double points) => _y += points;

        public void Text(string text, XFont font, XBrush brush)
        {
            var height = font.GetHeight() + 2;
            Ensure(height);
            Gfx.DrawString(text, font, brush, new XRect(Margin, _y, ContentWidth, height), XStringFormats.TopLeft);
            _y += height;
        }

        /// <summary>A heading keeps at least its first rows with it, so it is never left alone at a page's foot.</summary>
        public void Heading(string text)
        {
            _y += 8;
            Ensure(_headingFont.GetHeight() + 60);
            Text(text, _headingFont, XBrushes.Black);
            _y += 3;
        }

        public void Images(List<MemoryStream> keep, (byte[] Png, double Width, double Height)[] images)
        {
            var height = images.Max(i => i.Height);
            Ensure(height + 6);
            var x = Margin;
            foreach (var (png, width, h) in images)
            {
                // PDFsharp may read the image again when it saves, so the stream lives as long as the document.
                var stream = new MemoryStream(png, writable: false);
                keep.Add(stream);
                Gfx.DrawImage(XImage.FromStream(stream), x, _y, width, h);
                x += width + 10;
            }
            _y += height + 6;
        }

        public void Table(Column[] columns, IEnumerable<string[]> rows)
        {
            var list = rows.ToList();
            if (list.Count == 0)
            {
                Text("本月无记录 (none this month).", BodyFont, XBrushes.DimGray);
                return;
            }
            var total = columns.Sum(c => c.Weight);
            var widths = columns.Select(c => c.Weight / total * ContentWidth).ToArray();
            Row(columns.Select(c => c.Header).ToArray(), columns, widths, _headerFont, header: true);
            foreach (var row in list)
            {
                if (!Fits(RowHeight(row, widths, _cellFont)))
                {
                    NewPage();
                    Row(columns.Select(c => c.Header).ToArray(), columns, widths, _headerFont, header: true);
                }
                Row(row, columns, widths, _cellFont, header: false);
            }
            _y += 4;
        }

        private void Row(string[] cells, Column[] columns, double[] widths, XFont font, bool header)
        {
            var height = RowHeight(cells, widths, font);
            Ensure(height);
            var gfx = Gfx;
            if (header) gfx.DrawRectangle(HeaderFill, Margin, _y, ContentWidth, height);
            var x = Margin;
            var line = font.GetHeight();
            for (var i = 0; i < cells.Length; i++)
            {
                var lines = Wrap(gfx, cells[i], font, widths[i] - 2 * CellPadding);
                for (var l = 0; l < lines.Count; l++)
                {
                    var rect = new XRect(x + CellPadding, _y + CellPadding + l * line, widths[i] - 2 * CellPadding, line);
                    gfx.DrawString(lines[l], font, XBrushes.Black, rect, columns[i].Right ? XStringFormats.TopRight : XStringFormats.TopLeft);
                }
                x += widths[i];
            }
            _y += height;
            gfx.DrawLine(RulePen, Margin, _y, Margin + ContentWidth, _y);
        }

        private double RowHeight(string[] cells, double[] widths, XFont font) =>
            cells.Select((c, i) => Wrap(Gfx, c, font, widths[i] - 2 * CellPadding).Count).Max() * font.GetHeight() + 2 * CellPadding;

        /// <summary>
        /// Breaks text to fit a width: between words for Latin text and between any two characters for Chinese,
        /// which has no spaces; a word longer than the width is broken where it must be.
        /// </summary>
        private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
            {
                var line = "";
                foreach (var token in Tokens(paragraph))
                {
                    var candidate = line + token;
                    if (line.Length == 0 || gfx.MeasureString(candidate, font).Width <= width)
                    {
                        line = candidate;
                        if (gfx.MeasureString(line, font).Width > width) line = BreakLong(gfx, line, font, width, lines);
                        continue;
                    }
                    lines.Add(line.TrimEnd());
                    line = token.TrimStart();
                    if (gfx.MeasureString(line, font).Width > width) line = BreakLong(gfx, line, font, width, lines);
                }
                lines.Add(line.TrimEnd());
            }
            return lines;
        }

        private static string BreakLong(XGraphics gfx, string text, XFont font, double width, List<string> lines)
        {
            var line = "";
            foreach (var ch in text)
            {
                if (line.Length > 0 && gfx.MeasureString(line + ch, font).Width > width)
                {
                    lines.Add(line);
                    line = "";
                }
                line += ch;
            }
            return line;
        }

        private static IEnumerable<string> Tokens(string text)
        {
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var cjk = text[i] > 0x2E80;
                if (cjk || text[i] == ' ')
                {
                    if (i > start) yield return text[start..i];
                    yield return text[i].ToString();
                    start = i + 1;
                }
            }
            if (start < text.Length) yield return text[start..];
        }

        // Whatever starts a fresh page fits it, or a piece taller than a page would add blank pages forever.
        private bool Fits(double height) => _gfx is not null && (_y + height <= Bottom || _y <= Margin);

        private void Ensure(double height)
        {
            if (!Fits(height)) NewPage();
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }
    }
}
