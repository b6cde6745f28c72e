using ClosedXML.Excel;
using static PostLoan.Application.Inspections.Briefings.BriefingText;

namespace PostLoan.Application.Inspections.Briefings;

/// <summary>
/// Writes a <see cref="Briefing"/> as an XLSX workbook through ClosedXML 0.95.4 (MIT): a sheet per section, numbers
/// stored as numbers so that they can be summed and charted, rates as fractions with a percentage format, money
/// with <c>#,##0.00</c>, and a bold, frozen header row. A missing rate is the text "—" rather than an empty cell,
/// so that nobody reads it as zero.
/// </summary>
public static class BriefingWorkbook
{
    public const string SummarySheet = "概要 Summary";
    public const string MethodsSheet = "方式 Methods";
    public const string FindingsSheet = "发现 Findings";
    public const string ActionsSheet = "行动 Actions";
    public const string AlertsSheet = "预警 Alerts";
    public const string MigrationsSheet = "分类迁移 Migrations";
    public const string TopLoansSheet = "风险贷款 Top loans";
    public const string ManagersSheet = "客户经理 Managers";

    private const string PercentFormat = "0.0%";
    private const string PercentChangeFormat = "+0.0%;-0.0%;0.0%";
    private const string ProbabilityFormat = "0.00%";
    private const string MoneyFormat = "#,##0.00";
    private const string CountFormat = "#,##0";
    private const string CountChangeFormat = "+#,##0;-#,##0;0";
    private const string DaysFormat = "0.0";
    private const string DaysChangeFormat = "+0.0;-0.0;0.0";
    private const string DateFormat = "yyyy-mm-dd";

    /// <summary>The rows above the summary's header: title, period, scope, generated, then a blank line.</summary>
    public const int SummaryHeaderRow = 6;

    public static void Write(Briefing b, Stream output)
    {
        using var workbook = new XLWorkbook();
        Summary(workbook.AddWorksheet(SummarySheet), b);
        Methods(workbook.AddWorksheet(MethodsSheet), b);
        Findings(workbook.AddWorksheet(FindingsSheet), b);
        Actions(workbook.AddWorksheet(ActionsSheet), b);
        Alerts(workbook.AddWorksheet(AlertsSheet), b);
        Migrations(workbook.AddWorksheet(MigrationsSheet), b);
        TopLoans(workbook.AddWorksheet(TopLoansSheet), b);
        Managers(workbook.AddWorksheet(ManagersSheet), b);
        workbook.SaveAs(output);
    }

    private static void Summary(IXLWorksheet ws, Briefing b)
    {
        ws.Cell(1, 1).SetValue($"{Title} {TitleEnglish}");
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(1, 1).Style.Font.FontSize = 14;
        Label(ws, 2, "期间 Period", PeriodLine(b));
        Label(ws, 3, "范围 Scope", ScopeLine(b));
        Label(ws, 4, "生成 Generated", Generated(b.GeneratedAt));

        var sheet = new Sheet(ws, SummaryHeaderRow, "指标 Figure", "本月 Current", "上月 Previous", "变化 Change");
        foreach (var r in Headline(b))
        {
            var (format, changeFormat) = r.Kind switch
            {
                HeadlineKind.Count => (CountFormat, CountChangeFormat),
                HeadlineKind.Rate => (PercentFormat, PercentChangeFormat),
                _ => (DaysFormat, DaysChangeFormat),
            };
            sheet.Row()
                .Text($"{r.Label} {r.English}")
                .Number(r.Current, format)
                .Number(r.Previous, format)
                .Number(r.Difference, changeFormat);
        }
        sheet.Finish(firstColumnMinimum: 24);
    }

    private static void Label(IXLWorksheet ws, int row, string label, string value)
    {
        ws.Cell(row, 1).SetValue(label);
        ws.Cell(row, 1).Style.Font.Bold = true;
        ws.Cell(row, 2).SetValue(value);
    }

    private static void Methods(IXLWorksheet ws, Briefing b)
    {
        var total = b.Methods.Sum(m => m.Current);
        var totalPrevious = b.Methods.Sum(m => m.Previous);
        var sheet = new Sheet(ws, 1, "方式 Method", "代码 Code", "本月 Current", "上月 Previous", "变化 Change", "占比 Share", "上月占比 Previous share");
        foreach (var m in b.Methods)
            sheet.Row().Text(Method(m.Method)).Text(m.Method)
                .Number(m.Current, CountFormat).Number(m.Previous, CountFormat).Number(m.Current - m.Previous, CountChangeFormat)
                .Number(Share(m.Current, total), PercentFormat).Number(Share(m.Previous, totalPrevious), PercentFormat);
        sheet.Finish();
    }

    private static void Findings(IXLWorksheet ws, Briefing b)
    {
        var sheet = new Sheet(ws, 1, "日期 Date", "贷款 Loan", "借款人 Borrower", "方式 Method", "风险 Rating", "发现 Findings", "填报人 Author");
        foreach (var f in b.Findings)
            sheet.Row().Date(f.VisitedOn).Text(f.LoanExternalId).Text(f.BorrowerName).Text(Method(f.Method))
                .Text(RiskRating(f.RiskRating)).Text(f.Findings, wrap: true).Text(f.Author);
        sheet.Finish();
    }

    private static void Actions(IXLWorksheet ws, Briefing b)
    {
        var sheet = new Sheet(ws, 1, "类别 Kind", "代码 Code", "本月 Current", "上月 Previous", "变化 Change");
        foreach (var a in b.Actions)
            sheet.Row().Text(ActionKind(a.Kind)).Text(a.Kind)
                .Number(a.Current, CountFormat).Number(a.Previous, CountFormat).Number(a.Current - a.Previous, CountChangeFormat);
        sheet.Finish();
    }

    private static void Alerts(IXLWorksheet ws, Briefing b)
    {
        var sheet = new Sheet(ws, 1, "等级 Severity", "代码 Code", "本月 Current", "上月 Previous", "变化 Change");
        foreach (var a in b.NewAlerts)
            sheet.Row().Text(Severity(a.Severity)).Text(a.Severity)
                .Number(a.Current, CountFormat).Number(a.Previous, CountFormat).Number(a.Current - a.Previous, CountChangeFormat);
        sheet.Finish();
    }

    private static void Migrations(IXLWorksheet ws, Briefing b)
    {
        var sheet = new Sheet(ws, 1, "从 From", "到 To", "方向 Direction", "笔数 Loans", "月末余额 Balance");
        foreach (var m in b.ClassMigrations)
            sheet.Row().Text(RiskClassName(m.From)).Text(RiskClassName(m.To)).Text(MoveDirection(m.From, m.To))
                .Number(m.Loans, CountFormat).Money(m.Balance);
        sheet.Finish();
    }

    private static void TopLoans(IXLWorksheet ws, Briefing b)
    {
        var sheet = new Sheet(ws, 1, "序号 #", "贷款 Loan", "借款人 Borrower", "细分 Segment", "分类 Class", "逾期天数 DPD",
            "未还本金 Outstanding", "PD", "ECL", "客户经理 Manager");
        var rank = 0;
        foreach (var l in b.TopLoansAtRisk)
            sheet.Row().Number(++rank, CountFormat).Text(l.LoanExternalId).Text(l.BorrowerName).Text(l.Segment)
                .Text(RiskClassName(l.RiskClass)).Number(l.Dpd, CountFormat).Money(l.OutstandingPrincipal)
                .Number((double?)l.Pd, ProbabilityFormat).Money(l.Ecl).Text(l.AccountManager ?? Missing);
        sheet.Finish();
    }

    private static void Managers(IXLWorksheet ws, Briefing b)
    {
        var sheet = new Sheet(ws, 1, "客户经理 Manager", "团队 Team", "计划 Planned", "完成 Done", "按时 On time",
            "完成率 Completion", "按时率 On-time", "首次行动天数 Days to first action");
        foreach (var m in b.Managers)
            sheet.Row().Text(m.Manager).Text(m.Team ?? Missing)
                .Number(m.Planned, CountFormat).Number(m.Done, CountFormat).Number(m.DoneOnTime, CountFormat)
                .Number(m.CompletionRate, PercentFormat).Number(m.OnTimeRate, PercentFormat).Number(m.MeanDaysToFirstAction, DaysFormat);
        sheet.Finish();
    }

    /// <summary>
    /// Writes one table row by row and sizes its columns from what was written. Column widths are counted here
    /// rather than with ClosedXML's AdjustToContents, which measures text through System.Drawing (GDI+, not
    /// available on Linux); a CJK character counts as two widths.
    /// </summary>
    private sealed class Sheet
    {
        private const int WrapWidth = 60;
        private readonly IXLWorksheet _ws;
        private readonly double[] _widths;
        private int _row;
        private int _column;

        public Sheet(IXLWorksheet ws, int headerRow, params string[] header)
        {
            _ws = ws;
            _row = headerRow;
            _widths = new double[header.Length];
            for (var i = 0; i < header.Length; i++)
            {
                var cell = ws.Cell(headerRow, i + 1);
                cell.SetValue(header[i]);
                Measure(i, header[i]);
            }
            var range = ws.Range(headerRow, 1, headerRow, header.Length);
            range.Style.Font.Bold = true;
            range.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDE5F0");
            ws.SheetView.FreezeRows(headerRow);
        }

        public Sheet Row()
        {
            _row++;
            _column = 0;
            return this;
        }

        public Sheet Text(string text, bool wrap = false)
        {
            var cell = Next();
            // SetValue, not Value: ClosedXML's Value setter guesses types and would turn a loan number such as
            // "0012" into 12 or a date-like text into a serial number.
            cell.SetValue(text);
            if (wrap) cell.Style.Alignment.WrapText = true;
            Measure(_column - 1, text, wrap ? WrapWidth : null);
            return this;
        }

        public Sheet Number(double? value, string format)
        {
            var cell = Next();
            if (value is { } v)
            {
                cell.Value = v;
                cell.Style.NumberFormat.Format = format;
                Measure(_column - 1, v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                cell.SetValue(Missing);
                cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
            }
            return this;
        }

        public Sheet Money(decimal? amount) => Number((double?)amount, MoneyFormat);

        public Sheet Date(DateOnly date)
        {
            var cell = Next();
            cell.Value = date.ToDateTime(TimeOnly.MinValue);
            cell.Style.NumberFormat.Format = DateFormat;
            Measure(_column - 1, "yyyy-mm-dd");
            return this;
        }

        public void Finish(double firstColumnMinimum = 0)
        {
            _widths[0] = Math.Max(_widths[0], firstColumnMinimum);
            for (var i = 0; i < _widths.Length; i++)
                _ws.Column(i + 1).Width = Math.Clamp(_widths[i] + 2, 8, WrapWidth + 2);
        }

        private IXLCell Next() => _ws.Cell(_row, ++_column);

        private void Measure(int column, string text, int? cap = null)
        {
            var width = text.Sum(ch => ch > 0x2E80 ? 2.0 : 1.0);
            // Excel's width unit is one digit of the default font; letters and separators run a little wider.
            width *= 1.15;
            _widths[column] = Math.Max(_widths[column], cap is { } c ? Math.Min(width, c) : width);
        }
    }
}
