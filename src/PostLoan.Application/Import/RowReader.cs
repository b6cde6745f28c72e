using System.Globalization;
using PostLoan.Domain.Common;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>
/// Reads typed fields from the rows of one file and collects every problem with its row, column,
/// value and cause, so that one pass reports all of them.
/// </summary>
internal sealed class RowReader
{
    private readonly Dictionary<string, int> _index = [];

    // Problem reports are printed and may be logged: sensitive values (SPEC §12) appear in them only masked.
    private static readonly Dictionary<string, Func<string?, string?>> Sensitive = new()
    {
        ["national_id"] = Masking.NationalId,
        ["phone"] = Masking.Phone,
    };

    public RowReader(CsvTable table, IReadOnlyList<string> required, IReadOnlyList<string> optional, List<ImportProblem> problems)
    {
        Problems = problems;
        var known = required.Concat(optional).ToHashSet();
        for (var i = 0; i < table.Header.Count; i++)
        {
            var name = table.Header[i];
            if (!known.Contains(name))
                problems.Add(new ImportProblem(1, name, name, $"unknown column; the columns are: {string.Join(", ", required.Concat(optional))}"));
            else if (!_index.TryAdd(name, i))
                problems.Add(new ImportProblem(1, name, name, "column appears twice"));
        }
        foreach (var name in required)
            if (!_index.ContainsKey(name))
                problems.Add(new ImportProblem(1, name, "", "required column is missing"));
        HeaderValid = problems.Count == 0;
        foreach (var row in table.Rows)
        {
            if (row.Fields.Length != table.Header.Count)
                problems.Add(new ImportProblem(row.Number, "", Echo(table, row),
                    $"the row has {row.Fields.Length} fields and the header {table.Header.Count} (an unquoted comma in a value, or a missing one?)"));
        }
    }

    public List<ImportProblem> Problems { get; }

    /// <summary>False when the header itself is wrong; rows are then not read.</summary>
    public bool HeaderValid { get; }

    public void Add(CsvRow row, string column, string value, string cause) =>
        Problems.Add(new ImportProblem(row.Number, column, Sensitive.TryGetValue(column, out var mask) ? mask(value) ?? "" : value, cause));

    /// <summary>
    /// A malformed row as written; in a file with sensitive columns, whose values may have shifted to
    /// any position, every field holding 11 or more digits (a phone or id number) is hidden.
    /// </summary>
    private static string Echo(CsvTable table, CsvRow row) =>
        !table.Header.Any(Sensitive.ContainsKey)
            ? string.Join(",", row.Fields)
            : string.Join(",", row.Fields.Select(f => f.Count(char.IsAsciiDigit) >= 11 ? new string(Masking.MaskChar, f.Length) : f));

    public string Raw(CsvRow row, string column) =>
        _index.TryGetValue(column, out var i) && i < row.Fields.Length ? row.Fields[i].Trim() : "";

    public string? Text(CsvRow row, string column, bool required = false, int maxLength = 200)
    {
        var value = Raw(row, column);
        if (value.Length == 0)
        {
            if (required) Add(row, column, value, "required value is empty");
            return null;
        }
        if (value.Length > maxLength)
        {
            Add(row, column, value, $"longer than {maxLength} characters");
            return null;
        }
        return value;
    }

    public DateOnly? Date(CsvRow row, string column, bool required = false)
    {
        var value = Raw(row, column);
        if (value.Length == 0)
        {
            if (required) Add(row, column, value, "required date is empty");
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Add(row, column, value, "not a date in the form YYYY-MM-DD");
        return null;
    }

    /// <summary>A money amount: '.' as the decimal point, at most two decimals; zero only when allowed, negative only where a loss can be reported (a statement's profit).</summary>
    public decimal? Amount(CsvRow row, string column, bool required = false, bool allowZero = false, bool allowNegative = false)
    {
        var value = Raw(row, column);
        if (value.Length == 0)
        {
            if (required) Add(row, column, value, "required amount is empty");
            return null;
        }
        if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            Add(row, column, value, "not an amount (digits with '.' as the decimal point, no thousands separators)");
            return null;
        }
        if (amount < 0 && !allowNegative) Add(row, column, value, "amount must not be negative");
        else if (amount == 0 && !allowZero) Add(row, column, value, "amount must be greater than zero");
        else if (!Money.HasCents(amount)) Add(row, column, value, "amount has more than two decimal places");
        else if (Math.Abs(amount) > 1_000_000_000_000m) Add(row, column, value, "amount is implausibly large");
        else return amount;
        return null;
    }

    /// <param name="maxDecimals">Where the column is stored with a fixed scale, more decimals would be rounded away on one engine and kept on the other.</param>
    public decimal? Number(CsvRow row, string column, decimal min, decimal max, bool required = false, int maxDecimals = 28)
    {
        var value = Raw(row, column);
        if (value.Length == 0)
        {
            if (required) Add(row, column, value, "required number is empty");
            return null;
        }
        if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            Add(row, column, value, "not a number ('.' as the decimal point)");
            return null;
        }
        if (number < min || number > max)
        {
            Add(row, column, value, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        if (decimal.Round(number, maxDecimals) != number)
        {
            Add(row, column, value, $"more than {maxDecimals} decimal places");
            return null;
        }
        return number;
    }

    public int? Integer(CsvRow row, string column, int min, int max, bool required = false)
    {
        var value = Raw(row, column);
        if (value.Length == 0)
        {
            if (required) Add(row, column, value, "required number is empty");
            return null;
        }
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Add(row, column, value, "not a whole number");
            return null;
        }
        if (number < min || number > max)
        {
            Add(row, column, value, $"must be between {min} and {max}");
            return null;
        }
        return number;
    }

    public bool? Flag(CsvRow row, string column)
    {
        var value = Raw(row, column).ToLowerInvariant();
        switch (value)
        {
            case "": return null;
            case "true" or "1" or "yes" or "y": return true;
            case "false" or "0" or "no" or "n": return false;
            default:
                Add(row, column, value, "not a yes/no value (true, false, 1, 0, yes, no)");
                return null;
        }
    }

    public delegate bool TryParser<T>(string text, out T value);

    public T? Choice<T>(CsvRow row, string column, TryParser<T> parse, string allowed, bool required = false) where T : struct
    {
        var value = Raw(row, column);
        if (value.Length == 0)
        {
            if (required) Add(row, column, value, $"required value is empty; one of: {allowed}");
            return null;
        }
        if (parse(value, out var result)) return result;
        Add(row, column, value, $"not one of: {allowed}");
        return null;
    }
}
