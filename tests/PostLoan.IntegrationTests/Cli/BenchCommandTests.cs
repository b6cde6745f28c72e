using System.Text.Json;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Cli;

/// <summary>The <c>postloan bench eod</c> command, run as a real process on a tiny book: its figures' shape, never its speed.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Bench_eod_json_prints_the_six_figures_on_the_last_line()
    {
        var (exit, output, error) = CliProcess.Run(_db.Folder, "bench", "eod", "--loans", "300", "--json", "--db", _db.Db);
        exit.ShouldBe(0, error);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var figures = JsonDocument.Parse(last).RootElement;
        figures.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["loans", "loans_per_second", "wall_seconds", "floor_seconds", "daily_seconds", "peak_memory_mb"], ignoreOrder: true);
        figures.GetProperty("loans").GetInt32().ShouldBe(300);
        foreach (var figure in figures.EnumerateObject())
            figure.Value.GetDouble().ShouldBeGreaterThan(0, figure.Name);
        output.ShouldContain("history catch-up");
        output.ShouldContain("floor");
    }

    [Fact]
    public void Bench_eod_runs_end_of_day_in_partitions_side_by_side()
    {
        var (exit, output, error) = CliProcess.Run(_db.Folder, "bench", "eod", "--loans", "300", "--partitions", "3", "--json", "--db", _db.Db);
        exit.ShouldBe(0, error);
        output.ShouldContain("Full run 2025-06-11..2025-06-11 in 3 partitions");
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        JsonDocument.Parse(last).RootElement.GetProperty("loans").GetInt32().ShouldBe(300);
        _db.Settings.ClearPools(); // the bench replaced the database it was given
        // Every partition completed each timed date: three runs for the full date and three for the daily one.
        _db.Count("SELECT COUNT(*) FROM end_of_day_runs WHERE partition_count = 3 AND to_date = '2025-06-11' AND completed_at IS NOT NULL").ShouldBe(3);
        _db.Count("SELECT COUNT(*) FROM end_of_day_runs WHERE partition_count = 3 AND to_date = '2025-06-12' AND completed_at IS NOT NULL").ShouldBe(3);
        // The benchmark's book is the servicing book alone, as its timings have always been measured on.
        _db.Count("SELECT (SELECT COUNT(*) FROM financial_statements) + (SELECT COUNT(*) FROM bureau_snapshots) + (SELECT COUNT(*) FROM collateral)").ShouldBe(0);
    }

    [Fact]
    public void Bench_score_trains_and_promotes_a_model_and_times_scoring_alone_in_end_of_day_and_beside_the_rules()
    {
        var (exit, output, error) = CliProcess.Run(_db.Folder, "bench", "score", "--loans", "1500", "--json", "--db", _db.Db);
        exit.ShouldBe(0, error + output);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var figures = JsonDocument.Parse(last).RootElement;
        figures.GetProperty("model_version").GetInt32().ShouldBe(1);
        var runs = figures.GetProperty("runs").EnumerateArray().ToList();
        runs.Count.ShouldBe(4);
        _db.Settings.ClearPools(); // the bench replaced the database it was given
        var active = _db.Count("SELECT COUNT(*) FROM loan_states WHERE status = 'Active'");
        runs[0].GetProperty("scored").GetInt32().ShouldBeGreaterThan(0);
        // Scoring alone twice, then a daily run with the rules left alone: the model's phase evaluates no rule.
        foreach (var run in runs.Take(3)) run.GetProperty("rules_seconds").GetDouble().ShouldBe(0);
        runs[2].GetProperty("scored").GetInt32().ShouldBeGreaterThan(0);
        runs[3].GetProperty("rules_seconds").GetDouble().ShouldBeGreaterThan(0); // the rules bench's 50 rules are on
        runs[3].GetProperty("scored").GetInt64().ShouldBe(active);
        foreach (var run in runs) run.GetProperty("phase_seconds").GetDouble().ShouldBeGreaterThan(0);
        output.ShouldContain("trained and promoted here");
        // After the daily run every active loan has a score from the model the bench promoted.
        _db.Count("SELECT COUNT(*) FROM loan_scores s JOIN loan_states t ON t.loan_id = s.loan_id WHERE t.status = 'Active' AND s.model_version = 1").ShouldBe(active);
        _db.Count("SELECT COUNT(*) FROM behaviour_models WHERE status = 'Active' AND approved_by = 'user:bench-checker'").ShouldBe(1);
        _db.Count("SELECT COUNT(*) FROM rule_versions WHERE status = 'Active'").ShouldBe(50);
    }
}
