using NodaTime;

namespace GridMeter.Domain.Alerts;

/// <summary>Exponential backoff for a delivery that failed: first, 2×first, 4×first … up to max.</summary>
public static class Backoff
{
    public static Duration After(int failedAttempts, Duration first, Duration max)
    {
        if (failedAttempts <= 1)
        {
            return first < max ? first : max;
        }
        var exponent = Math.Min(failedAttempts - 1, 30);
        var ticks = first.BclCompatibleTicks * (double)(1L << exponent);
        return ticks >= max.BclCompatibleTicks ? max : Duration.FromTicks((long)ticks);
    }
}
