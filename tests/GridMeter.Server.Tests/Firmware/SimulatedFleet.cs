using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridMeter.Server.Commands;
using GridMeter.Server.Devices;
using GridMeter.Simulator.Firmware;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Firmware;

/// <summary>
/// Many simulated meters in this process, each with its own two image slots. They download over
/// HTTP from the test server as their device, and answer through the same entry point MQTT messages
/// take (DeviceMessages): the command result, the firmware event and the status with their version.
/// </summary>
public sealed class SimulatedFleet : IDisposable
{
    private readonly GridMeterApp _app;
    private readonly string _root = ScratchDirectory("gridmeter-fleet-");
    private readonly ConcurrentDictionary<string, (SimulatedFirmware Firmware, FirmwareSlots Slots)> _meters = new();
    private readonly ConcurrentDictionary<string, byte> _answered = new();
    private int _toFail;

    private SimulatedFleet(GridMeterApp app) => _app = app;

    public IReadOnlyDictionary<string, (SimulatedFirmware Firmware, FirmwareSlots Slots)> Meters => _meters;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Provisions <paramref name="count"/> meters of <paramref name="model"/> on factory image <paramref name="version"/>, each reporting it.</summary>
    public static async Task<SimulatedFleet> CreateAsync(GridMeterApp app, HttpClient admin, int count, string model, string version, int imageSize)
    {
        var fleet = new SimulatedFleet(app);
        var factory = TestVendor.Image(model, version, imageSize);
        var (manifest, signature) = TestVendor.Sign(factory, model, version);
        var messages = app.Services.GetRequiredService<DeviceMessages>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Cancel }, async (i, ct) =>
        {
            var id = $"MTR-{i:D4}";
            var response = await admin.PostAsJsonAsync("/api/v1/meters", new { id, timeZone = "Europe/Rome", model }, ct);
            response.EnsureSuccessStatusCode();
            var secret = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("deviceSecret").GetString()!;
            var slots = new FirmwareSlots(Path.Combine(fleet._root, id));
            slots.Format(factory, manifest, signature);
            var firmware = new SimulatedFirmware(slots, [TestVendor.Key], new HttpImageSource(app.DeviceClient(id, secret)))
            {
                SelfTest = _ => Interlocked.Decrement(ref fleet._toFail) < 0,
            };
            fleet._meters[id] = (firmware, slots);
            await messages.HandleAsync($"meters/{id}/status", Encoding.UTF8.GetBytes($$"""{"online":true,"firmware":"{{version}}"}"""), ct);
        });
        fleet._toFail = 0;
        return fleet;
    }

    /// <summary>The next <paramref name="count"/> images to boot fail their self-test, so those meters roll back.</summary>
    public void FailNext(int count) => _toFail = count;

    /// <summary>Every meter with an unanswered firmware_update carries it out and reports; returns how many did.</summary>
    public async Task<int> AnswerAsync(HttpClient admin, string rolloutId)
    {
        var commands = _app.Services.GetRequiredService<MeterCommands>();
        var messages = _app.Services.GetRequiredService<DeviceMessages>();
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/rollouts/{rolloutId}/targets/downloading", Cancel);
        var due = list.GetProperty("items").EnumerateArray()
            .Select(m => (MeterId: m.GetProperty("meterId").GetString()!, CommandId: m.GetProperty("commandId").GetString()!))
            .Where(m => _answered.TryAdd(m.CommandId, 0)).ToList();
        // Failures are decided in the order meters were sent their commands, not by which thread runs first.
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Cancel }, async (m, ct) =>
        {
            var command = await commands.FindAsync(m.CommandId, ct);
            var request = FirmwareUpdateRequest.From(m.CommandId, command!.Parameters)!;
            var outcome = await _meters[m.MeterId].Firmware.ApplyAsync(request, ct);
            var at = _app.Clock.GetUtcNow();
            await messages.HandleAsync($"meters/{m.MeterId}/commands/{m.CommandId}/result", outcome.ResultPayload(), ct);
            if (outcome.EventPayload(at) is { } events)
            {
                await messages.HandleAsync($"meters/{m.MeterId}/events", events, ct);
            }
            await messages.HandleAsync($"meters/{m.MeterId}/status", outcome.StatusPayload(), ct);
        });
        return due.Count;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A new directory in memory (/dev/shm) where the machine has one, else in the temp directory.</summary>
    public static string ScratchDirectory(string prefix) => Directory.Exists("/dev/shm")
        ? Directory.CreateDirectory(Path.Combine("/dev/shm", prefix + Guid.NewGuid().ToString("N"))).FullName
        : Directory.CreateTempSubdirectory(prefix).FullName;
}
