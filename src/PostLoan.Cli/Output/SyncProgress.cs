namespace PostLoan.Cli.Output;

/// <summary>Reports progress on the calling thread (unlike <see cref="Progress{T}"/>, which posts it elsewhere, possibly after the work ended).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
