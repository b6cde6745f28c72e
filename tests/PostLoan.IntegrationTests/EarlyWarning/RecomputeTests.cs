using PostLoan.Application.EarlyWarning;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.EarlyWarning;

public sealed class RecomputeTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Flagging_more_loans_than_a_statement_takes_parameters_flags_each_of_them()
    {
        ConsumerBook.Import(_db, "A1", "A2", "A3");
        var ids = _db.DumpTable("SELECT id FROM loans WHERE external_id IN ('A1', 'A3') ORDER BY id").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => long.Parse(line["id=".Length..^1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        _db.Execute("UPDATE loans SET needs_recompute = " + (TestDatabases.OnPostgres ? "false" : "0"));

        // 70,000 ids: more than SQLite (32,766) or PostgreSQL (65,535) binds in one statement.
        using (var db = _db.Settings.CreateContext())
            Recompute.Loans(db, [.. Enumerable.Range(1_000_000, 70_000).Select(i => (long)i), .. ids]);

        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute").ShouldBe(2);
        _db.Count("SELECT COUNT(*) FROM loans WHERE needs_recompute AND external_id IN ('A1', 'A3')").ShouldBe(2);
    }
}
