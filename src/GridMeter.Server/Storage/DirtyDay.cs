namespace GridMeter.Server.Storage;

/// <summary>A UTC day of one series (meter or appliance) whose readings changed: work for the meter-data job.</summary>
public readonly record struct DirtyDay(long Meter, long Day)
{
    public const long SecondsPerDay = 86_400;

    public static DirtyDay Of(in StoredReading reading) => new(reading.MeterKey, DayOf(reading.Ts));

    /// <summary>The UTC day of a Unix time, rounding down also before 1970.</summary>
    public static long DayOf(long unixSeconds) => unixSeconds >= 0 ? unixSeconds / SecondsPerDay : ((unixSeconds + 1) / SecondsPerDay) - 1;
}
