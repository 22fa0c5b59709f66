using System.Text.Json;

namespace GridMeter.Server.Live;

/// <summary>One minute of live values: per OBIS code [min, avg, max].</summary>
public sealed record LiveMinuteResponse(DateTimeOffset Minute, JsonElement Values);
