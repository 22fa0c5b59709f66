namespace GridMeter.Gateway.Uplink;

// The device payloads of CONTRACT section 2, as the gateway sends them for each meter.

public sealed record ReadingsPayload(IReadOnlyList<ReadingEntry> Readings);

public sealed record ReadingEntry(string Ts, IReadOnlyDictionary<string, decimal> Values);

public sealed record LivePayload(string Ts, IReadOnlyDictionary<string, decimal> Values);

public sealed record EventsPayload(IReadOnlyList<EventEntry> Events);

public sealed record EventEntry(string Ts, string Type, IReadOnlyDictionary<string, string> Details);

public sealed record StatusPayload(bool Online, string? Firmware = null);
