using System.Text.Json;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Cli;

/// <summary>The import → eod → loan show path of the real command line, on the example book.</summary>
public sealed class LoanCommandTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private (int ExitCode, string Output, string Error) Cli(params string[] args) =>
        CliProcess.Run(_db.Folder, [.. args, "--db", _db.Db]);

    [Fact]
    public void Loan_show_reports_the_state_schedule_and_history_end_of_day_computed()
    {
        foreach (var kind in new[] { "borrowers", "loans", "schedules", "repayments", "transactions" })
        {
            var import = Cli("import", kind, Examples.File($"{kind}.csv"));
            import.ExitCode.ShouldBe(0, import.Error);
        }
        var eod = Cli("eod", "--through", "2025-06-30");
        eod.ExitCode.ShouldBe(0, eod.Error);
        eod.Output.ShouldContain("Business date is now 2025-06-30");

        // L2001 (working capital, interest-only) paid interest for Feb to Apr 2025, then nothing: due 15 May unpaid.
        var show = Cli("loan", "show", "L2001", "--json");
        show.ExitCode.ShouldBe(0, show.Error);
        var loan = JsonDocument.Parse(show.Output).RootElement;
        loan.GetProperty("business_date").GetString().ShouldBe("2025-06-30");
        var state = loan.GetProperty("state");
        state.GetProperty("dpd").GetInt32().ShouldBe(46);
        state.GetProperty("bucket").GetString().ShouldBe("M2");
        state.GetProperty("class").GetString().ShouldBe("special_mention");
        state.GetProperty("class_rule").GetString().ShouldBe("overdue");
        state.GetProperty("stage").GetInt32().ShouldBe(2);
        state.GetProperty("outstanding_principal").GetDecimal().ShouldBe(3_000_000.00m);
        // Two months of interest overdue: 3,000,000 × 4.35 % / 12 = 10,875.00 each.
        state.GetProperty("overdue_interest").GetDecimal().ShouldBe(21_750.00m);
        state.GetProperty("provision").GetDecimal().ShouldBe(60_000.00m);
        var schedule = loan.GetProperty("schedule");
        schedule.GetArrayLength().ShouldBe(12);
        schedule[2].GetProperty("status").GetString().ShouldBe("paid");
        schedule[3].GetProperty("status").GetString().ShouldBe("overdue");
        schedule[3].GetProperty("interest_paid").GetDecimal().ShouldBe(0m);
        loan.GetProperty("history").EnumerateArray()
            .Where(h => h.GetProperty("kind").GetString() == "class")
            .Select(h => (h.GetProperty("date").GetString(), h.GetProperty("to").GetString()))
            .ShouldBe([("2025-01-15", "normal"), ("2025-05-16", "special_mention")]);

        var table = Cli("loan", "show", "L2001");
        table.ExitCode.ShouldBe(0);
        table.Output.ShouldContain("浙江恒达机械制造有限公司");
        table.Output.ShouldContain("special_mention 关注");
    }

    [Fact]
    public void An_unknown_loan_is_an_error_with_its_id()
    {
        var show = Cli("loan", "show", "NOPE");
        show.ExitCode.ShouldBe(1);
        show.Error.ShouldContain("NOPE");
    }

    [Fact]
    public void A_bad_import_file_exits_non_zero_and_lists_its_problems()
    {
        var path = _db.File("bad.csv", "external_id,kind,name\nB1,individual,张三\nB2,robot,R2\n");
        var import = Cli("import", "borrowers", path);
        import.ExitCode.ShouldBe(1);
        import.Error.ShouldContain("nothing was imported");
        import.Error.ShouldContain("robot");
        _db.Count("SELECT COUNT(*) FROM borrowers").ShouldBe(0);
    }
}
