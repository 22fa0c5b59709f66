using System.Security.Cryptography;
using GridMeter.Domain.Firmware;
using GridMeter.Simulator.Firmware;

namespace GridMeter.Simulator.Tests.Firmware;

/// <summary>A meter with two image slots: it installs only verified images and always boots one, whatever happens when.</summary>
public sealed class SimulatedFirmwareTests : IDisposable
{
    private static readonly ECDsa Vendor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly byte[] Factory = Bytes(1, 20_000);
    private static readonly byte[] Next = Bytes(2, 50_000);

    private readonly string _directory = Directory.CreateTempSubdirectory("gridmeter-slots-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Installs_and_activates_a_signed_newer_image_in_the_other_slot()
    {
        var (meter, slots, _) = Meter();

        var outcome = await meter.ApplyAsync(Request(Next, "2.0.0"), Cancel);

        Assert.Equal(("succeeded", "2.0.0", "b"), (outcome.Status, meter.Running.Version, meter.RunningSlot));
        Assert.Null(slots.Verify("b", meter.Running, [Vendor]));
    }

    [Fact]
    public async Task Refuses_an_image_with_one_byte_changed_and_stays_on_its_own()
    {
        var tampered = (byte[])Next.Clone();
        tampered[31_337] ^= 0x01;
        var (meter, slots, _) = Meter(served: tampered);

        var outcome = await meter.ApplyAsync(Request(Next, "2.0.0"), Cancel);

        Assert.Equal(("failed", "verifying", false), (outcome.Status, outcome.Stage, outcome.RolledBack));
        Assert.Equal(("1.0.0", "a"), (meter.Running.Version, meter.RunningSlot));
        Assert.Null(slots.Verify("a", meter.Running, [Vendor]));
    }

    [Fact]
    public async Task Refuses_a_wrong_signature_and_a_downgrade_before_downloading_anything()
    {
        var (meter, _, server) = Meter();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var unsigned = await meter.ApplyAsync(Request(Next, "2.0.0", stranger), Cancel);
        var older = await meter.ApplyAsync(Request(Next, "0.9.0"), Cancel);

        Assert.Equal(("rejected", "the signature is not a vendor's signature of this image"), (unsigned.Status, unsigned.Error));
        Assert.Equal(("rejected", "downgrade from 1.0.0 to 0.9.0 refused; only an admin may force one"), (older.Status, older.Error));
        Assert.Equal(0, server.Requests);
        Assert.Equal("succeeded", (await meter.ApplyAsync(Request(Next, "0.9.0") with { Force = true }, Cancel)).Status);
    }

    [Fact]
    public async Task Returns_to_the_previous_image_when_the_new_one_fails_its_self_test_and_says_so()
    {
        var (meter, slots, _) = Meter(selfTest: false);

        var outcome = await meter.ApplyAsync(Request(Next, "2.0.0"), Cancel);

        Assert.Equal(("failed", "activating", true, "1.0.0"), (outcome.Status, outcome.Stage, outcome.RolledBack, outcome.RunningVersion));
        Assert.Contains("firmware_failed", System.Text.Encoding.UTF8.GetString(outcome.EventPayload(DateTimeOffset.UnixEpoch)!), StringComparison.Ordinal);
        Assert.Null(slots.Verify(meter.RunningSlot, meter.Running, [Vendor]));
    }

    [Fact]
    public async Task A_power_cut_at_every_step_leaves_the_meter_on_a_verified_image_and_the_update_then_completes()
    {
        var steps = new List<string>();
        var (whole, _, _) = Meter(step: steps.Add);
        await whole.ApplyAsync(Request(Next, "2.0.0"), Cancel);
        Assert.Contains("downloading", steps);
        Assert.Contains("installing", steps);

        for (var cut = 0; cut < steps.Count; cut++)
        {
            var directory = Path.Combine(_directory, $"cut-{cut}");
            var calls = 0;
            var at = cut;
            var (meter, slots, _) = Meter(directory, step: s =>
            {
                if (calls++ == at)
                {
                    throw new PowerCutException(s);
                }
            });
            var cutAt = await Assert.ThrowsAsync<PowerCutException>(() => meter.ApplyAsync(Request(Next, "2.0.0"), Cancel));

            // Power returns: a new meter over the same memory boots, then carries on.
            var (restarted, _, _) = Meter(directory, format: false);
            restarted.Boot();
            var running = restarted.Running;
            Assert.True(slots.Verify(restarted.RunningSlot, running, [Vendor]) is null, $"cut at step {cut} ({cutAt.Step}): runs an unverified image");
            Assert.True(running.Version is "1.0.0" or "2.0.0", $"cut at step {cut} ({cutAt.Step}): runs {running.Version}");
            await restarted.ResumeAsync(Cancel);
            Assert.True(restarted.Running.Version == "2.0.0", $"cut at step {cut} ({cutAt.Step}): the update did not complete after the restart");
            Assert.Null(slots.Verify(restarted.RunningSlot, restarted.Running, [Vendor]));
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (SimulatedFirmware Meter, FirmwareSlots Slots, ImageServer Server) Meter(
        string? directory = null, byte[]? served = null, bool selfTest = true, Action<string>? step = null, bool format = true)
    {
        var slots = new FirmwareSlots(directory ?? Path.Combine(_directory, Guid.NewGuid().ToString("N")));
        if (format)
        {
            var (manifest, signature) = Sign(Factory, "1.0.0");
            slots.Format(Factory, manifest, signature);
        }
        var server = new ImageServer(served ?? Next);
        var meter = new SimulatedFirmware(slots, [Vendor], new HttpImageSource(new HttpClient(server)))
        {
            SelfTest = _ => selfTest,
            Step = step ?? (_ => { }),
        };
        return (meter, slots, server);
    }

    private static FirmwareUpdateRequest Request(byte[] image, string version, ECDsa? key = null)
    {
        var (manifest, signature) = Sign(image, version, key);
        return new FirmwareUpdateRequest("cmd-1", new Uri("http://gridmeter.test/api/v1/meters/MTR-1/firmware/fw-1"), manifest, signature, Force: false);
    }

    private static (FirmwareManifest, string) Sign(byte[] image, string version, ECDsa? key = null)
    {
        var manifest = new FirmwareManifest("GM-200", version, image.Length, Convert.ToHexStringLower(SHA256.HashData(image)));
        return (manifest, FirmwareSignature.Sign(manifest, key ?? Vendor));
    }

    private static byte[] Bytes(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
