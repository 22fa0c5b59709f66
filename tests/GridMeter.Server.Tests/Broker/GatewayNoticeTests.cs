using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridMeter.Mqtt.Broker;
using GridMeter.Mqtt.Packets;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Broker;

/// <summary>The head-end's notices to a gateway (gateways/{id}/schedule and /prices) through the embedded broker.</summary>
public sealed class GatewayNoticeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_gateway_gets_its_own_retained_schedule_and_may_not_subscribe_to_another_gateways_or_publish_one()
    {
        await using var app = await GridMeterApp.StartAsync();
        await app.ProvisionAsync("MTR-1");
        await app.ProvisionAsync("MTR-2");
        using var admin = await app.AdminAsync();
        var secret = await CreateGatewayAsync(admin, "GW-1", "MTR-1");
        await CreateGatewayAsync(admin, "GW-2", "MTR-2");
        var broker = app.Services.GetRequiredService<MqttBroker>();
        await broker.PublishAsync(Retained("gateways/GW-2/schedule", """{"hours":[{"start":"2026-12-07T10:00:00Z","energyKwh":99}]}"""), Cancel);
        await broker.PublishAsync(Retained("gateways/GW-1/schedule", """{"hours":[{"start":"2026-12-07T10:00:00Z","energyKwh":12.5}]}"""), Cancel);
        await using var gateway = await DeviceConnection.ConnectAsync(app.MqttPort, "GW-1", secret);

        var granted = await gateway.Client.SubscribeAsync(
            [new("gateways/GW-2/schedule", MqttQualityOfService.AtLeastOnce), new("gateways/+/schedule", MqttQualityOfService.AtLeastOnce),
             new("gateways/GW-1/#", MqttQualityOfService.AtLeastOnce), new("gateways/GW-1/prices", MqttQualityOfService.AtLeastOnce),
             new("gateways/GW-1/schedule", MqttQualityOfService.AtLeastOnce)], Cancel);
        var notice = await gateway.NextAsync("the retained schedule of GW-1");
        var publish = await gateway.PublishAsync("gateways/GW-1/prices", """{"currency":"EUR","prices":[]}""");

        Assert.Equal([false, false, false, true, true], granted.Select(c => (byte)c < 0x80));
        Assert.Equal("gateways/GW-1/schedule", notice.Topic);
        Assert.Contains("12.5", Encoding.UTF8.GetString(notice.Payload.Span), StringComparison.Ordinal);
        Assert.Equal(MqttReasonCode.NotAuthorized, publish.ReasonCode);
    }

    private static MqttMessage Retained(string topic, string json) =>
        new() { Topic = topic, Payload = Encoding.UTF8.GetBytes(json), QualityOfService = MqttQualityOfService.AtLeastOnce, Retain = true };

    private static async Task<string> CreateGatewayAsync(HttpClient admin, string id, string meterId)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/gateways", new { id, meterIds = new[] { meterId } }, Cancel);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("deviceSecret").GetString()!;
    }
}
