using PostLoan.Application.Common;
using PostLoan.Application.Import;

namespace PostLoan.Web.Api;

/// <summary>Maps a use case's expected failures to RFC 7807 problem details, in one place.</summary>
public static class ResultMapping
{
    public static IResult ToHttp<T>(this Result<T> result) => result.Succeeded ? TypedResults.Ok(result.Value) : Problem(result.Failure!);

    /// <summary>
    /// An accepted file answers 200 with its counts; a refused one 400 like any other invalid request, with every
    /// problem under <c>errors</c> (keyed <c>row N: column</c>) and, as the CLI prints them, under <c>problems</c>
    /// (<c>row</c>, <c>column</c>, <c>value</c>, <c>cause</c>; sensitive values masked).
    /// </summary>
    public static IResult ToHttp(this ImportResult result, string? file)
    {
        if (result.Succeeded)
            return TypedResults.Ok(new Api.ImportSummary(result.Kind.Name(), file, result.Rows, result.Inserted, result.Updated, result.Unchanged));
        var errors = result.Problems
            .GroupBy(p => p.Column.Length > 0 ? $"row {p.Row}: {p.Column}" : $"row {p.Row}")
            .ToDictionary(g => g.Key, g => g.Select(p => p.Cause).ToArray());
        return TypedResults.ValidationProblem(errors,
            detail: $"{result.Problems.Count} problem(s) in the file; nothing was imported.", title: "The file is not valid.",
            extensions: new Dictionary<string, object?>
            {
                ["kind"] = result.Kind.Name(),
                ["file"] = file,
                ["problems"] = result.Problems,
            });
    }

    public static IResult Problem(Failure failure) => failure.Kind switch
    {
        FailureKind.Invalid => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [failure.Field ?? "request"] = [failure.Message] },
            detail: failure.Message, title: "The request is not valid."),
        FailureKind.NotFound => TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found."),
        _ => TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict."),
    };
}
