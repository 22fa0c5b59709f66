namespace GridMeter.Server.Vee;

/// <summary>
/// POST /api/v1/meters/{id}/register-events: at <c>ts</c> the register (default 1-0:1.8.0) stopped at
/// <c>oldValue</c> kWh and went on from <c>newValue</c>; type is exchange (a new meter) or reset.
/// </summary>
public sealed record RegisterEventRequest(string? Type, string? Obis, string? Ts, decimal? OldValue, decimal? NewValue, string? Reason);
