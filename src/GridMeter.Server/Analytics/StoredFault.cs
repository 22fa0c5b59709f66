namespace GridMeter.Server.Analytics;

/// <summary>A fault as stored: on a meter (Series = Meter) or an appliance behind it (Series = minus the appliance's key).</summary>
public sealed record StoredFault(long Series, long Meter, string Rule, long StartTs, long EndTs, long ObservedWh, long ExpectedWh, string Detail, long DetectedAt);
