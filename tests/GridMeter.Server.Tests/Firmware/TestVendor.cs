using System.Net.Http.Headers;
using System.Security.Cryptography;
using GridMeter.Domain.Firmware;

namespace GridMeter.Server.Tests.Firmware;

/// <summary>A firmware vendor for tests: a P-256 key pair made once per test run, whose public half every test server trusts.</summary>
public static class TestVendor
{
    public static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static readonly string PublicKeyPem = Key.ExportSubjectPublicKeyInfoPem();

    /// <summary>Deterministic image bytes: the same model, version and size give the same image.</summary>
    public static byte[] Image(string model, string version, int size = 16 * 1024)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{model} {version}")));
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static (FirmwareManifest Manifest, string Signature) Sign(byte[] image, string model, string version, ECDsa? key = null)
    {
        var manifest = new FirmwareManifest(model, version, image.Length, Convert.ToHexStringLower(SHA256.HashData(image)));
        return (manifest, FirmwareSignature.Sign(manifest, key ?? Key));
    }

    /// <summary>POST /api/v1/firmware with the manifest in headers.</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] body, FirmwareManifest manifest, string signature, string? supplierId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/firmware") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add("X-Firmware-Model", manifest.Model);
        request.Headers.Add("X-Firmware-Version", manifest.Version);
        request.Headers.Add("X-Firmware-Sha256", manifest.Sha256);
        request.Headers.Add("X-Firmware-Signature", signature);
        if (supplierId is not null)
        {
            request.Headers.Add("X-Firmware-Supplier", supplierId);
        }
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Uploads a signed image and returns its id.</summary>
    public static async Task<string> PublishAsync(HttpClient client, string model, string version, int size = 16 * 1024, string? supplierId = null)
    {
        var image = Image(model, version, size);
        var (manifest, signature) = Sign(image, model, version);
        var response = await UploadAsync(client, image, manifest, signature, supplierId);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"upload answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }
}
