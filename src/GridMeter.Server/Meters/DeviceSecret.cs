using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GridMeter.Server.Meters;

/// <summary>
/// Device secrets: 256 random bits, shown once at provisioning, stored as a SHA-256 hash. A secret
/// this long cannot be guessed, so a fast hash is enough, and checking one costs microseconds even
/// when ten thousand meters reconnect at once.
/// </summary>
public static class DeviceSecret
{
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Constant-time comparison, so timing reveals nothing about the stored hash.</summary>
    public static bool Matches(string presented, byte[] storedHash)
    {
        Span<byte> hash = stackalloc byte[32];
        var length = Encoding.UTF8.GetMaxByteCount(presented.Length);
        if (length > 1024)
        {
            return false;
        }
        Span<byte> utf8 = stackalloc byte[length];
        var written = Encoding.UTF8.GetBytes(presented, utf8);
        SHA256.HashData(utf8[..written], hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }
}
