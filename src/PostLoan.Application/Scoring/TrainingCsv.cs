using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using PostLoan.Application.Common;
using PostLoan.Domain.Scoring;
using static System.FormattableString;

namespace PostLoan.Application.Scoring;

/// <summary>What to read from a CSV file to train on (docs/scoring.md).</summary>
/// <param name="Target">The column holding the outcome.</param>
/// <param name="BadValue">The target's value that marks a bad row; every other value is good.</param>
/// <param name="Exclude">Columns not to use (an id, a date).</param>
/// <param name="Categorical">Columns to treat as categories even when every value is a number (a branch code).</param>
public sealed record TrainingCsvRequest(string Path, string Target, string BadValue, IReadOnlyList<string>? Exclude = null, IReadOnlyList<string>? Categorical = null);

/// <summary>A training table read from CSV, with the header it came from.</summary>
public sealed record TrainingTable(TrainingData Data, string Target, string BadValue, IReadOnlyList<string> Header);

/// <summary>
/// Reads a CSV file (header row, comma separated, UTF-8) into training data. A column whose every filled value is a number
/// (invariant culture: <c>1234.5</c>) is numeric; one where a few are not is refused as garbage, naming the line; any
/// other is categorical. An empty cell or <c>NA</c> is missing.
/// </summary>
public static class TrainingCsv
{
    /// <summary>A column with at least this share of numbers among its filled values is taken as numeric with garbage in it.</summary>
    public const double NumericShare = 0.9;

    public static Result<TrainingTable> Read(TrainingCsvRequest request) =>
        File.Exists(request.Path) ? Read(File.OpenText(request.Path), request) : Result<TrainingTable>.Invalid("csv", $"no file {request.Path}");

    public static Result<TrainingTable> Read(TextReader text, TrainingCsvRequest request)
    {
        var read = Rows(text);
        if (!read.Succeeded) return Result<TrainingTable>.Invalid("csv", read.Failure!.Message);
        var (header, rows, lines) = read.Value!;
        var target = header.IndexOf(request.Target);
        if (target < 0) return Result<TrainingTable>.Invalid("target", $"no column {request.Target}; the columns are {string.Join(", ", header)}");
        foreach (var name in (request.Exclude ?? []).Concat(request.Categorical ?? []))
            if (!header.Contains(name, StringComparer.Ordinal))
                return Result<TrainingTable>.Invalid("columns", $"unknown column {name}; the columns are {string.Join(", ", header)}");
        if (rows.Count == 0) return Result<TrainingTable>.Invalid("csv", "the file has a header but no data rows");

        var bad = new bool[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var value = rows[r][target].Trim();
            if (IsMissing(value)) return Result<TrainingTable>.Invalid("target", Invariant($"line {lines[r]}: {request.Target} is empty; every row needs an outcome"));
            bad[r] = value == request.BadValue;
        }
        var bads = bad.Count(b => b);
        if (bads == 0 || bads == rows.Count)
        {
            var seen = rows.GroupBy(f => f[target].Trim(), StringComparer.Ordinal).OrderByDescending(g => g.Count())
                .Select(g => Invariant($"{g.Key} ({g.Count():N0})"));
            return Result<TrainingTable>.Invalid("bad", bads == 0
                ? $"no row has {request.Target} = {request.BadValue}: a model needs bad rows as well as good ones; {request.Target} holds {string.Join(", ", seen)}"
                : $"every row has {request.Target} = {request.BadValue}: a model needs good rows as well as bad ones");
        }

        var columns = new List<DataColumn>();
        for (var c = 0; c < header.Count; c++)
        {
            if (c == target || (request.Exclude ?? []).Contains(header[c], StringComparer.Ordinal)) continue;
            var raw = rows.Select(f => f[c].Trim()).ToArray();
            if ((request.Categorical ?? []).Contains(header[c], StringComparer.Ordinal))
            {
                columns.Add(new CategoricalColumn(header[c], [.. raw.Select(v => IsMissing(v) ? null : v)]));
                continue;
            }
            var (numbers, filled, notNumbers) = Numbers(raw);
            if (notNumbers.Count == 0 && filled > 0) columns.Add(new NumericColumn(header[c], numbers));
            else if (filled > 0 && filled - notNumbers.Count >= NumericShare * filled)
                return Result<TrainingTable>.Invalid(header[c], Garbage(header[c], raw, notNumbers, lines) + ", or name the column with --categorical");
            else columns.Add(new CategoricalColumn(header[c], [.. raw.Select(v => IsMissing(v) ? null : v)]));
        }
        if (columns.Count == 0) return Result<TrainingTable>.Invalid("columns", "no column is left to train on besides the target");
        return Result<TrainingTable>.Ok(new TrainingTable(new TrainingData(columns, bad), request.Target, request.BadValue, header));
    }

    /// <summary>
    /// Reads a file to score: the columns a model reads, each as the model takes it (<paramref name="numeric"/> by name:
    /// true for numbers), and the header and raw rows to write back with the scores.
    /// </summary>
    public static Result<(TrainingData Data, List<string> Header, List<string[]> Rows)> ReadToScore(string path, IReadOnlyDictionary<string, bool> numeric)
    {
        if (!File.Exists(path)) return Result<(TrainingData, List<string>, List<string[]>)>.Invalid("csv", $"no file {path}");
        var read = Rows(File.OpenText(path));
        if (!read.Succeeded) return Result<(TrainingData, List<string>, List<string[]>)>.Invalid("csv", read.Failure!.Message);
        var (header, rows, lines) = read.Value!;
        var columns = new List<DataColumn>();
        foreach (var (name, isNumber) in numeric)
        {
            var c = header.IndexOf(name);
            if (c < 0) return Result<(TrainingData, List<string>, List<string[]>)>.Invalid(name, $"no column {name}, which the model reads; the columns are {string.Join(", ", header)}");
            var raw = rows.Select(f => f[c].Trim()).ToArray();
            if (!isNumber)
            {
                columns.Add(new CategoricalColumn(name, [.. raw.Select(v => IsMissing(v) ? null : v)]));
                continue;
            }
            var (numbers, _, notNumbers) = Numbers(raw);
            if (notNumbers.Count > 0) return Result<(TrainingData, List<string>, List<string[]>)>.Invalid(name, Garbage(name, raw, notNumbers, lines));
            columns.Add(new NumericColumn(name, numbers));
        }
        return Result<(TrainingData, List<string>, List<string[]>)>.Ok((new TrainingData(columns, new bool[rows.Count]), header, rows));
    }

    private static Result<(List<string> Header, List<string[]> Rows, List<int> Lines)> Rows(TextReader text)
    {
        var rows = new List<string[]>();
        var lines = new List<int>();
        using (text)
        using (var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false, BadDataFound = null }))
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } names)
                return Result<(List<string>, List<string[]>, List<int>)>.Invalid("csv", "the file is empty: it needs a header row and data rows");
            List<string> header = [.. names.Select(n => n.Trim())];
            var duplicate = header.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) return Result<(List<string>, List<string[]>, List<int>)>.Invalid("csv", $"the header names column {duplicate.Key} twice");
            while (csv.Read())
            {
                var line = csv.Parser.RawRow;
                var fields = csv.Parser.Record ?? [];
                if (fields.Length == 1 && string.IsNullOrWhiteSpace(fields[0])) continue;
                if (fields.Length != header.Count)
                    return Result<(List<string>, List<string[]>, List<int>)>.Invalid("csv", Invariant($"line {line}: {fields.Length} fields, the header has {header.Count}"));
                rows.Add(fields);
                lines.Add(line);
            }
            return Result<(List<string>, List<string[]>, List<int>)>.Ok((header, rows, lines));
        }
    }

    private static (double?[] Numbers, int Filled, List<int> NotNumbers) Numbers(string[] raw)
    {
        var numbers = new double?[raw.Length];
        var filled = 0;
        var notNumbers = new List<int>();
        for (var r = 0; r < raw.Length; r++)
        {
            if (IsMissing(raw[r])) continue;
            filled++;
            if (double.TryParse(raw[r], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) numbers[r] = v;
            else notNumbers.Add(r);
        }
        return (numbers, filled, notNumbers);
    }

    private static string Garbage(string column, string[] raw, List<int> notNumbers, List<int> lines) =>
        Invariant($"column {column} holds numbers but {notNumbers.Count:N0} value(s) are not numbers (")
        + string.Join("; ", notNumbers.Take(3).Select(r => Invariant($"line {lines[r]}: '{raw[r]}'")))
        + "); fix them or leave them empty for missing";

    private static bool IsMissing(string value) => value.Length == 0 || value == "NA";
}
