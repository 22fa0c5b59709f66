using GridMeter.Domain.Vee;

namespace GridMeter.Server.Consumption;

/// <summary>A series with what validation needs about it: its connection's limit and the supplier whose thresholds apply.</summary>
public sealed record SeriesTarget(MeteredSeries Series, ConnectionLimit Limit, string? SupplierId);
