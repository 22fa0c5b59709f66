namespace GridMeter.Server.Storage;

/// <summary>A reading in its stored form: meter and register keys, Unix seconds, thousandths of the unit (Wh).</summary>
public readonly record struct StoredReading(long MeterKey, int RegisterKey, long Ts, long Value);
