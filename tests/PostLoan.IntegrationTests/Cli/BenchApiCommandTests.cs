using System.Text.Json;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Cli;

/// <summary>The <c>postloan bench api</c> command, run as a real process on a small serviced book: its figures' shape, never its speed.</summary>
public sealed class BenchApiCommandTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Bench_api_json_prints_both_endpoints_percentiles_on_the_last_line()
    {
        var demo = CliProcess.Run(_db.Folder, "demo", "--no-serve", "--loans", "300", "--months", "12", "--seed", "3", "--as-of", "2025-06-30", "--db", _db.Db);
        demo.ExitCode.ShouldBe(0, demo.Error);

        var (exit, output, error) = CliProcess.Run(_db.Folder, "bench", "api", "--clients", "4", "--seconds", "2", "--warmup-seconds", "1", "--json", "--db", _db.Db);
        exit.ShouldBe(0, error + output);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var figures = JsonDocument.Parse(last).RootElement;
        figures.GetProperty("clients").GetInt32().ShouldBe(4);
        figures.GetProperty("seconds").GetDouble().ShouldBe(2);
        figures.GetProperty("errors").GetInt32().ShouldBe(0);
        foreach (var kind in new[] { "list", "detail" })
        {
            var k = figures.GetProperty(kind);
            k.GetProperty("requests").GetInt32().ShouldBeGreaterThan(0, kind);
            var (p50, p95, p99) = (k.GetProperty("p50_ms").GetDouble(), k.GetProperty("p95_ms").GetDouble(), k.GetProperty("p99_ms").GetDouble());
            p50.ShouldBeGreaterThan(0, kind);
            p50.ShouldBeLessThanOrEqualTo(p95, kind);
            p95.ShouldBeLessThanOrEqualTo(p99, kind);
        }
        output.ShouldContain("Machine:");
        output.ShouldContain("p95 ms");
        output.ShouldContain("bench-api-"); // says which API client it created
        // … and revokes it when the run ends.
        _db.Settings.ClearPools(); // the demo replaced the database
        _db.Count("SELECT COUNT(*) FROM api_clients WHERE name LIKE 'bench-api-%'").ShouldBe(1);
        _db.Count("SELECT COUNT(*) FROM api_clients WHERE name LIKE 'bench-api-%' AND revoked_at IS NULL").ShouldBe(0);
    }

    [Fact]
    public void Bench_api_refuses_a_database_without_loans()
    {
        var (exit, _, error) = CliProcess.Run(_db.Folder, "bench", "api", "--clients", "1", "--seconds", "1", "--db", _db.Db);
        exit.ShouldBe(2);
        error.ShouldContain("holds no loans");
        error.ShouldContain("bench eod");
    }
}
