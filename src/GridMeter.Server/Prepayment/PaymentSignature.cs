using System.Security.Cryptography;
using System.Text;

namespace GridMeter.Server.Prepayment;

/// <summary>
/// The payment provider signs each callback body with HMAC-SHA256 under the shared secret and
/// sends it as <c>X-GridMeter-Signature: sha256=&lt;hex&gt;</c>. Compared in constant time.
/// </summary>
public static class PaymentSignature
{
    public const string Header = "X-GridMeter-Signature";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(ReadOnlySpan<byte> body, string? signature, string secret)
    {
        if (secret.Length == 0 || signature is null || !signature.StartsWith("sha256=", StringComparison.Ordinal) || signature.Length != 7 + 64)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        Span<byte> given = stackalloc byte[32];
        return Convert.FromHexString(signature.AsSpan(7), given, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == 32 && CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
