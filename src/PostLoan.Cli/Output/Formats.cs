using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PostLoan.Cli.Output;

public static class Formats
{
    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>JSON for files and scripts: snake_case names, dates as yyyy-MM-dd, amounts as numbers.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Amount(decimal value) => value.ToString("#,##0.00", Invariant);

    public static string Plain(decimal value) => value.ToString("0.00", Invariant);

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", Invariant) ?? "";

    public static string Percent(decimal ratio) => (ratio * 100m).ToString("0.00", Invariant) + " %";
}
