using System.Diagnostics;
using System.Text;

namespace PostLoan.IntegrationTests.Support;

/// <summary>Runs the real <c>postloan</c> command line in its own process.</summary>
public static class CliProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "postloan.dll");

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("POSTLOAN_DB");
        return info;
    }

    /// <summary>Runs to completion and returns the exit code with everything printed.</summary>
    public static (int ExitCode, string Output, string Error) Run(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"postloan {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return (process.ExitCode, stdout, stderr.Result);
    }
}
