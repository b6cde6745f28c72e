using System.Text.Json;

namespace PostLoan.Application.Common;

/// <summary>Small JSON objects for audit entries, with properties in the order given.</summary>
internal static class AuditJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(params (string Name, object? Value)[] properties)
    {
        var map = new Dictionary<string, object?>(properties.Length, StringComparer.Ordinal);
        foreach (var (name, value) in properties) map.Add(name, value);
        return JsonSerializer.Serialize(map, Options);
    }
}
