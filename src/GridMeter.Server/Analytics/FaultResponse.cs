namespace GridMeter.Server.Analytics;

/// <summary>A detected fault of a meter (ApplianceId null) or of an appliance behind it.</summary>
public sealed record FaultResponse(
    string MeterId, string? ApplianceId, string Rule, DateTimeOffset From, DateTimeOffset To, long ObservedWh, long ExpectedWh, string Detail, DateTimeOffset DetectedAt);
