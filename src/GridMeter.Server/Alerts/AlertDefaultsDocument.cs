namespace GridMeter.Server.Alerts;

/// <summary>A supplier's alert rule defaults as the API shows them; dailyKwh null means no default threshold.</summary>
public sealed record AlertDefaultsDocument(decimal? DailyKwh, int OfflineMinutes, decimal LowBalance, int ApplianceIdleHours);
