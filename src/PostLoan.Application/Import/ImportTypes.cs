using PostLoan.Domain.Loans;
using PostLoan.Infrastructure.Import;

namespace PostLoan.Application.Import;

/// <summary>The kinds of file an import takes (docs/import-formats.md), named on the command line in snake_case (<see cref="ImportKinds"/>).</summary>
public enum ImportKind
{
    Borrowers,
    Loans,
    Schedules,
    Repayments,
    Transactions,
    /// <summary>Borrowers' financial statements.</summary>
    Statements,
    Covenants,
    /// <summary>Project milestones of project-finance loans.</summary>
    Milestones,
    FundUses,
    Collateral,
    /// <summary>Revaluations of collateral.</summary>
    Valuations,
    Guarantors,
    /// <summary>Credit-bureau snapshots of borrowers.</summary>
    Bureau,
    /// <summary>Other external signals: court cases, enforcement, adverse news, executive and industry-list changes.</summary>
    Signals,
}

/// <summary>The names of the import kinds as the command line, the audit trail and the docs write them (<c>fund_uses</c>).</summary>
public static class ImportKinds
{
    public static string Name(this ImportKind kind) => kind.Snake();

    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<ImportKind>().Select(k => k.Snake()).ToArray();

    /// <summary>
    /// The monitoring data early warning reads (statements through signals), as against the loan book itself
    /// (borrowers, loans, schedules, repayments, transactions).
    /// </summary>
    public static bool IsMonitoring(this ImportKind kind) => kind is ImportKind.Statements or ImportKind.Covenants or ImportKind.Milestones
        or ImportKind.FundUses or ImportKind.Collateral or ImportKind.Valuations or ImportKind.Guarantors or ImportKind.Bureau or ImportKind.Signals;

    public static bool TryParse(string? name, out ImportKind kind) => EnumNames.TryParseSnake(name, out kind);

    public static ImportKind Parse(string name) =>
        EnumNames.TryParseSnake<ImportKind>(name, out var kind) ? kind : throw new ArgumentException($"unknown import kind '{name}'; one of: {string.Join(", ", Names)}", nameof(name));
}

/// <summary>What an import did. When <see cref="Succeeded"/> is false nothing was written.</summary>
public sealed record ImportResult(ImportKind Kind, int Rows, int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>A refused file: nothing written; the problems in file order.</summary>
    public static ImportResult Failed(ImportKind kind, int rows, IReadOnlyList<ImportProblem> problems) =>
        new(kind, rows, 0, 0, 0, problems.OrderBy(p => p.Row).ToList());
}
