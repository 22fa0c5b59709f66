using NodaTime;

namespace GridMeter.Simulator.Devices;

/// <summary>
/// The fleet's time: from <see cref="Start"/>, running <see cref="Speed"/> times faster than the
/// wall clock until it catches up with it, then with it. A fleet can so replay weeks in minutes
/// without ever reporting a reading from the future.
/// </summary>
public sealed class SimulatedClock(TimeProvider wall, Instant start, double speed)
{
    private readonly long _startedTimestamp = wall.GetTimestamp();

    public Instant Start { get; } = start;

    public double Speed { get; } = speed;

    public TimeProvider Wall => wall;

    public Instant Now
    {
        get
        {
            var real = Instant.FromDateTimeOffset(wall.GetUtcNow());
            var elapsed = wall.GetElapsedTime(_startedTimestamp);
            var simulated = Start + Duration.FromTimeSpan(elapsed * Speed);
            return simulated < real ? simulated : real;
        }
    }
}
