using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Cli;

/// <summary>The <c>postloan rules</c> command as a real process: checking, the default library, and maker-checker activation.</summary>
public sealed class RulesCommandTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private (int ExitCode, string Output, string Error) Rules(params string[] args) =>
        CliProcess.Run(_db.Folder, ["rules", .. args, "--db", _db.Db]);

    [Fact]
    public void Check_points_at_the_error_and_fails_or_prints_the_canonical_rule()
    {
        var (bad, _, error) = Rules("check", "dpd >= 30 and count_over(dpd > 30, 48) > 1");
        bad.ShouldBe(1);
        error.ShouldContain("error: column 36:");
        error.ShouldContain("^^");

        var (good, output, _) = Rules("check", "DPD >= 30 AND max_over(dpd, 3) >= 60");
        // Keywords are case-insensitive, names are not: DPD is not a feature.
        good.ShouldBe(1);
        (good, output, _) = Rules("check", "dpd >= 30 AND max_over(dpd, 3) >= 60");
        good.ShouldBe(0);
        output.ShouldContain("valid: dpd >= 30 and max_over(dpd, 3) >= 60");
        output.ShouldContain("dpd (3 months ago)");
    }

    [Fact]
    public void Defaults_are_added_as_drafts_and_activated_by_a_second_person()
    {
        var (added, output, error) = Rules("add-defaults", "--actor", "user:li");
        added.ShouldBe(0, error);
        output.ShouldContain("Added 37 default rules");

        Rules("request", "EX01", "1", "--actor", "user:li").ExitCode.ShouldBe(0);
        var (self, _, selfError) = Rules("approve", "EX01", "1", "--actor", "user:li");
        self.ShouldBe(1);
        selfError.ShouldContain("second person");
        var (approved, approvedOutput, _) = Rules("approve", "EX01", "1", "--actor", "user:wang");
        approved.ShouldBe(0);
        approvedOutput.ShouldContain("EX01 v1: Active");

        var (_, list, _) = Rules("list", "--active");
        list.ShouldContain("EX01");
        list.ShouldNotContain("FS01");
        _db.Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'rule.approve' AND actor = 'user:wang'").ShouldBe(1);
    }

    [Fact]
    public void Backtest_prints_each_month_and_the_total_as_json_on_the_last_line()
    {
        var demo = CliProcess.Run(_db.Folder, "demo", "--no-serve", "--loans", "300", "--months", "18", "--seed", "3", "--as-of", "2025-06-30", "--db", _db.Db);
        demo.ExitCode.ShouldBe(0, demo.Error);

        var (exit, output, error) = Rules("backtest", "dpd >= 1", "--from", "2024-09", "--to", "2024-12", "--json");

        exit.ShouldBe(0, error);
        output.ShouldContain("2024-11-30");
        var last = System.Text.Json.JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]).RootElement;
        last.GetProperty("condition").GetString().ShouldBe("dpd >= 1");
        last.GetProperty("months").GetArrayLength().ShouldBe(4);
        var total = last.GetProperty("total");
        total.GetProperty("loans").GetInt32().ShouldBeGreaterThan(0);
        total.GetProperty("hits").GetInt32().ShouldBeLessThanOrEqualTo(total.GetProperty("alerts").GetInt32());
        Rules("backtest", "dpd >= 1", "--from", "2024-13", "--to", "2024-12").ExitCode.ShouldNotBe(0);
    }
}
