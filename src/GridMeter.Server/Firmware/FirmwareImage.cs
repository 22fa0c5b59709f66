using GridMeter.Domain.Firmware;

namespace GridMeter.Server.Firmware;

/// <summary>A stored, verified firmware image; the bytes live in the data directory under firmware/{id}.bin.</summary>
public sealed record FirmwareImage(long Key, string Id, string Model, string Version, long Size, string Sha256, string Signature,
    string? SupplierId, string UploadedBy, long UploadedAt)
{
    public FirmwareManifest Manifest => new(Model, Version, Size, Sha256);

    public FirmwareImageResponse ToResponse() =>
        new(Id, Model, Version, Size, Sha256, Signature, SupplierId, UploadedBy, DateTimeOffset.FromUnixTimeMilliseconds(UploadedAt));

    /// <summary>Image ids are "fw-" and the first 16 hex digits of the SHA-256: the same bytes have one id.</summary>
    public static string IdOf(string sha256) => "fw-" + sha256[..16].ToLowerInvariant();

    public static bool IsId(string? id) => id is { Length: 19 } && id.StartsWith("fw-", StringComparison.Ordinal) && id[3..].All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));
}
