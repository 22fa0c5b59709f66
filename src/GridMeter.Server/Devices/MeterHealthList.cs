namespace GridMeter.Server.Devices;

/// <summary>A page of meter health, by meter id.</summary>
public sealed record MeterHealthList(IReadOnlyList<MeterHealth> Items, int Offset, int Limit);
