namespace GridMeter.Domain.Alerts;

/// <summary>
/// A supplier's defaults for the alert rules of its meters: a daily threshold for consumers who set
/// none (null: none), when a silent meter counts as offline, when a prepaid balance is low, and
/// after how many idle hours an appliance has stopped.
/// </summary>
public sealed record AlertRuleDefaults(decimal? DailyKwh, int OfflineMinutes, decimal LowBalance, int ApplianceIdleHours);
