using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using GridMeter.Server.Tests.Accounts;
using GridMeter.Simulator.Firmware;

namespace GridMeter.Server.Tests.Firmware;

/// <summary>Images are verified on upload and served to devices, resumably.</summary>
public sealed class FirmwareUploadTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_image_is_stored_and_a_device_fetches_any_range_of_it()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();
        using var device = await app.DeviceAsync("MTR-1");
        var image = TestVendor.Image("GM-200", "2.0.0", 100_000);
        var (manifest, signature) = TestVendor.Sign(image, "GM-200", "2.0.0");

        var created = await TestVendor.UploadAsync(admin, image, manifest, signature);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/meters/MTR-1/firmware/{id}");
        request.Headers.Range = new RangeHeaderValue(40_000, null);
        using var partial = await device.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(image[40_000..], await partial.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(image, await device.GetByteArrayAsync($"/api/v1/meters/MTR-1/firmware/{id}", Cancel));
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/firmware", Cancel);
        Assert.Equal(manifest.Sha256, listed.GetProperty("items")[0].GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task An_image_with_one_byte_changed_or_a_wrong_signature_is_refused_and_nothing_is_stored()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();
        var image = TestVendor.Image("GM-200", "2.0.0");
        var (manifest, signature) = TestVendor.Sign(image, "GM-200", "2.0.0");
        var tampered = (byte[])image.Clone();
        tampered[5000] ^= 0x20;
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (_, strangersSignature) = TestVendor.Sign(image, "GM-200", "2.0.0", stranger);
        var (_, signatureOfAnotherVersion) = TestVendor.Sign(image, "GM-200", "2.0.1");

        foreach (var (body, sig, label) in new[] { (tampered, signature, "one byte changed"), (image, strangersSignature, "another key"),
            (image, signatureOfAnotherVersion, "signed as another version") })
        {
            var response = await TestVendor.UploadAsync(admin, body, manifest, sig);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{label}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, await app.CountAsync("firmware_images"));
        Assert.Empty(Directory.Exists(Path.Combine(app.DataDir, "firmware")) ? Directory.GetFiles(Path.Combine(app.DataDir, "firmware")) : []);
    }

    [Fact]
    public async Task An_operator_may_not_upload_the_same_image_twice_conflicts_and_a_device_of_another_model_gets_404()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();
        var id = await TestVendor.PublishAsync(admin, "GM-200", "2.0.0");
        var other = await World.SendAsync(admin, "/api/v1/meters", new { id = "MTR-OTHER", timeZone = "Europe/Rome", model = "XY-9" });
        using var otherDevice = app.DeviceClient("MTR-OTHER", other.GetProperty("deviceSecret").GetString()!);
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "grid", name = "Grid", kind = "networkOperator" });
        await World.SendAsync(admin, "/api/v1/users", new { username = "olga", password = "long enough password", role = "operator", organisationId = "grid" });
        using var operatorStaff = await app.ClientForAsync("olga", "long enough password");
        var next = TestVendor.Image("GM-200", "3.0.0");
        var (nextManifest, nextSignature) = TestVendor.Sign(next, "GM-200", "3.0.0");
        var again = TestVendor.Image("GM-200", "2.0.0");
        var (againManifest, againSignature) = TestVendor.Sign(again, "GM-200", "2.0.0");

        Assert.Equal(HttpStatusCode.Forbidden, (await TestVendor.UploadAsync(operatorStaff, next, nextManifest, nextSignature)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await TestVendor.UploadAsync(admin, again, againManifest, againSignature)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDevice.GetAsync($"/api/v1/meters/MTR-OTHER/firmware/{id}", Cancel)).StatusCode);
        Assert.Equal(1, await app.CountAsync("firmware_images"));
    }

    [Fact]
    public async Task A_download_cut_at_random_offsets_resumes_with_range_requests_and_completes_with_the_right_hash()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();
        var meter = await World.SendAsync(admin, "/api/v1/meters", new { id = "MTR-1", timeZone = "Europe/Rome", model = "GM-200" });
        var id = await TestVendor.PublishAsync(admin, "GM-200", "2.0.0", 300_000);
        var factory = TestVendor.Image("GM-200", "1.0.0", 4096);
        var (factoryManifest, factorySignature) = TestVendor.Sign(factory, "GM-200", "1.0.0");
        var image = TestVendor.Image("GM-200", "2.0.0", 300_000);
        var (manifest, signature) = TestVendor.Sign(image, "GM-200", "2.0.0");
        var cutter = new CuttingHandler(seed: 20261207, maxBytesPerConnection: 60_000);
        using var http = app.CreateDefaultClient(cutter);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"MTR-1:{meter.GetProperty("deviceSecret").GetString()}")));
        var slots = new FirmwareSlots(Directory.CreateTempSubdirectory("gridmeter-slots-").FullName);
        slots.Format(factory, factoryManifest, factorySignature);
        var device = new SimulatedFirmware(slots, [TestVendor.Key], new HttpImageSource(http));

        var outcome = await device.ApplyAsync(new FirmwareUpdateRequest("cmd-1", new Uri(http.BaseAddress!, $"/api/v1/meters/MTR-1/firmware/{id}"), manifest, signature, false), Cancel);

        Assert.Equal(("succeeded", "2.0.0"), (outcome.Status, device.Running.Version));
        Assert.True(cutter.Offsets.Count >= 5, $"only {cutter.Offsets.Count} connections");
        Assert.Equal(cutter.Offsets.Order(), cutter.Offsets);
        Assert.All(cutter.Offsets.Skip(1), o => Assert.True(o > 0));
        Assert.Equal(manifest.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(slots.SlotPath(device.RunningSlot)))));
    }
}
