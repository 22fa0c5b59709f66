using System.Diagnostics;

namespace GridMeter.Gateway.Tests.EndToEnd;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than real time from a chosen start, timers
/// included, so quarter-hours pass in seconds for the meters and the gateway alike.
/// </summary>
public sealed class FastClock(DateTimeOffset start, double speed) : TimeProvider
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public double Speed { get; } = speed;

    public override DateTimeOffset GetUtcNow() => start + _elapsed.Elapsed * Speed;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    /// <summary>How long <paramref name="simulated"/> takes in real time.</summary>
    public TimeSpan Real(TimeSpan simulated) => Scale(simulated);

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / Speed;

    private sealed class ScaledTimer(ITimer inner, FastClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
