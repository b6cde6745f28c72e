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
    BenchCommand.Create(),
};
return root.Parse(args).Invoke();
