namespace GridMeter.Simulator.Meters;

/// <summary>
/// A change of power inside a minute: a relay switched at <paramref name="Second"/> (1–59) of minute
/// <paramref name="Minute"/> of the day, changing the power by <paramref name="DeltaWatts"/>.
/// </summary>
internal readonly record struct Split(int Minute, int Second, int DeltaWatts);
