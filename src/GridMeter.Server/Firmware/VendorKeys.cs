using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Firmware;

/// <summary>The vendor public keys of <see cref="FirmwareOptions.VendorKeys"/>, parsed once.</summary>
public sealed class VendorKeys(IOptions<FirmwareOptions> options)
{
    public IReadOnlyList<ECDsa> Keys { get; } = [.. options.Value.VendorKeys.Select(Parse)];

    /// <summary>True when <paramref name="pem"/> is an ECDSA P-256 public key.</summary>
    public static bool IsValid(string pem)
    {
        try
        {
            using var key = Parse(pem);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    private static ECDsa Parse(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CryptographicException("a vendor key must be ECDSA P-256");
        }
        return key;
    }
}
