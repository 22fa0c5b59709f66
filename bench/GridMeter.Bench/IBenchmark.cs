namespace GridMeter.Bench;

/// <summary>
/// An end-to-end benchmark: measures GridMeter and, in the same run, the baseline it is compared
/// with (raw SQLite inserts, a bare SQL scan, Mosquitto, Kestrel plaintext).
/// </summary>
public interface IBenchmark
{
    /// <summary>The name given on the command line, and the second word of the RESULT line.</summary>
    string Name { get; }

    /// <summary>One line of what is measured and against which baseline.</summary>
    string Description { get; }

    /// <summary>Runs it; <paramref name="quick"/> finishes in under two minutes.</summary>
    Task<BenchmarkResult> RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
