using System.Security.Cryptography;

namespace GridMeter.Domain.Firmware;

/// <summary>
/// Whether an image is what its manifest says and the vendor signed it; used on upload by the
/// server and before installing by a meter. Null means verified; otherwise why not.
/// </summary>
public static class FirmwareCheck
{
    public const int MaxModelLength = 64;

    /// <summary>The manifest's own fields: a model name, a version, a size and a SHA-256 in hex.</summary>
    public static string? Manifest(FirmwareManifest manifest)
    {
        if (string.IsNullOrEmpty(manifest.Model) || manifest.Model.Length > MaxModelLength
            || !manifest.Model.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return "'model' must be 1 to 64 characters A-Z a-z 0-9 . _ -";
        }
        if (!FirmwareVersion.TryParse(manifest.Version, out _))
        {
            return "'version' must be one to four dot-separated numbers, e.g. 1.4.2";
        }
        if (manifest.Size <= 0)
        {
            return "'size' must be a positive number of bytes";
        }
        return manifest.Sha256 is { Length: 64 } && manifest.Sha256.All(char.IsAsciiHexDigit) ? null : "'sha256' must be 64 hexadecimal digits";
    }

    /// <summary>Checks the image's size and digest against the manifest, then the vendor signature.</summary>
    public static string? Image(FirmwareManifest manifest, long size, ReadOnlySpan<byte> sha256, string? signature, IEnumerable<ECDsa> vendorKeys)
    {
        if (Manifest(manifest) is { } problem)
        {
            return problem;
        }
        if (size != manifest.Size)
        {
            return $"the image has {size} bytes, the manifest says {manifest.Size}";
        }
        if (!string.Equals(Convert.ToHexStringLower(sha256), manifest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return "the image's SHA-256 differs from the manifest's";
        }
        return FirmwareSignature.IsValid(manifest, signature, vendorKeys) ? null : "the signature is not a vendor's signature of this manifest";
    }

    public static string? Image(FirmwareManifest manifest, ReadOnlySpan<byte> image, string? signature, IEnumerable<ECDsa> vendorKeys) =>
        Image(manifest, image.Length, SHA256.HashData(image), signature, vendorKeys);
}
