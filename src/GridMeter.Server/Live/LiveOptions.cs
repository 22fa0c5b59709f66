using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Live;

/// <summary>GridMeter:Live — instantaneous values.</summary>
public sealed class LiveOptions
{
    public const string Section = "GridMeter:Live";

    /// <summary>How long 1-minute min/avg/max are kept.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 35;

    /// <summary>How often completed minutes and "last seen" times are written.</summary>
    [Range(1, 300)]
    public int FlushSeconds { get; set; } = 10;
}
