namespace GridMeter.Server.Vee;

/// <summary>
/// POST /api/v1/meters/{id}/edits: new values (kWh) for consecutive intervals of the meter's reading
/// period from <c>from</c> to <c>to</c>, and why. <c>obis</c> defaults to 1-0:1.8.0.
/// </summary>
public sealed record EditRequest(string? Obis, string? From, string? To, IReadOnlyList<decimal>? Values, string? Reason);
