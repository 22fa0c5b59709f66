using System.Threading.RateLimiting;

namespace GridMeter.Server.Cluster;

/// <summary>
/// A fixed-window limiter whose count lives in <see cref="RateWindows"/>, shared by every node.
/// The synchronous attempt never grants (the count needs the database), so ASP.NET Core's rate
/// limiting asks <see cref="AcquireAsyncCore"/>, which counts the request.
/// </summary>
public sealed class SharedWindowLimiter(RateWindows windows, string policy, string key, int permits, TimeSpan window) : RateLimiter
{
    private long _lastUsed = windows.Clock.GetTimestamp();

    public override TimeSpan? IdleDuration => windows.Clock.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.Refused(null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, windows.Clock.GetTimestamp());
        var (hits, windowEnd) = await windows.HitAsync(policy, key, window, cancellationToken);
        return hits <= permits ? WindowLease.Granted : WindowLease.Refused(windowEnd - windows.Clock.GetUtcNow());
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static WindowLease Refused(TimeSpan? retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
