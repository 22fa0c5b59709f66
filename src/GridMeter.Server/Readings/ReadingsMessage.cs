namespace GridMeter.Server.Readings;

/// <summary>
/// The readings payload of CONTRACT section 2, for the OpenAPI description. Ingest decodes the raw
/// bytes itself (<see cref="ReadingsPayload"/>) so it can quarantine exactly what arrived.
/// </summary>
public sealed record ReadingsMessage(IReadOnlyList<ReadingsMessageSnapshot> Readings);
