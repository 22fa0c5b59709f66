using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Security;

/// <summary>GridMeter:RateLimits — requests per minute; 0 turns a limit off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "GridMeter:RateLimits";

    /// <summary>Login attempts (token and portal form) per client address per minute; lockout guards each account besides.</summary>
    [Range(0, 1_000_000)]
    public int LoginPerMinute { get; set; } = 60;

    /// <summary>
    /// Ingest requests per meter id per minute. A meter sends a batch every few minutes; the
    /// default leaves room for catching up after an outage, so real fleets are never throttled.
    /// </summary>
    [Range(0, 1_000_000)]
    public int IngestPerMeterPerMinute { get; set; } = 600;
}
