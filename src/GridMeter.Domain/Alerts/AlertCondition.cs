using System.Globalization;
using NodaTime;

namespace GridMeter.Domain.Alerts;

/// <summary>
/// Something that holds and people should hear about. <see cref="Key"/> names the condition: while
/// a condition with that key is active, raising it again alerts nobody; once cleared, it may alert
/// again. Build conditions with the factory methods, so every feature names them the same way.
/// </summary>
public sealed record AlertCondition(string Type, string Key, string? MeterId, string Message)
{
    /// <summary>Who hears of it; by default that of <see cref="AlertType.AudienceOf"/>.</summary>
    public AlertAudience Audience { get; init; } = AlertType.AudienceOf(Type);

    /// <summary>For <see cref="AlertAudience.OneUser"/>: the user's key.</summary>
    public long? UserKey { get; init; }

    /// <summary>For <see cref="AlertAudience.Organisation"/>: the organisation's id.</summary>
    public string? OrganisationId { get; init; }

    public static AlertCondition DailyThreshold(string meterId, long userKey, LocalDate day, decimal kwh, decimal thresholdKwh) =>
        new(AlertType.DailyThreshold, $"{AlertType.DailyThreshold}:{meterId}:{userKey}:{day:yyyy-MM-dd}", meterId,
            string.Create(CultureInfo.InvariantCulture, $"Meter {meterId} used {kwh:0.###} kWh on {day:yyyy-MM-dd}, above your daily threshold of {thresholdKwh:0.###} kWh."))
        {
            Audience = AlertAudience.OneUser,
            UserKey = userKey,
        };

    public static AlertCondition LowBalance(string meterId, decimal balance, string currency) =>
        new(AlertType.LowBalance, $"{AlertType.LowBalance}:{meterId}", meterId,
            string.Create(CultureInfo.InvariantCulture, $"The balance of meter {meterId} is low: {balance:0.00} {currency}."));

    public static AlertCondition BalanceExhausted(string meterId) =>
        new(AlertType.BalanceExhausted, $"{AlertType.BalanceExhausted}:{meterId}", meterId, $"The balance of meter {meterId} is used up.");

    public static AlertCondition Disconnected(string meterId, string reason) =>
        new(AlertType.Disconnected, $"{AlertType.Disconnected}:{meterId}", meterId, $"The supply of meter {meterId} was disconnected: {reason}.");

    /// <summary>One per reported event: a re-sent event alerts once.</summary>
    public static AlertCondition Tamper(string meterId, string eventType, Instant at) =>
        new(AlertType.Tamper, $"{AlertType.Tamper}:{meterId}:{eventType}:{at.ToUnixTimeMilliseconds()}", meterId,
            $"Meter {meterId} reported {eventType.Replace('_', ' ')} at {at:uuuu-MM-ddTHH:mm:ss}Z.");

    public static AlertCondition TariffChanged(string meterId, LocalDate validFrom) =>
        new(AlertType.TariffChanged, $"{AlertType.TariffChanged}:{meterId}:{validFrom:yyyy-MM-dd}", meterId,
            $"The tariff of meter {meterId} changes from {validFrom:yyyy-MM-dd}.");

    public static AlertCondition Outage(string outageId, string networkOperatorId, string description) =>
        new(AlertType.Outage, $"{AlertType.Outage}:{outageId}", null, $"Outage {outageId}: {description}")
        {
            Audience = AlertAudience.Organisation,
            OrganisationId = networkOperatorId,
        };

    public static AlertCondition ApplianceFault(string meterId, string applianceId, string description) =>
        new(AlertType.ApplianceFault, $"{AlertType.ApplianceFault}:{meterId}:{applianceId}", meterId, $"Appliance {applianceId} of meter {meterId}: {description}");

    public static AlertCondition MeterOffline(string meterId, Instant? lastSeen) =>
        new(AlertType.MeterOffline, $"{AlertType.MeterOffline}:{meterId}", meterId,
            lastSeen is { } seen ? $"Meter {meterId} is offline; last heard from at {seen:uuuu-MM-ddTHH:mm:ss}Z." : $"Meter {meterId} is offline.");
}
