using System.Net.Http.Json;
using GridMeter.Server.Consumption;
using GridMeter.Server.Tests.Broker;
using NodaTime;
using static GridMeter.Server.Tests.Vee.MeterDataFixture;

namespace GridMeter.Server.Tests.Vee;

/// <summary>A smart plug's readings arriving on the device protocol's appliance topic.</summary>
public sealed class ApplianceMqttTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Appliance_readings_published_at_qos1_are_stored_and_an_unregistered_appliance_is_refused()
    {
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        using var admin = await app.AdminAsync();
        (await admin.PostAsJsonAsync("/api/v1/meters/MTR-1/appliances", new { id = "plug-1", name = "Washing machine", type = "plug" }, Cancel)).EnsureSuccessStatusCode();
        await using var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        var day = new LocalDate(2026, 11, 20);
        var plug = Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", day, 2_000);

        var stored = await device.PublishAsync("meters/MTR-1/appliances/plug-1/readings", Readings.ReadingsApiTests.ToJson(plug));
        var unknown = await device.PublishAsync("meters/MTR-1/appliances/nope/readings", Readings.ReadingsApiTests.ToJson(plug));
        await ProcessAsync(app);
        var usage = await GetAsync<AggregateResponse>(admin, $"/api/v1/meters/MTR-1/appliances/plug-1/consumption?from={Day(day)}&to={Day(day.PlusDays(1))}");

        Assert.True(stored.IsSuccess);
        Assert.False(unknown.IsSuccess);
        Assert.Equal((plug[^1].Wh - plug[0].Wh) / 1000m, Assert.Single(usage.Points).Value);
        Assert.Equal(plug.Count, await app.CountAsync("readings"));
    }
}
