namespace GridMeter.Server.Hierarchy;

/// <summary>
/// One bucket of a building's balance (kWh): what its main meter measured, what its sub-meters
/// measured together, and the difference — losses and use no sub-meter tracks.
/// </summary>
public sealed record BalancePoint(string Start, string End, decimal? MainKwh, decimal? SubMetersKwh, decimal? BalanceKwh, int SubMeters, string Quality);
