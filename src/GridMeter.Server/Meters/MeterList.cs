namespace GridMeter.Server.Meters;

/// <summary>A page of meters.</summary>
public sealed record MeterList(IReadOnlyList<MeterResponse> Items, int Offset, int Limit);
