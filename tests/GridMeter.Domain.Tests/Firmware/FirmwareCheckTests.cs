using System.Security.Cryptography;
using GridMeter.Domain.Firmware;

namespace GridMeter.Domain.Tests.Firmware;

public sealed class FirmwareCheckTests
{
    private static readonly byte[] Image = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))];

    private static (FirmwareManifest Manifest, string Signature, ECDsa Key) Signed(byte[] image)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var manifest = new FirmwareManifest("GM-200", "2.1.0", image.Length, Convert.ToHexStringLower(SHA256.HashData(image)));
        return (manifest, FirmwareSignature.Sign(manifest, key), key);
    }

    [Fact]
    public void Accepts_an_image_its_vendor_signed()
    {
        var (manifest, signature, key) = Signed(Image);
        Assert.Null(FirmwareCheck.Image(manifest, Image, signature, [key]));
    }

    [Fact]
    public void Refuses_an_image_with_one_byte_changed()
    {
        var (manifest, signature, key) = Signed(Image);
        var tampered = (byte[])Image.Clone();
        tampered[1234] ^= 0x01;
        Assert.Equal("the image's SHA-256 differs from the manifest's", FirmwareCheck.Image(manifest, tampered, signature, [key]));
    }

    [Fact]
    public void Refuses_a_signature_by_another_key_or_over_another_manifest()
    {
        var (manifest, _, key) = Signed(Image);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.NotNull(FirmwareCheck.Image(manifest, Image, FirmwareSignature.Sign(manifest, other), [key]));
        var relabelled = manifest with { Version = "9.0.0" };
        Assert.NotNull(FirmwareCheck.Image(relabelled, Image, FirmwareSignature.Sign(manifest, key), [key]));
        Assert.NotNull(FirmwareCheck.Image(manifest, Image, "not base64!", [key]));
    }

    [Theory]
    [InlineData("1.4.2", "1.5.0", false, null)]
    [InlineData("1.4.2", "1.4.2", false, "already on 1.4.2")]
    [InlineData("1.10.0", "1.9.9", false, "downgrade from 1.10.0 to 1.9.9 refused; only an admin may force one")]
    [InlineData("1.10.0", "1.9.9", true, null)]
    [InlineData(null, "1.0", false, null)]
    public void Refuses_downgrades_unless_forced(string? current, string target, bool forced, string? expected) =>
        Assert.Equal(expected, UpgradeRule.Refusal(current, target, forced));

    [Theory]
    [InlineData("1.4", "1.4.0", 0)]
    [InlineData("1.10", "1.9", 1)]
    [InlineData("2", "10", -1)]
    public void Compares_versions_number_by_number(string a, string b, int sign)
    {
        Assert.True(FirmwareVersion.TryParse(a, out var x) && FirmwareVersion.TryParse(b, out var y));
        FirmwareVersion.TryParse(b, out var z);
        Assert.Equal(sign, Math.Sign(x.CompareTo(z)));
    }

    [Theory]
    [InlineData("1..2")]
    [InlineData("v1.2")]
    [InlineData("1.2.3.4.5")]
    [InlineData("")]
    public void Rejects_what_is_not_a_version(string text) => Assert.False(FirmwareVersion.TryParse(text, out _));
}
