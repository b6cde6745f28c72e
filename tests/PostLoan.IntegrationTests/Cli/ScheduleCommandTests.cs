using System.Text.Json;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Cli;

/// <summary>The <c>postloan schedule</c> command, run as a real process.</summary>
public sealed class ScheduleCommandTests
{
    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Equal_installment_csv_pays_5307_27_a_month_and_ends_at_zero()
    {
        var (exit, output, error) = CliProcess.Run(Path.GetTempPath(), "schedule", "--principal", "1000000", "--annual-rate", "4.9", "--months", "360",
            "--method", "equal-installment", "--first-due", "2024-02-15", "--format", "csv");
        exit.ShouldBe(0, error);
        var lines = Lines(output);
        lines[0].ShouldBe("number,due_date,payment,principal,interest,balance");
        lines.Length.ShouldBe(361);
        lines[1].ShouldBe("1,2024-02-15,5307.27,1223.94,4083.33,998776.06");
        lines[2].ShouldStartWith("2,2024-03-15,5307.27,");
        lines[^1].ShouldStartWith("360,2054-01-15,");
        lines[^1].ShouldEndWith(",0.00");
    }

    [Fact]
    public void Equal_principal_json_first_two_payments_match_the_spec()
    {
        var (exit, output, error) = CliProcess.Run(Path.GetTempPath(), "schedule", "--principal", "1000000", "--annual-rate", "4.9", "--months", "360",
            "--method", "equal-principal", "--first-due", "2024-02-15", "--format", "json");
        exit.ShouldBe(0, error);
        var rows = JsonDocument.Parse(output).RootElement;
        rows.GetArrayLength().ShouldBe(360);
        rows[0].GetProperty("payment").GetDecimal().ShouldBe(6861.11m);
        rows[1].GetProperty("payment").GetDecimal().ShouldBe(6849.77m);
        rows.EnumerateArray().Sum(r => r.GetProperty("principal").GetDecimal()).ShouldBe(1_000_000m);
    }

    [Fact]
    public void Broken_first_period_charges_daily_interest_from_disbursement()
    {
        var (exit, output, error) = CliProcess.Run(Path.GetTempPath(), "schedule", "--principal", "1000000", "--annual-rate", "4.9", "--months", "12",
            "--method", "interest-only", "--first-due", "2024-02-20", "--disbursed", "2024-01-05", "--format", "csv");
        exit.ShouldBe(0, error);
        // 46 days at 4.9 % / 360 on 1,000,000 = 6,261.11
        Lines(output)[1].ShouldBe("1,2024-02-20,6261.11,0.00,6261.11,1000000.00");
    }

    [Fact]
    public void An_unknown_method_is_refused_with_the_allowed_names()
    {
        var (exit, _, error) = CliProcess.Run(Path.GetTempPath(), "schedule", "--principal", "1000", "--annual-rate", "4.9", "--months", "12",
            "--method", "balloon", "--first-due", "2024-02-15");
        exit.ShouldNotBe(0);
        error.ShouldContain("equal-installment");
    }

    [Fact]
    public void A_bad_date_names_the_expected_form()
    {
        var (exit, _, error) = CliProcess.Run(Path.GetTempPath(), "schedule", "--principal", "1000", "--annual-rate", "4.9", "--months", "12",
            "--method", "bullet", "--first-due", "15/02/2024");
        exit.ShouldNotBe(0);
        error.ShouldContain("YYYY-MM-DD");
    }
}
