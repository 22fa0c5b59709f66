using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Readings;

/// <summary>GridMeter:Ingest — what readings are accepted and how they are written.</summary>
public sealed class ReadingsOptions
{
    public const string Section = "GridMeter:Ingest";

    /// <summary>Readings older than this are refused as replays (CONTRACT section 2).</summary>
    [Range(1, 3650)]
    public int MaxAgeDays { get; set; } = 90;

    /// <summary>Messages waiting for the writer; when full, senders wait (backpressure) instead of memory growing.</summary>
    [Range(16, 1_000_000)]
    public int MaxPendingMessages { get; set; } = 4096;

    /// <summary>Most readings committed in one transaction.</summary>
    [Range(100, 1_000_000)]
    public int MaxReadingsPerCommit { get; set; } = 50_000;
}
