using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Audit;

/// <summary><c>postloan audit verify | list</c> and <c>--actor</c> through the real command line.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private (int ExitCode, string Output, string Error) Cli(params string[] args) =>
        CliProcess.Run(_db.Folder, [.. args, "--db", _db.Db]);

    private void ImportExamples(params string[] extra)
    {
        foreach (var kind in new[] { "borrowers", "loans", "schedules" })
        {
            var import = Cli(["import", kind, Examples.File($"{kind}.csv"), .. extra]);
            import.ExitCode.ShouldBe(0, import.Error);
        }
    }

    [Fact]
    public void An_untampered_trail_verifies()
    {
        ImportExamples();
        var verify = Cli("audit", "verify");
        verify.ExitCode.ShouldBe(0, verify.Output + verify.Error);
        verify.Output.ShouldContain("audit trail intact: 3 entries");
    }

    [Fact]
    public void An_empty_trail_verifies()
    {
        var verify = Cli("audit", "verify");
        verify.ExitCode.ShouldBe(0, verify.Error);
        verify.Output.ShouldContain("audit trail intact: 0 entries");
    }

    [Fact]
    public void A_row_altered_with_raw_sql_is_found_and_named()
    {
        ImportExamples();
        Cli("audit", "verify").ExitCode.ShouldBe(0);
        _db.Count("SELECT COUNT(*) FROM audit_entries").ShouldBe(3);

        using (var connection = _db.Settings.OpenConnection())
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = """UPDATE audit_entries SET after = '{"file":"loans.csv","rows":1}' WHERE id = 2""";
            cmd.ExecuteNonQuery().ShouldBe(1);
        }

        var verify = Cli("audit", "verify");
        verify.ExitCode.ShouldBe(1);
        verify.Output.ShouldContain("audit trail broken at entry 2:");
        verify.Output.ShouldContain("does not match its content");
    }

    [Fact]
    public void A_deleted_row_is_found()
    {
        ImportExamples();
        using (var connection = _db.Settings.OpenConnection())
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "DELETE FROM audit_entries WHERE id = 2";
            cmd.ExecuteNonQuery().ShouldBe(1);
        }
        var verify = Cli("audit", "verify");
        verify.ExitCode.ShouldBe(1);
        verify.Output.ShouldContain("audit trail broken at entry 3:");
    }

    [Fact]
    public void List_shows_the_newest_entries_with_the_actor_given()
    {
        ImportExamples("--actor", "user:alice");
        var eod = Cli("eod", "--through", "2025-06-30");
        eod.ExitCode.ShouldBe(0, eod.Error);

        var list = Cli("audit", "list", "--last", "2");
        list.ExitCode.ShouldBe(0, list.Error);
        list.Output.ShouldContain("import.schedules");
        list.Output.ShouldContain("user:alice");
        list.Output.ShouldContain("eod.run");
        list.Output.ShouldContain("job:eod");
        list.Output.ShouldNotContain("import.loans");
    }

    [Fact]
    public void Without_actor_the_login_name_is_recorded()
    {
        var import = Cli("import", "borrowers", Examples.File("borrowers.csv"));
        import.ExitCode.ShouldBe(0, import.Error);
        var list = Cli("audit", "list");
        list.ExitCode.ShouldBe(0, list.Error);
        list.Output.ShouldContain("user:" + Environment.UserName);
    }
}
