namespace GridMeter.Server.Consumption;

/// <summary>One bucket: local start and end with offset, kWh (null when nothing is known), and the worst quality in it.</summary>
public sealed record ConsumptionPoint(string Start, string End, decimal? Value, string Quality);
