using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>The kinds of file an import takes (docs/import-formats.md), named on the command line in lower case.</summary>
public enum ImportKind
{
    Borrowers,
    Loans,
    Schedules,
    Repayments,
    Transactions,
}

/// <summary>What an import did. When <see cref="Succeeded"/> is false nothing was written.</summary>
public sealed record ImportResult(ImportKind Kind, int Rows, int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>A refused file: nothing written; the problems in file order.</summary>
    public static ImportResult Failed(ImportKind kind, int rows, IReadOnlyList<ImportProblem> problems) =>
        new(kind, rows, 0, 0, 0, problems.OrderBy(p => p.Row).ToList());
}
