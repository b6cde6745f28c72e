using System.Data.Common;
using System.Runtime.InteropServices;

namespace PostLoan.Infrastructure.Persistence;

/// <summary>
/// A read started on a connection of its own, opened for it and closed when it ends, so the caller's connection reads
/// something else meanwhile (end-of-day's early-warning phase reads today's states while the rest of its inputs load).
/// </summary>
public static class ReadAlongside
{
    public static Task<T> Start<T>(Func<DbConnection> open, Func<DbConnection, T> read) => Task.Run(() =>
    {
        using var connection = open();
        return read(connection);
    });

    /// <summary>
    /// The same read, on a thread of its own that runs only when the machine has a core to spare (<see cref="IdleThread"/>):
    /// for what is read ahead while other work must not be slowed.
    /// </summary>
    public static Task<T> StartWhenIdle<T>(Func<DbConnection> open, Func<DbConnection, T> read) => IdleThread.Run(() =>
    {
        using var connection = open();
        return read(connection);
    });
}

/// <summary>
/// Work on a thread of its own at the lowest scheduling priority (nice 19 on Linux): it uses the cores the rest of the
/// process leaves idle, and next to nothing of a core the rest keeps busy. End-of-day computes what its alert phase
/// will need this way while it services the loans, without slowing the servicing.
/// </summary>
public static class IdleThread
{
    public static Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            Lower();
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = "idle-priority work" }.Start();
        return done.Task;
    }

    private static void Lower()
    {
        // On Linux a thread's nice value is its own; raising it needs no privilege. Elsewhere the runtime's priority.
        if (OperatingSystem.IsLinux()) _ = SetPriority(0, GetThreadId(), 19);
        else Thread.CurrentThread.Priority = ThreadPriority.Lowest;
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
