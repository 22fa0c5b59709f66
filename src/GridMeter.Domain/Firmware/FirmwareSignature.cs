using System.Security.Cryptography;

namespace GridMeter.Domain.Firmware;

/// <summary>
/// ECDSA P-256 with SHA-256 over <see cref="FirmwareManifest.SignedBytes"/>; the signature travels
/// as base64 of the 64-byte r‖s form (IEEE P1363), the form SUIT's COSE_Sign1 uses too.
/// </summary>
public static class FirmwareSignature
{
    public static string Sign(FirmwareManifest manifest, ECDsa vendorKey) =>
        Convert.ToBase64String(vendorKey.SignData(manifest.SignedBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>True when one of <paramref name="vendorKeys"/> signed exactly this manifest.</summary>
    public static bool IsValid(FirmwareManifest manifest, string? signature, IEnumerable<ECDsa> vendorKeys)
    {
        var bytes = new byte[64];
        if (signature is null || signature.Length > 128 || !Convert.TryFromBase64String(signature, bytes, out var length) || length != 64)
        {
            return false;
        }
        var signed = manifest.SignedBytes();
        return vendorKeys.Any(key => key.VerifyData(signed, bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }
}
