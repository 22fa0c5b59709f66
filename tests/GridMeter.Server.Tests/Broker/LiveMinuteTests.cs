using System.Net.Http.Json;
using GridMeter.Mqtt.Packets;
using GridMeter.Server.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GridMeter.Server.Tests.Broker;

public sealed class LiveMinuteTests
{
    [Fact]
    public async Task Live_values_are_kept_as_one_minute_min_avg_max_and_raw_seconds_are_not()
    {
        await using var app = await GridMeterApp.StartAsync(now: new DateTimeOffset(2026, 11, 22, 12, 0, 30, TimeSpan.Zero));
        var secret = await app.ProvisionAsync("MTR-1");
        await using var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        foreach (var (second, kw) in new[] { (0, 1.0m), (10, 3.0m), (20, 2.0m), (59, 2.0m) })
        {
            await device.PublishAsync("meters/MTR-1/live", $$$"""{"ts":"2026-11-22T11:58:{{{second:00}}}Z","values":{"1-0:1.7.0":{{{kw}}}}}""", MqttQualityOfService.AtLeastOnce);
        }
        await device.PublishAsync("meters/MTR-1/live", """{"ts":"2026-11-22T11:59:05Z","values":{"1-0:1.7.0":0.5}}""", MqttQualityOfService.AtLeastOnce);

        await app.Services.GetServices<IHostedService>().OfType<LiveMinuteJob>().Single().FlushAsync(TestContext.Current.CancellationToken);

        using var admin = await app.AdminAsync();
        var minutes = await admin.GetFromJsonAsync<LiveMinuteList>(
            "/api/v1/meters/MTR-1/live/minutes?from=2026-11-22T11:00:00Z&to=2026-11-22T12:01:00Z", TestContext.Current.CancellationToken);
        Assert.Equal(2, minutes!.Items.Count);
        var first = minutes.Items[0].Values.GetProperty("1-0:1.7.0");
        Assert.Equal([1.0m, 2.0m, 3.0m], first.EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal(0.5m, minutes.Items[1].Values.GetProperty("1-0:1.7.0")[1].GetDecimal());
        Assert.Equal(2, await app.CountAsync("live_minutes"));
    }
}
