using System.CommandLine;
using Microsoft.Extensions.Hosting;
using PostLoan.Web;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan serve</c>: the web API (and, as it grows, the screens) on the same database as the command line.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static readonly Option<string> Urls = new("--urls") { Description = "addresses to listen on", DefaultValueFactory = _ => DefaultUrls };

    public static Command Create()
    {
        var command = new Command("serve", "Serve the web API with sign-in, roles and data scopes (Ctrl+C stops it)") { Urls };
        command.SetAction(parse =>
        {
            var context = CommonOptions.Context(parse);
            return Run(context, parse.GetValue(Urls)!);
        });
        return command;
    }

    public static int Run(CliContext context, string urls)
    {
        var app = PostLoanWeb.Build(new WebOptions(context.MigratedDatabase(), context.Servicing, urls, context.Clock));
        app.Start();
        foreach (var address in app.Urls)
            Console.WriteLine($"PostLoan is serving on {address} — sign in at {address.TrimEnd('/')}/login; API reference {address.TrimEnd('/')}/api/docs. Ctrl+C stops it.");
        app.WaitForShutdown();
        return 0;
    }
}
