using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GridMeter.Domain.Webhooks;

/// <summary>
/// The signature on every webhook POST: header <c>X-GridMeter-Signature: t=UNIX,v1=HEX</c>, where
/// HEX is HMAC-SHA256 with the subscription's secret over "UNIX.BODY". The timestamp in the signed
/// text lets a receiver refuse a replayed request.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-GridMeter-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return string.Create(CultureInfo.InvariantCulture, $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body)
    {
        var parts = header.Split(',');
        if (parts.Length != 2 || !parts[0].StartsWith("t=", StringComparison.Ordinal)
            || !long.TryParse(parts[0].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secret, t, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header));
    }
}
