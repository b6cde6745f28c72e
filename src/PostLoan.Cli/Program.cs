using System.CommandLine;
using System.Text;
using PostLoan.Cli.Commands;

Console.OutputEncoding = Encoding.UTF8;
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 160; // logs and pipes are not 80 columns wide

var root = new RootCommand("PostLoan — post-loan management (贷后管理): loan servicing, delinquency, risk classification (五级分类) and IFRS 9 stages.")
{
    CommonOptions.Database,
    CommonOptions.Actor,
    DemoCommand.Create(),
    ImportCommand.Create(),
    EodCommand.Create(),
    LoanCommand.Create(),
    SummaryCommand.Create(),
    ScheduleCommand.Create(),
    AuditCommand.Create(),
    ServeCommand.Create(),
    UsersCommand.Create(),
    RulesCommand.Create(),
    ModelCommand.Create(),
    BenchCommand.Create(),
    BriefingCommand.Create(),
    TasksCommand.Create(),
};
try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (Inner<PostLoan.Infrastructure.Security.DataKeyMissingException>(e) is { } missing)
{
    // A setting to fix, not a fault: say what to do without a stack trace.
    Console.Error.WriteLine($"error: {missing.Message}");
    return 1;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    Console.Error.WriteLine($"Unhandled exception: {e}");
    return 1;
}

static T? Inner<T>(Exception? e) where T : Exception
{
    for (; e is not null; e = e.InnerException)
        if (e is T found) return found;
    return null;
}
