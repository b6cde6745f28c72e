namespace PostLoan.Domain.Common;

/// <summary>A broken invariant of the domain model: a programming or data error, not user input.</summary>
public sealed class DomainException(string message) : Exception(message);
