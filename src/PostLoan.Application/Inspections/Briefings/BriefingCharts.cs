using ScottPlot;
using static PostLoan.Application.Inspections.Briefings.BriefingText;

namespace PostLoan.Application.Inspections.Briefings;

/// <summary>
/// The briefing's charts as PNG bytes, drawn with ScottPlot (MIT) on SkiaSharp, so that the PDF and a web page can
/// show the same pictures. Each chart sets the previous month (grey) beside the current one. Sizes are in points of
/// the page; the PNG has <c>scale</c> pixels per point so that it stays sharp when printed.
/// </summary>
public static class BriefingCharts
{
    private static readonly Color PreviousColor = Color.FromHex("#B0B7C3");
    private static readonly Color CurrentColor = Color.FromHex("#2F6DB5");
    private static readonly object Gate = new();
    private static bool _fontAdded;

    /// <summary>Planned, done and done on time, current month beside the previous one (grouped bars).</summary>
    public static byte[] Progress(Briefing b, int width = 520, int height = 230, float scale = 2f)
    {
        var groups = new[]
        {
            ("计划 Planned", (double)b.Current.Planned, (double)b.Previous.Planned),
            ("完成 Done", b.Current.Done, b.Previous.Done),
            ("按时 On time", b.Current.DoneOnTime, b.Previous.DoneOnTime),
        };
        return Grouped("计划、完成与按时 Planned, done, on time", groups, null, width, height, scale);
    }

    /// <summary>Reports by method (电话/现场/线上核查), current month beside the previous one.</summary>
    public static byte[] Methods(Briefing b, int width = 255, int height = 200, float scale = 2f) =>
        Grouped("回访方式 Methods", b.Methods.Select(m => (Method(m.Method), (double)m.Current, (double)m.Previous)).ToArray(), null, width, height, scale);

    /// <summary>New alerts by severity (红/橙/黄), each in its own colour; the previous month is the paler bar.</summary>
    public static byte[] NewAlerts(Briefing b, int width = 255, int height = 200, float scale = 2f) =>
        Grouped("新增预警 New alerts", b.NewAlerts.Select(a => (Severity(a.Severity), (double)a.Current, (double)a.Previous)).ToArray(),
            b.NewAlerts.Select(a => SeverityColor(a.Severity)).ToArray(), width, height, scale);

    private static Color SeverityColor(string code) => code.Trim().ToLowerInvariant() switch
    {
        "red" => Color.FromHex("#D62828"),
        "orange" => Color.FromHex("#F77F00"),
        "yellow" => Color.FromHex("#E9C46A"),
        _ => CurrentColor,
    };

    /// <param name="colors">A current-month colour per group; null for the common one.</param>
    private static byte[] Grouped(string title, (string Label, double Current, double Previous)[] groups, Color[]? colors, int width, int height, float scale)
    {
        UseFont();
        var plot = new Plot();
        plot.ScaleFactor = scale;
        plot.Title(title, size: 13);

        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < groups.Length; i++)
        {
            var (label, current, previous) = groups[i];
            var center = i * 3;
            var color = colors?[i] ?? CurrentColor;
            var pale = colors is null ? PreviousColor : color.WithAlpha(0.35);
            bars.Add(new Bar { Position = center - 0.5, Value = previous, FillColor = pale, Label = Count((int)previous), Size = 1 });
            bars.Add(new Bar { Position = center + 0.5, Value = current, FillColor = color, Label = Count((int)current), Size = 1 });
            ticks.Add(new Tick(center, label));
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 10;
        barPlot.ValueLabelStyle.FontName = BriefingFonts.Family;

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Grid.XAxisStyle.IsVisible = false;

        var max = groups.Length == 0 ? 0 : groups.Max(g => Math.Max(g.Current, g.Previous));
        // Headroom above the tallest bar for its value label and for the legend, which sits inside the top band.
        plot.Axes.SetLimitsY(0, Math.Max(1, max * 1.4 + 0.6));
        plot.Axes.SetLimitsX(-1.5, Math.Max(1, groups.Length * 3 - 1.5));
        if (groups.Length == 0) plot.Add.Annotation("本月无数据 No data", Alignment.MiddleCenter);

        // A narrow chart has room for the legend on one line only without the English glosses.
        var narrow = width < 400;
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontName = BriefingFonts.Family;
        plot.Legend.FontSize = 10;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = narrow ? "上月" : "上月 Previous", LabelFontName = BriefingFonts.Family, LabelFontSize = 10,
            FillColor = colors is null ? PreviousColor : Colors.Gray.WithAlpha(0.35),
        });
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = narrow ? "本月" : "本月 Current", LabelFontName = BriefingFonts.Family, LabelFontSize = 10,
            FillColor = colors is null ? CurrentColor : Colors.Gray,
        });
        // Font.Set reaches the title, axes and annotation; the legend and value labels above are named one by one
        // because they keep the face that was the default when they were made.
        plot.Font.Set(BriefingFonts.Family);

        return plot.GetImageBytes((int)(width * scale), (int)(height * scale), ImageFormat.Png);
    }

    /// <summary>SkiaSharp is used without fontconfig, so the CJK file is registered with ScottPlot by path, once.</summary>
    private static void UseFont()
    {
        lock (Gate)
        {
            if (_fontAdded) return;
            ScottPlot.Fonts.AddFontFile(BriefingFonts.Family, BriefingFonts.Path);
            _fontAdded = true;
        }
    }
}
