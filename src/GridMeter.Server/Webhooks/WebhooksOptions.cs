using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Webhooks;

public sealed class WebhooksOptions
{
    public const string Section = "GridMeter:Webhooks";

    /// <summary>Attempts before a delivery is given up (with backoff from 10 s doubling to an hour: about 9 hours for 15).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 15;

    /// <summary>How often the delivery job looks for due retries when nothing new was published.</summary>
    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>How long one POST may take before it counts as failed.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;
}
