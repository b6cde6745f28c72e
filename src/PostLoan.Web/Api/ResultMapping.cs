using PostLoan.Application.Common;

namespace PostLoan.Web.Api;

/// <summary>Maps a use case's expected failures to RFC 7807 problem details, in one place.</summary>
public static class ResultMapping
{
    public static IResult ToHttp<T>(this Result<T> result) => result.Succeeded ? TypedResults.Ok(result.Value) : Problem(result.Failure!);

    public static IResult Problem(Failure failure) => failure.Kind switch
    {
        FailureKind.Invalid => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [failure.Field ?? "request"] = [failure.Message] },
            detail: failure.Message, title: "The request is not valid."),
        FailureKind.NotFound => TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found."),
        _ => TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict."),
    };
}
