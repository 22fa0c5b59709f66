namespace GridMeter.Domain.Consumption;

/// <summary>
/// A bucket with its consumption (Wh, null when nothing is known) and the spread of the quarter-hours
/// inside it: how many have a value, the smallest and the largest (the largest × 4 is the maximum
/// 15-minute demand in W), and the worst quality.
/// </summary>
public readonly record struct BucketSummary(Bucket Bucket, long? Wh, int Count, long? MinWh, long? MaxWh, Quality Quality);
