namespace GridMeter.Gateway.Local;

/// <summary>
/// The energy the site has committed to take in each hour (seed 004's imbalance market), notified by
/// the head-end on gateways/{id}/schedule: {"hours":[{"start":"2026-12-07T10:00:00Z","energyKwh":12.5}]}.
/// Net energy: import minus export over every meter behind the gateway.
/// </summary>
public sealed record HourlySchedule(IReadOnlyList<ScheduledHour> Hours);

public sealed record ScheduledHour(DateTimeOffset Start, decimal EnergyKwh);
