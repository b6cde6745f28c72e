namespace PostLoan.Application.Common;

public enum FailureKind
{
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>An expected failure of a use case: bad input, something missing, or a conflict with the current state.</summary>
/// <param name="Field">The input the failure is about, when there is one.</param>
public sealed record Failure(FailureKind Kind, string Message, string? Field = null);

/// <summary>A use case's outcome: a value, or an expected failure. Broken invariants throw instead.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }
    public Failure? Failure { get; }
    public bool Succeeded => Failure is null;

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Invalid(string field, string message) => new(default, new Failure(FailureKind.Invalid, message, field));
    public static Result<T> NotFound(string message) => new(default, new Failure(FailureKind.NotFound, message));
    public static Result<T> Conflict(string message) => new(default, new Failure(FailureKind.Conflict, message));
}
