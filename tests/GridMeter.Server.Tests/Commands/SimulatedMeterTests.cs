using System.Net.Http.Json;
using GridMeter.Server.Meters;
using GridMeter.Simulator.Devices;
using GridMeter.Simulator.Fleets;
using NodaTime;

namespace GridMeter.Server.Tests.Commands;

/// <summary>The simulator's virtual meters obey commands over MQTT and answer them.</summary>
public sealed class SimulatedMeterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_simulated_meter_opens_its_relay_switches_an_appliance_and_rejects_firmware_it_cannot_flash()
    {
        var now = TimeProvider.System.GetUtcNow();
        await using var app = await GridMeterApp.StartAsync(now: now);
        var meter = new FleetBuilder(seed: 7, 1, Instant.FromUtc(2026, 1, 1, 0, 0)).Build()[0];
        var secret = await app.ProvisionAsync(meter.Id);
        using var admin = await app.AdminAsync();
        var appliance = meter.Household.Appliances[0].Id;
        await Accounts.World.SendAsync(admin, $"/api/v1/meters/{meter.Id}/appliances", new { id = appliance, name = "Plug", type = "other" });
        var clock = new SimulatedClock(TimeProvider.System, Instant.FromDateTimeOffset(now), 1);
        var device = new MqttMeterDevice(meter, new DeviceCredentials(meter.Id, secret), new FleetOptions(new Uri($"mqtt://127.0.0.1:{app.MqttPort}")), clock, new FleetCounters(), sendsLive: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var running = device.RunAsync(stop.Token);

        var disconnect = await CommandLifecycleTests.SendAsync(admin, meter.Id, new { command = "disconnect", reason = "unpaid" });
        var off = await CommandLifecycleTests.SendAsync(admin, meter.Id, new { command = "appliance_off", parameters = new { applianceId = appliance } });
        var firmware = await CommandLifecycleTests.SendAsync(admin, meter.Id, new
        {
            command = "firmware_update",
            parameters = new { url = "https://fw.example.org/2.0.0.bin", sha256 = new string('a', 64), size = 1024 },
        });

        await CommandLifecycleTests.StatusAsync(admin, disconnect.Id, "succeeded");
        await CommandLifecycleTests.StatusAsync(admin, off.Id, "succeeded");
        await CommandLifecycleTests.StatusAsync(admin, firmware.Id, "rejected");
        Assert.Equal("open", device.Commands.Relay);
        Assert.Equal("off", device.Commands.Appliances[appliance]);
        var shown = await admin.GetFromJsonAsync<MeterResponse>($"/api/v1/meters/{meter.Id}", Cancel);
        Assert.Equal("open", shown!.Status!.Relay);
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as a fleet stops.
        }
    }
}
