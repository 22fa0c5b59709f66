using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Alerts;

/// <summary>GridMeter:Alerts — how rules are checked and the outbox is delivered, and the rule defaults for suppliers without their own.</summary>
public sealed class AlertsOptions
{
    public const string Section = "GridMeter:Alerts";

    /// <summary>How often the rules are checked and the outbox looked at, besides being woken by a new alert.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>Deliveries tried per round.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure up to <see cref="RetryMaxSeconds"/>.</summary>
    [Range(1, 86_400)]
    public int RetryFirstSeconds { get; set; } = 30;

    [Range(1, 86_400)]
    public int RetryMaxSeconds { get; set; } = 3600;

    /// <summary>After this many failed attempts a delivery is given up and shown as failed (the default spans about two days).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 60;

    /// <summary>Webhook URLs must use https unless this is set (a test or a closed network).</summary>
    public bool AllowHttpWebhooks { get; set; }

    /// <summary>Rule defaults: a meter silent this long, or saying it is offline, is offline.</summary>
    [Range(1, 100_000)]
    public int OfflineMinutes { get; set; } = 60;

    /// <summary>Rule defaults: a daily threshold for consumers who set none (null: none).</summary>
    [Range(0.001, 1_000_000)]
    public double? DailyKwh { get; set; }

    /// <summary>Rule defaults: a prepaid balance below this (in the currency's units) is low.</summary>
    [Range(0, 1_000_000)]
    public decimal LowBalance { get; set; } = 5m;

    /// <summary>Rule defaults: an appliance that used nothing for this many hours has stopped.</summary>
    [Range(1, 10_000)]
    public int ApplianceIdleHours { get; set; } = 24;
}
