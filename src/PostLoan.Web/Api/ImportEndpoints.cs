using System.Security.Claims;
using PostLoan.Application.Import;
using PostLoan.Infrastructure.Identity;
using PostLoan.Infrastructure.Import;
using PostLoan.Web.Security;

namespace PostLoan.Web.Api;

/// <summary>What an accepted file did, with the kind as the command line names it (<c>fund_uses</c>).</summary>
/// <param name="File">The uploaded file's name; null for a raw body.</param>
public sealed record ImportSummary(string Kind, string? File, int Rows, int Inserted, int Updated, int Unchanged);

/// <summary>
/// The CSV imports of the command line over HTTP (docs/import-formats.md, docs/web.md): the same service, the
/// same all-or-nothing rule, the caller recorded in the audit trail as who imported.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>The largest file accepted, raw or uploaded: 50 MB.</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>Who loads monitoring data (statements, covenants, collateral, signals…), each inside their data scope.</summary>
    public static readonly string[] MonitoringImporters = [Roles.RiskOfficer, Roles.AccountManager];

    /// <summary>
    /// Who loads the loan book itself (borrowers, loans, schedules, repayments, transactions): it comes from the core
    /// system, so administrators (and integrations given that role), who see the whole book.
    /// </summary>
    public static readonly string[] BookImporters = [Roles.Administrator];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/imports/{kind}", Import)
            .WithTags("Imports")
            .RequireAuthorization(p => p.RequireRole([.. MonitoringImporters, .. BookImporters]))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFileBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxFileBytes + 64 * 1024)
            .WithSummary("Imports one CSV file of a kind (borrowers … signals) as `postloan import` does: the body as text/csv, or a multipart form with one file; "
                + "a file with any bad row imports nothing and answers 400 listing every problem with its row, column, value and cause");
    }

    private static async Task<IResult> Import(string kind, string? encoding, HttpRequest request, ClaimsPrincipal user, ImportService imports)
    {
        if (!ImportKinds.TryParse(kind, out var k))
            return TypedResults.Problem($"no import of kind '{kind}'; the kinds are: {string.Join(", ", ImportKinds.Names)}",
                statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        var roles = k.IsMonitoring() ? MonitoringImporters : BookImporters;
        if (!roles.Any(user.IsInRole))
            return TypedResults.Problem($"importing {k.Name()} needs the role {string.Join(" or ", roles)}",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
        ImportEncoding? decoding = encoding?.ToLowerInvariant() switch
        {
            null or "" or "auto" => ImportEncoding.Auto,
            "utf-8" or "utf8" => ImportEncoding.Utf8,
            "gb18030" => ImportEncoding.Gb18030,
            _ => null,
        };
        if (decoding is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["encoding"] = ["encoding must be auto, utf-8 or gb18030"] });
        if (request.ContentLength > MaxFileBytes)
            return TooLarge();

        var (file, body, problem) = await ReadBody(request);
        if (problem is not null) return problem;
        using (body)
        {
            var result = imports.Import(k, body!, decoding.Value, actor: user.Actor(), fileName: file, scope: user.Scope());
            return result.ToHttp(file);
        }
    }

    /// <summary>The file in memory (the import reads it twice: to hash it and to parse it) and its name, or why it is refused.</summary>
    private static async Task<(string? File, MemoryStream? Body, IResult? Problem)> ReadBody(HttpRequest request)
    {
        Stream source;
        string? name = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            if (form.Files.Count != 1)
                return (null, null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"the form must carry exactly one file; it carries {form.Files.Count}"] }));
            name = Path.GetFileName(form.Files[0].FileName);
            source = form.Files[0].OpenReadStream();
        }
        else if (request.ContentType is { } type && (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            source = request.Body;
        }
        else
        {
            return (null, null, TypedResults.Problem("send the file as the body with Content-Type text/csv, or as the one file of a multipart/form-data form",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type."));
        }
        var body = new MemoryStream();
        try
        {
            await source.CopyToAsync(body, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await body.DisposeAsync();
            return (null, null, TooLarge());
        }
        finally
        {
            if (!ReferenceEquals(source, request.Body)) await source.DisposeAsync();
        }
        body.Position = 0;
        return (name, body, null);
    }

    private static IResult TooLarge() => TypedResults.Problem($"the file is larger than {MaxFileBytes / (1024 * 1024)} MB; split it and import the parts",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large.");
}
