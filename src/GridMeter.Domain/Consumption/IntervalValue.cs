namespace GridMeter.Domain.Consumption;

/// <summary>
/// Consumption over one bucket in Wh (varh for reactive registers); null when nothing of it is known.
/// </summary>
public readonly record struct IntervalValue(Bucket Bucket, long? Wh, Quality Quality);
