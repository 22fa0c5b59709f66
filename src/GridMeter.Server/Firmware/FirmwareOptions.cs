using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Firmware;

/// <summary>GridMeter:Firmware — who may sign images, how big they may be, how often rollouts move on.</summary>
public sealed class FirmwareOptions
{
    public const string Section = "GridMeter:Firmware";

    /// <summary>The vendors' ECDSA P-256 public keys, PEM ("-----BEGIN PUBLIC KEY-----…"); an image must be signed by one of them.</summary>
    public string[] VendorKeys { get; set; } = [];

    [Range(1, 1L << 30)]
    public long MaxImageBytes { get; set; } = 32L << 20;

    [Range(1, 3600)]
    public int JobSeconds { get; set; } = 10;

    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>At most this many firmware_update commands per rollout and round.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a meter has to download, verify and install before its command expires.</summary>
    [Range(1, 720)]
    public int CommandExpiryHours { get; set; } = 24;

    /// <summary>Where meters fetch images ("https://gridmeter.example.org"); when unset, the address the rollout was created through.</summary>
    public string? DownloadBaseUrl { get; set; }
}
