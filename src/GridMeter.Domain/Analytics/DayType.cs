namespace GridMeter.Domain.Analytics;

/// <summary>Working days and weekends are clustered apart: the same household has two shapes.</summary>
public enum DayType
{
    Workday,
    Weekend,
}
