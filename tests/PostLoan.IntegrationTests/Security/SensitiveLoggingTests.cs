using System.Text.RegularExpressions;
using PostLoan.IntegrationTests.Support;
using Shouldly;

namespace PostLoan.IntegrationTests.Security;

/// <summary>
/// Sensitive fields are never written to logs or the console (SPEC §12). A source scan: every
/// statement in src/ that logs or writes to the console is read up to its end, and must not name a
/// national id or phone unless it is a masked value.
/// </summary>
public sealed partial class SensitiveLoggingTests
{
    [GeneratedRegex(@"\b(Console\s*\.\s*(Error\s*\.\s*|Out\s*\.\s*)?Write(Line)?|AnsiConsole\s*\.\s*\w+|\.\s*Log(Trace|Debug|Information|Warning|Error|Critical)?|Debug\s*\.\s*Write(Line)?|Trace\s*\.\s*Write(Line)?)\s*\(")]
    private static partial Regex OutputCall();

    // A mention of the field, a masked value being the only allowed form.
    [GeneratedRegex(@"(NationalId|national_id|Phone|phone|IdNumber)(?!\w*Masked)", RegexOptions.IgnoreCase)]
    private static partial Regex SensitiveName();

    private static string Src
    {
        get
        {
            var root = Directory.GetParent(Examples.Folder)!.FullName;
            return Path.Combine(root, "src");
        }
    }

    [Fact]
    public void No_log_or_console_write_in_src_mentions_a_national_id_or_phone()
    {
        var files = Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        files.Count.ShouldBeGreaterThan(20);
        var offending = new List<string>();
        var calls = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match call in OutputCall().Matches(text))
            {
                calls++;
                var end = text.IndexOf(';', call.Index);
                var statement = text[call.Index..(end < 0 ? text.Length : end)];
                if (SensitiveName().IsMatch(statement))
                    offending.Add($"{Path.GetRelativePath(Src, file)}: {statement.Split('\n')[0].Trim()}");
            }
        }
        calls.ShouldBeGreaterThan(10); // the scan does find the output statements
        offending.ShouldBeEmpty();
    }

    [Fact]
    public void The_scan_catches_a_statement_that_would_log_a_phone()
    {
        const string bad = """logger.LogInformation("imported {Phone}", borrower.Phone);""";
        const string badConsole = """Console.WriteLine($"id {b.NationalId}");""";
        const string fine = """AnsiConsole.MarkupLine(e(d.BorrowerPhoneMasked ?? ""));""";
        SensitiveName().IsMatch(OutputCall().Match(bad).Success ? bad : "").ShouldBeTrue();
        SensitiveName().IsMatch(OutputCall().Match(badConsole).Success ? badConsole : "").ShouldBeTrue();
        OutputCall().Match(fine).Success.ShouldBeTrue();
        SensitiveName().IsMatch(fine).ShouldBeFalse();
    }
}
