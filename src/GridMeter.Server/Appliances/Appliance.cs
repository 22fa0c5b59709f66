namespace GridMeter.Server.Appliances;

/// <summary>A sub-meter or smart plug behind a meter; its readings are stored under the series key −Key.</summary>
public sealed record Appliance(long Key, long MeterKey, string Id, string Name, string Type, long? RatedPowerW, string? State, long? StateAt, long CreatedAt);
