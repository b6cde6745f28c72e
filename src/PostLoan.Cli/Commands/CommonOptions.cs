using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PostLoan.Cli.Commands;

public static class CommonOptions
{
    public static readonly Option<string?> Database = new("--db")
    {
        Description = "the database: a SQLite file path, a postgres:// URL, or a connection string of either (default: data/postloan.db, or POSTLOAN_DB)",
        Recursive = true,
    };

    public static readonly Option<string?> Actor = new("--actor")
    {
        Description = "who is acting, as recorded in the audit trail (default: user:<login name>)",
        Recursive = true,
    };

    /// <summary>The <c>--actor</c> given, else <c>user:</c> and the login name.</summary>
    public static string ActorOf(ParseResult parse) =>
        parse.GetValue(Actor) is { Length: > 0 } actor ? actor.Trim() : "user:" + Environment.UserName;

    public static DateOnly ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        result.AddError($"'{text}' is not a date in the form YYYY-MM-DD");
        return default;
    }

    public static DateOnly? ParseOptionalDate(ArgumentResult result) => ParseDate(result);

    /// <summary>A month written YYYY-MM, as its first day.</summary>
    public static DateOnly ParseMonth(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var month)) return month;
        result.AddError($"'{text}' is not a month in the form YYYY-MM");
        return default;
    }

    public static CliContext Context(ParseResult parse) => new(parse.GetValue(Database));
}
