using Spectre.Console;

namespace PostLoan.Cli.Output;

/// <summary>
/// Progress for long work: a live bar on an interactive terminal, plain lines otherwise
/// (so logs and the tests that watch a run can read it).
/// </summary>
public static class ConsoleProgress
{
    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="work"/> with a reporter taking (done, total, status text).</summary>
    public static T Run<T>(string title, Func<Action<long, long, string>, T> work)
    {
        if (!Interactive)
        {
            var lastLine = DateTime.MinValue;
            return work((done, total, status) =>
            {
                // Plain mode prints every report that says it is a milestone, and otherwise at most twice a second.
                if (status.EndsWith('!') || DateTime.UtcNow - lastLine > TimeSpan.FromMilliseconds(500) || done == total)
                {
                    Console.WriteLine($"{title}: {status.TrimEnd('!')} ({done:N0}/{total:N0})");
                    lastLine = DateTime.UtcNow;
                }
            });
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                result = work((done, total, status) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                    task.Description = Markup.Escape($"{title}: {status.TrimEnd('!')}");
                });
                task.Value = task.MaxValue;
            });
        return result;
    }
}
