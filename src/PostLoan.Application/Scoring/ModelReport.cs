using System.Globalization;
using System.Net;
using System.Text;
using PostLoan.Domain.Scoring;

namespace PostLoan.Application.Scoring;

/// <summary>
/// The report of a training run, for a risk officer or a validator: the figures, the variables and why each was kept or
/// left out, and the points table. One document, written as Markdown and as a self-contained HTML page.
/// </summary>
public sealed class ModelReport
{
    private readonly List<(string Kind, string Text, string[][]? Rows)> _blocks = [];

    private ModelReport Heading(string text) => Add("h", text);
    private ModelReport Sub(string text) => Add("h3", text);
    private ModelReport Para(string text) => Add("p", text);
    private ModelReport Table(string[] header, IEnumerable<string[]> rows)
    {
        _blocks.Add(("table", "", [header, .. rows]));
        return this;
    }

    private ModelReport Add(string kind, string text)
    {
        _blocks.Add((kind, text, null));
        return this;
    }

    public static ModelReport Of(TrainedModels m)
    {
        var data = m.Table.Data;
        var card = m.Scorecard.Scorecard;
        var (min, max) = card.ScoreRange();
        var s = card.Scaling;
        var report = new ModelReport()
            .Heading($"Scorecard for {m.Table.Target} = {m.Table.BadValue}")
            .Para(Invariant($"{data.Rows:N0} rows, {data.BadCount:N0} bad ({(double)data.BadCount / data.Rows:P1}); {data.Columns.Count} candidate columns, {card.Variables.Count} in the scorecard. ")
                + Invariant($"Figures are the mean over {m.Options.Folds} stratified folds (seed {m.Options.Seed}): each fold's models were fitted on the other folds and measured on it."))
            .Sub("Figures")
            .Table(["model", "AUC", "KS", "Gini"],
                [Figures("scorecard (WoE logistic regression, points)", m.ScorecardFigures), Figures("challenger (LightGBM)", m.ChallengerFigures)])
            .Table(["fold", "rows", "bad", "scorecard AUC", "scorecard KS", "challenger AUC", "challenger KS"],
                [.. m.Folds.Select(f => new[] { N(f.Fold), N(f.Rows), N(f.Bad), F(f.Scorecard.Auc), F(f.Scorecard.Ks), F(f.Challenger.Auc), F(f.Challenger.Ks) })])
            .Sub("Scaling")
            .Para(Invariant($"{s.BaseScore:0.##} points at good:bad odds of {s.BaseOdds:0.##}:1, {s.Pdo:0.##} more points each time the odds double (factor {s.Factor:0.####}, offset {s.Offset:0.####}). ")
                + Invariant($"Regression intercept {card.Intercept:0.####}. Scores run from {min} to {max}; a score's PD is 1 / (1 + e^((score − offset) / factor)), ")
                + Invariant($"so {s.BaseScore:0.##} stands for a PD of {s.PdOf(s.BaseScore):P2}."))
            .Sub("Variables")
            .Para("Information value (IV) of each candidate after binning; a variable is kept when its IV reaches the minimum, it does not correlate too strongly with a stronger one, and its coefficient has the expected sign.")
            .Table(["variable", "type", "IV", "kept", "why", "coefficient"],
                [.. m.Scorecard.Choices.Select(c => new[]
                {
                    c.Name, m.Scorecard.Candidates.First(v => v.Name == c.Name).Numeric ? "numeric" : "categorical", F(c.Iv), c.Selected ? "yes" : "no", c.Reason,
                    card.Variables.FirstOrDefault(v => v.Name == c.Name) is { } kept ? F(kept.Coefficient) : "",
                })])
            .Sub("Points table")
            .Para("WoE is ln(share of goods / share of bads) in the bin: positive is better than average. A value no bin takes (a category not seen in training, or a missing value where training had none) gets the neutral points.");
        foreach (var v in card.Variables)
            report.Para($"**{v.Name}** (IV {F(v.Binning.Iv)})")
                .Table(["bin", "rows", "bad rate", "WoE", "IV", "points"],
                    [.. v.Binning.Bins.Select((b, i) => new[] { b.Label, N(b.Total), b.BadRate.ToString("P1", CultureInfo.InvariantCulture), F(b.Woe), F(b.Iv), N(v.Points[i]) }),
                        ["neutral", "", "", "0", "", N(v.NeutralPoints)]]);
        return report;
    }

    private static string[] Figures(string name, Discrimination d) => [name, F(d.Auc), F(d.Ks), F(d.Gini)];
    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
    private static string N(int v) => v.ToString("N0", CultureInfo.InvariantCulture);
    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);

    public string Markdown()
    {
        var md = new StringBuilder();
        foreach (var (kind, text, rows) in _blocks)
        {
            switch (kind)
            {
                case "h": md.Append("# ").AppendLine(text); break;
                case "h3": md.Append("## ").AppendLine(text); break;
                case "p": md.AppendLine(text); break;
                default:
                    md.AppendLine("| " + string.Join(" | ", rows![0].Select(Cell)) + " |");
                    md.AppendLine("|" + string.Concat(rows[0].Select(_ => "---|")));
                    foreach (var row in rows.Skip(1)) md.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
                    break;
            }
            md.AppendLine();
        }
        return md.ToString();

        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
    }

    public string Html()
    {
        var html = new StringBuilder("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Scorecard report</title>
            <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;max-width:70rem;color:#222}
            table{border-collapse:collapse;margin:.5rem 0 1.2rem}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
            th{background:#f2f4f7}td:not(:first-child){font-variant-numeric:tabular-nums}</style></head><body>

            """);
        foreach (var (kind, text, rows) in _blocks)
        {
            switch (kind)
            {
                case "h": html.Append("<h1>").Append(Inline(text)).AppendLine("</h1>"); break;
                case "h3": html.Append("<h2>").Append(Inline(text)).AppendLine("</h2>"); break;
                case "p": html.Append("<p>").Append(Inline(text)).AppendLine("</p>"); break;
                default:
                    html.Append("<table><thead><tr>").Append(string.Concat(rows![0].Select(c => $"<th>{Inline(c)}</th>"))).Append("</tr></thead><tbody>");
                    foreach (var row in rows.Skip(1)) html.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{Inline(c)}</td>"))).Append("</tr>");
                    html.AppendLine("</tbody></table>");
                    break;
            }
        }
        return html.AppendLine("</body></html>").ToString();

        // Only **bold** is used in the text; everything else is escaped.
        static string Inline(string s)
        {
            var parts = WebUtility.HtmlEncode(s).Split("**");
            return string.Concat(parts.Select((p, i) => i % 2 == 1 ? $"<strong>{p}</strong>" : p));
        }
    }
}
