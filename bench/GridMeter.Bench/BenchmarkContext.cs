namespace GridMeter.Bench;

/// <summary>What every benchmark gets: the profile, a scratch directory, and a progress line writer.</summary>
public sealed class BenchmarkContext(bool quick, string workDir) : IDisposable
{
    public bool Quick { get; } = quick;

    /// <summary>A fresh directory for databases and servers, deleted afterwards.</summary>
    public string WorkDir { get; } = workDir;

    public void Progress(string message) => Console.WriteLine($"  {message}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // A server still shutting down may hold a file for a moment; the directory is under /tmp.
        }
    }
}
