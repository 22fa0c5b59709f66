namespace GridMeter.Domain.Consumption;

/// <summary>The calendar steps consumption is summed over, in the premises' local time.</summary>
public enum BucketSize
{
    QuarterHour,
    Hour,
    Day,
    Week,
    Month,
}
