namespace GridMeter.Domain.Alerts;

/// <summary>The kinds of alert GridMeter raises, and who hears about each.</summary>
public static class AlertType
{
    /// <summary>The day's consumption passed the threshold the consumer set.</summary>
    public const string DailyThreshold = "daily_threshold";

    public const string LowBalance = "low_balance";

    public const string BalanceExhausted = "balance_exhausted";

    /// <summary>The supply was disconnected (relay opened by command or for lack of credit).</summary>
    public const string Disconnected = "disconnected";

    /// <summary>Tamper, cover opened or a magnetic field, as the meter reported.</summary>
    public const string Tamper = "tamper";

    public const string TariffChanged = "tariff_changed";

    /// <summary>A supply outage, for the network operator's staff.</summary>
    public const string Outage = "outage";

    /// <summary>An appliance drawing far outside its usual profile, or one that stopped.</summary>
    public const string ApplianceFault = "appliance_fault";

    public const string MeterOffline = "meter_offline";

    public static readonly IReadOnlyList<string> All =
        [DailyThreshold, LowBalance, BalanceExhausted, Disconnected, Tamper, TariffChanged, Outage, ApplianceFault, MeterOffline];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type);

    /// <summary>Who hears of an alert of <paramref name="type"/> when the condition names no one.</summary>
    public static AlertAudience AudienceOf(string type) => type switch
    {
        Tamper => AlertAudience.MeterConsumersAndSupplier,
        Outage => AlertAudience.Organisation,
        MeterOffline => AlertAudience.MeterConsumersAndSupplier,
        _ => AlertAudience.MeterConsumers,
    };
}
