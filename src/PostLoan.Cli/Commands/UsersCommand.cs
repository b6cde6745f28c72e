using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PostLoan.Application.Users;
using PostLoan.Infrastructure.Identity;

namespace PostLoan.Cli.Commands;

/// <summary><c>postloan users add</c> and <c>postloan users apikey add|revoke</c>: people and integration clients.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("user-name");
        var role = new Option<string>("--role") { Description = string.Join(" | ", Roles.All), Required = true };
        var display = new Option<string?>("--display-name") { Description = "name shown on screen" };
        var password = new Option<string?>("--password") { Description = "at least 10 characters with upper and lower case, a digit and a symbol (default: read POSTLOAN_PASSWORD)" };
        var branch = new Option<string?>("--branch") { Description = "branch code, for branch managers, account managers and collectors" };
        var manager = new Option<string?>("--manager") { Description = "the manager code borrowers are assigned by, for account managers" };
        var add = new Command("add", "Add a person who can sign in") { name, role, display, password, branch, manager };
        add.SetAction(parse =>
        {
            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("POSTLOAN_PASSWORD");
            if (string.IsNullOrEmpty(secret))
            {
                Console.Error.WriteLine("error: give --password or set POSTLOAN_PASSWORD");
                return 2;
            }
            var user = parse.GetValue(name)!;
            return WithAdmin(CommonOptions.Context(parse), admin => Report(admin.AddUser(new NewUser(user, parse.GetValue(display) ?? user, parse.GetValue(role)!, secret,
                parse.GetValue(branch), parse.GetValue(manager)), CommonOptions.ActorOf(parse)).GetAwaiter().GetResult(), _ => $"Added {user} ({parse.GetValue(role)})."));
        });

        var client = new Argument<string>("client-name");
        var keyRole = new Option<string>("--role") { Description = string.Join(" | ", Roles.All), Required = true };
        var keyBranch = new Option<string?>("--branch") { Description = "branch code when the role's scope is a branch" };
        var keyManager = new Option<string?>("--manager") { Description = "manager code when the role's scope is an account manager's book" };
        var addKey = new Command("add", "Create an API client; its key is printed once") { client, keyRole, keyBranch, keyManager };
        addKey.SetAction(parse => WithAdmin(CommonOptions.Context(parse), admin => Report(
            admin.AddApiClient(parse.GetValue(client)!, parse.GetValue(keyRole)!, CommonOptions.ActorOf(parse), parse.GetValue(keyBranch), parse.GetValue(keyManager)).GetAwaiter().GetResult(),
            key => $"API key for {parse.GetValue(client)} (shown once; send it as the X-Api-Key header):\n{key}")));

        var revokedClient = new Argument<string>("client-name");
        var revokeKey = new Command("revoke", "Revoke an API client: its key stops working at once") { revokedClient };
        revokeKey.SetAction(parse => WithAdmin(CommonOptions.Context(parse), admin => Report(
            admin.RevokeApiClient(parse.GetValue(revokedClient)!, CommonOptions.ActorOf(parse)).GetAwaiter().GetResult(),
            at => $"Revoked API client {parse.GetValue(revokedClient)} at {at:yyyy-MM-dd HH:mm:ss} UTC.")));

        return new Command("users", "People and API clients") { add, new Command("apikey", "API clients for integrations") { addKey, revokeKey } };
    }

    /// <summary>Runs <paramref name="work"/> with the identity services over the command's database.</summary>
    public static int WithAdmin(CliContext context, Func<UserAdmin, int> work)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(context.Clock);
        services.AddPostLoanIdentity(context.MigratedDatabase());
        services.AddScoped<UserAdmin>();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        return work(scope.ServiceProvider.GetRequiredService<UserAdmin>());
    }

    private static int Report<T>(Application.Common.Result<T> result, Func<T, string> ok)
    {
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"error: {result.Failure!.Message}");
            return 1;
        }
        Console.WriteLine(ok(result.Value!));
        return 0;
    }
}
