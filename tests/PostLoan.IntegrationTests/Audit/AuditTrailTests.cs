using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PostLoan.Application.Configuration;
using PostLoan.Application.EndOfDay;
using PostLoan.Application.Import;
using PostLoan.Domain.Audit;
using PostLoan.Infrastructure.Audit;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Audit;

/// <summary>The audit trail in a real SQLite file: what imports and end-of-day record, atomicity, and concurrent appends.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private static readonly string[] Book = ["borrowers", "loans", "schedules", "repayments", "transactions"];
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 7, 1, 1, 30, 0, TimeSpan.Zero));

    public void Dispose() => _db.Dispose();

    private AuditTrail Trail => new(_db.Settings, _clock);

    private ImportResult Import(string kind, string path, string? actor = "user:tester")
    {
        var result = new ImportService(_db.Settings, _clock).Import(Enum.Parse<ImportKind>(kind, ignoreCase: true), path, actor: actor);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => $"{kind} row {p.Row} {p.Column}: {p.Cause}")));
        return result;
    }

    private static JsonElement Json(string? text) => JsonDocument.Parse(text.ShouldNotBeNull()).RootElement;

    private string? Scalar(string sql)
    {
        using var connection = _db.Settings.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar() as string;
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Importing_the_example_book_records_one_entry_per_file_and_end_of_day_one_per_run()
    {
        foreach (var kind in Book) Import(kind, Examples.File($"{kind}.csv"));
        _clock.Advance(TimeSpan.FromHours(1));
        var eod = new EndOfDayService(_db.Settings, new ServicingSettings(), _clock).Run(new EndOfDayRequest(Through: new DateOnly(2025, 6, 30)));
        eod.Succeeded.ShouldBeTrue(eod.Failure?.Message);

        var entries = Trail.Last(100);
        entries.Select(e => e.Id).ShouldBe([1, 2, 3, 4, 5, 6]);
        entries.Select(e => e.Action).ShouldBe(["import.borrowers", "import.loans", "import.schedules", "import.repayments", "import.transactions", "eod.run"]);

        for (var i = 0; i < Book.Length; i++)
        {
            var e = entries[i];
            var path = Examples.File($"{Book[i]}.csv");
            e.Actor.ShouldBe("user:tester");
            e.At.ShouldBe(new DateTimeOffset(2025, 7, 1, 1, 30, 0, TimeSpan.Zero));
            (e.EntityType, e.EntityId).ShouldBe(("import_file", $"{Book[i]}.csv"));
            e.Before.ShouldBeNull();
            var after = Json(e.After);
            after.GetProperty("file").GetString().ShouldBe($"{Book[i]}.csv");
            after.GetProperty("sha256").GetString().ShouldBe(Sha256Of(path));
            var rows = File.ReadAllLines(path).Count(l => l.Length > 0) - 1;
            after.GetProperty("rows").GetInt32().ShouldBe(rows);
            after.GetProperty("inserted").GetInt32().ShouldBe(rows);
            after.GetProperty("updated").GetInt32().ShouldBe(0);
            after.GetProperty("unchanged").GetInt32().ShouldBe(0);
        }

        var run = entries[5];
        (run.Actor, run.EntityType).ShouldBe(("job:eod", "eod_run"));
        run.At.ShouldBe(new DateTimeOffset(2025, 7, 1, 2, 30, 0, TimeSpan.Zero));
        var r = Json(run.After);
        r.GetProperty("from").GetString().ShouldBe("2024-03-10"); // the earliest disbursement in the example book
        r.GetProperty("to").GetString().ShouldBe("2025-06-30");
        r.GetProperty("full").GetBoolean().ShouldBeFalse();
        r.GetProperty("loans_processed").GetInt32().ShouldBe(eod.Value!.LoansProcessed);
        r.GetProperty("changes").GetInt32().ShouldBe(eod.Value.Changes);
        r.GetProperty("resumed").GetBoolean().ShouldBeFalse();

        var check = Trail.Verify();
        check.Intact.ShouldBeTrue(check.Break?.Reason);
        (check.Entries, check.LastId, check.LastHash).ShouldBe((6, 6L, run.Hash));
    }

    [Fact]
    public void A_repeated_end_of_day_that_does_nothing_records_nothing()
    {
        foreach (var kind in Book.Take(2)) Import(kind, Examples.File($"{kind}.csv"));
        Book_eod(new DateOnly(2025, 6, 30));
        Book_eod(new DateOnly(2025, 6, 30)).AlreadyDone.ShouldBeTrue();
        _db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'eod.run'").ShouldBe(1);
    }

    [Fact]
    public void An_interrupted_end_of_day_is_recorded_once_when_the_resumed_run_completes()
    {
        foreach (var kind in Book) Import(kind, Examples.File($"{kind}.csv"));
        var service = new EndOfDayService(_db.Settings, new ServicingSettings(), _clock);
        using var cancel = new CancellationTokenSource();
        Should.Throw<OperationCanceledException>(() => service.Run(new EndOfDayRequest(Through: new DateOnly(2025, 6, 30), ChunkSize: 1),
            p => { if (p.Chunk == 2) cancel.Cancel(); }, cancel.Token));
        _db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'eod.run'").ShouldBe(0);

        var resumed = Book_eod(new DateOnly(2025, 6, 30));
        resumed.Resumed.ShouldBeTrue();
        _db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'eod.run'").ShouldBe(1);
        var after = Json(Trail.Last(1)[0].After);
        after.GetProperty("resumed").GetBoolean().ShouldBeTrue();
        after.GetProperty("loans_processed").GetInt32().ShouldBe(resumed.LoansProcessed);
        Trail.Verify().Intact.ShouldBeTrue();
    }

    private EndOfDayResult Book_eod(DateOnly through)
    {
        var result = new EndOfDayService(_db.Settings, new ServicingSettings(), _clock).Run(new EndOfDayRequest(Through: through));
        result.Succeeded.ShouldBeTrue(result.Failure?.Message);
        return result.Value!;
    }

    [Fact]
    public void Re_importing_changed_rows_records_each_updated_borrower_and_loan_but_no_inserted_row()
    {
        Import("borrowers", Examples.File("borrowers.csv"));
        Import("loans", Examples.File("loans.csv"));
        var oldHash = Scalar("SELECT import_hash FROM loans WHERE external_id = 'L1002'");

        // L1002 gets a new purpose, L9001 is new, the rest are unchanged.
        var lines = File.ReadAllLines(Examples.File("loans.csv")).ToList();
        var i = lines.FindIndex(l => l.StartsWith("L1002,", StringComparison.Ordinal));
        lines[i] = lines[i].Replace("家庭装修", "购车", StringComparison.Ordinal);
        lines.Add(lines[i].Replace("L1002,", "L9001,", StringComparison.Ordinal));
        var path = _db.File("loans-v2.csv", string.Join('\n', lines) + "\n");
        var result = Import("loans", path, actor: "user:ops");
        (result.Inserted, result.Updated, result.Unchanged).ShouldBe((1, 1, 4));

        var entries = Trail.Last(100).Skip(2).ToList();
        entries.Count.ShouldBe(2);
        var file = entries[0];
        (file.Action, file.EntityType, file.EntityId, file.Actor).ShouldBe(("import.loans", "import_file", "loans-v2.csv", "user:ops"));
        Json(file.After).GetProperty("updated").GetInt32().ShouldBe(1);
        Json(file.After).GetProperty("inserted").GetInt32().ShouldBe(1);

        var row = entries[1];
        (row.Action, row.EntityType, row.EntityId, row.Actor).ShouldBe(("import.loans", "loan", "L1002", "user:ops"));
        Json(row.Before).GetProperty("external_id").GetString().ShouldBe("L1002");
        Json(row.Before).GetProperty("import_hash").GetString().ShouldBe(oldHash);
        Json(row.After).GetProperty("import_hash").GetString().ShouldBe(Scalar("SELECT import_hash FROM loans WHERE external_id = 'L1002'"));
        Json(row.After).GetProperty("import_hash").GetString().ShouldNotBe(oldHash);
        Json(row.After).GetProperty("file_sha256").GetString().ShouldBe(Sha256Of(path));

        // The same file again changes nothing, and says so in one entry.
        Import("loans", path).Updated.ShouldBe(0);
        Trail.Last(1)[0].EntityType.ShouldBe("import_file");
        _db.Count("SELECT COUNT(*) FROM audit_entries").ShouldBe(5);
        Trail.Verify().Intact.ShouldBeTrue();
    }

    [Fact]
    public void An_updated_borrower_is_recorded_with_its_old_and_new_hash()
    {
        Import("borrowers", Examples.File("borrowers.csv"));
        var csv = File.ReadAllText(Examples.File("borrowers.csv")).Replace("ZJ01-AM01", "ZJ01-AM09", StringComparison.Ordinal);
        Import("borrowers", _db.File("borrowers-v2.csv", csv)).Updated.ShouldBe(1);
        var row = Trail.Last(1)[0];
        (row.Action, row.EntityType, row.EntityId).ShouldBe(("import.borrowers", "borrower", "B1001"));
        Json(row.Before).GetProperty("import_hash").GetString().ShouldNotBe(Json(row.After).GetProperty("import_hash").GetString());
    }

    [Fact]
    public void An_import_without_an_actor_is_recorded_as_the_import_job()
    {
        Import("borrowers", Examples.File("borrowers.csv"), actor: null);
        Trail.Last(1)[0].Actor.ShouldBe("job:import");
    }

    [Fact]
    public void A_refused_import_writes_no_audit_entry()
    {
        Import("borrowers", Examples.File("borrowers.csv"));
        var bad = _db.File("loans-bad.csv", File.ReadAllText(Examples.File("loans.csv")).Replace("800000.00", "-1", StringComparison.Ordinal));
        var result = new ImportService(_db.Settings, _clock).Import(ImportKind.Loans, bad, actor: "user:tester");
        result.Succeeded.ShouldBeFalse();
        _db.Count("SELECT COUNT(*) FROM audit_entries").ShouldBe(1);
        _db.Count("SELECT COUNT(*) FROM loans").ShouldBe(0);
    }

    [Fact]
    public void An_entry_appended_in_a_transaction_that_rolls_back_is_not_kept()
    {
        Trail.Append(new AuditRecord("user:tester", "test.kept", "test", "1"));
        using (var connection = _db.Settings.OpenConnection())
        using (var tx = connection.BeginTransaction())
        {
            Trail.Append(new AuditRecord("user:tester", "test.dropped", "test", "2"), tx);
            tx.Rollback();
        }
        Trail.Append(new AuditRecord("user:tester", "test.kept", "test", "3"));
        Trail.Last(10).Select(e => (e.Id, e.EntityId)).ShouldBe([(1L, "1"), (2L, "3")]);
        Trail.Verify().Intact.ShouldBeTrue();
    }

    [Fact]
    public void Concurrent_writers_are_serialised_into_one_unbroken_chain()
    {
        const int writers = 8, each = 25;
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            var trail = new AuditTrail(_db.Settings, TimeProvider.System);
            for (var i = 0; i < each; i++) trail.Append(new AuditRecord($"user:w{w}", "test.append", "test", $"{w}-{i}"));
        });
        var check = Trail.Verify();
        check.Intact.ShouldBeTrue(check.Break?.Reason);
        check.Entries.ShouldBe(writers * each);
        _db.Count("SELECT COUNT(DISTINCT entity_id) FROM audit_entries").ShouldBe(writers * each);
    }

    [Fact]
    public void Instants_are_stored_as_utc_ticks()
    {
        var entry = Trail.Append(new AuditRecord("user:tester", "test.append", "test", "1"));
        _db.Count("SELECT at FROM audit_entries WHERE id = 1").ShouldBe(entry.At.UtcTicks);
        Trail.Last(1)[0].ShouldBe(entry);
    }

    [Fact]
    public void The_newest_entries_can_be_narrowed_to_actions_starting_with_a_prefix()
    {
        foreach (var action in new[] { "eod.run", "report.submit", "report.approve", "eod.run", "task.start" })
            Trail.Append(new AuditRecord("user:tester", action, "test", action));

        Trail.Last(10, "report.").Select(e => e.Action).ShouldBe(["report.submit", "report.approve"]);
        Trail.Last(1, "eod").Single().Id.ShouldBe(4);
        Trail.Last(10, " ").Count.ShouldBe(5);
    }
}

