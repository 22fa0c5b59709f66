namespace GridMeter.Server.Analytics;

/// <summary>A meter's consumption projected to the end of today and of its billing period; the cost when a price per kWh was given.</summary>
public sealed record ForecastResponse(string MeterId, ProjectionResponse EndOfDay, ProjectionResponse EndOfPeriod);
