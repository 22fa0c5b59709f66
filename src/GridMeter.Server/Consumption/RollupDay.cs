using GridMeter.Domain.Consumption;

namespace GridMeter.Server.Consumption;

/// <summary>A stored daily rollup: the local day (DateOnly day number) and its summary.</summary>
public sealed record RollupDay(int Day, long? Wh, int Intervals, long? MinWh, long? MaxWh, Quality Quality);
