using System.Globalization;
using System.Text;

namespace GridMeter.Domain.Firmware;

/// <summary>
/// What a signed firmware image claims about itself (after RFC 9124, SUIT: the digest and size
/// of the payload, the device class it is for, and a version that orders updates). The vendor
/// signs <see cref="SignedBytes"/>, so changing any field, or one byte of the image, breaks it.
/// </summary>
public sealed record FirmwareManifest(string Model, string Version, long Size, string Sha256)
{
    public const string Format = "gridmeter-firmware/1";

    /// <summary>The exact bytes the vendor's ECDSA P-256 key signs: one field a line, the digest in lower-case hex.</summary>
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"{Format}\nmodel:{Model}\nversion:{Version}\nsize:{Size}\nsha256:{Sha256.ToLowerInvariant()}\n"));
}
