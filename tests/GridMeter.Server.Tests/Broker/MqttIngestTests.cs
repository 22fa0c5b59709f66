using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;
using GridMeter.Server.Consumption;
using GridMeter.Server.Events;
using GridMeter.Server.Live;
using GridMeter.Server.Meters;
using GridMeter.Server.Quarantine;
using GridMeter.Testing;
using NodaTime;

namespace GridMeter.Server.Tests.Broker;

/// <summary>Devices speaking the protocol of CONTRACT section 2 to the embedded broker.</summary>
public sealed class MqttIngestTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 12, 0);

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Readings_acknowledged_at_qos1_are_stored_and_returned_by_the_consumption_api(MqttProtocolVersion version)
    {
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        await using var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret, version);
        var day = Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), 5_000);

        var ack = await device.PublishAsync("meters/MTR-1/readings", Readings.ReadingsApiTests.ToJson(day));

        Assert.True(ack.IsSuccess);
        using var admin = await app.AdminAsync();
        var daily = await admin.GetFromJsonAsync<ConsumptionResponse>("/api/v1/meters/MTR-1/consumption?from=2026-11-20&to=2026-11-21&interval=day", Cancel);
        Assert.Equal((day[^1].Wh - day[0].Wh) / 1000m, Assert.Single(daily!.Points).Value);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_wrong_secret_is_refused_as_not_authorised(MqttProtocolVersion version)
    {
        await using var app = await GridMeterApp.StartAsync();
        await app.ProvisionAsync("MTR-1");

        var refusal = await Assert.ThrowsAsync<MqttClientException>(() => DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", "guess", version));

        Assert.Equal(MqttReasonCode.NotAuthorized, refusal.ReasonCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_publish_on_another_meters_topic_stores_nothing(MqttProtocolVersion version)
    {
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        await app.ProvisionAsync("MTR-2");
        await using var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret, version);

        var ack = await device.PublishAsync("meters/MTR-2/readings", """{"readings":[{"ts":"2026-11-22T11:45:00Z","values":{"1-0:1.8.0":1}}]}""");

        Assert.Equal(version == MqttProtocolVersion.V500 ? MqttReasonCode.NotAuthorized : MqttReasonCode.Success, ack.ReasonCode);
        Assert.Equal(0, await app.CountAsync("readings"));
    }

    [Fact]
    public async Task A_device_may_subscribe_only_to_its_own_commands_and_errors()
    {
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        await using var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);

        var granted = await device.Client.SubscribeAsync(
            [new("meters/MTR-1/commands", MqttQualityOfService.AtLeastOnce), new("meters/MTR-1/errors", MqttQualityOfService.AtLeastOnce),
             new("meters/MTR-2/commands", MqttQualityOfService.AtLeastOnce), new("meters/#", MqttQualityOfService.AtLeastOnce),
             new("meters/MTR-1/readings", MqttQualityOfService.AtLeastOnce)], Cancel);

        Assert.Equal([true, true, false, false, false], granted.Select(c => (byte)c < 0x80));
    }

    [Fact]
    public async Task A_malformed_message_is_quarantined_answered_with_0x99_and_explained_on_the_errors_topic()
    {
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        await using var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        await device.Client.SubscribeAsync("meters/MTR-1/errors", MqttQualityOfService.AtLeastOnce, Cancel);

        var ack = await device.PublishAsync("meters/MTR-1/readings", """{"readings":[{"ts":"2026-11-22T12:30:00Z","values":{"1-0:1.8.0":1}}]}""");

        Assert.Equal(MqttReasonCode.PayloadFormatInvalid, ack.ReasonCode);
        var error = await device.NextAsync("an explanation on meters/MTR-1/errors");
        using var json = JsonDocument.Parse(error.Payload);
        Assert.Equal("meters/MTR-1/readings", json.RootElement.GetProperty("topic").GetString());
        Assert.Contains("in the future", json.RootElement.GetProperty("error").GetString());
        using var admin = await app.AdminAsync();
        var quarantine = await admin.GetFromJsonAsync<QuarantineList>("/api/v1/quarantine", Cancel);
        Assert.Equal("mqtt:meters/MTR-1/readings", Assert.Single(quarantine!.Items).Source);
        Assert.Equal(0, await app.CountAsync("readings"));
    }

    [Fact]
    public async Task Status_and_will_show_on_the_meter_as_online_then_offline()
    {
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret, configure: o => o.Will = new MqttWill
        {
            Message = new MqttMessage { Topic = "meters/MTR-1/status", Payload = Encoding.UTF8.GetBytes("""{"online":false}"""), QualityOfService = MqttQualityOfService.AtLeastOnce, Retain = true },
        });
        await device.PublishAsync("meters/MTR-1/status", """{"online":true,"firmware":"1.4.2","relay":"closed","rssi":-70}""", retain: true);
        using var admin = await app.AdminAsync();
        var online = await admin.GetFromJsonAsync<MeterResponse>("/api/v1/meters/MTR-1", Cancel);
        Assert.Equal((true, "1.4.2", "closed", -70), (online!.Status!.Online, online.Status.Firmware, online.Status.Relay, online.Status.Rssi));

        device.Client.Abort();
        await device.DisposeAsync();

        var offline = await Eventually.Async(
            () => admin.GetFromJsonAsync<MeterResponse>("/api/v1/meters/MTR-1", Cancel)!, m => m!.Status!.Online == false, "the will to mark MTR-1 offline");
        Assert.Equal("1.4.2", offline!.Status!.Firmware);
    }

    [Fact]
    public async Task Live_values_reach_the_api_and_the_sse_stream()
    {
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        await using var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        using var admin = await app.AdminAsync();
        using var stream = await admin.GetStreamAsync("/api/v1/meters/MTR-1/live/stream", Cancel);
        using var reader = new StreamReader(stream);

        await device.PublishAsync("meters/MTR-1/live", """{"ts":"2026-11-22T11:59:59Z","values":{"1-0:1.7.0":0.42,"1-0:32.7.0":231.2}}""", MqttQualityOfService.AtMostOnce);

        var data = await NextSseDataAsync(reader, "live");
        Assert.Contains("\"1-0:1.7.0\":0.42", data);
        var latest = await admin.GetFromJsonAsync<LiveResponse>("/api/v1/meters/MTR-1/live", Cancel);
        Assert.Equal(231.2m, latest!.Values["1-0:32.7.0"]);
    }

    [Fact]
    public async Task Events_are_committed_before_the_puback_and_stored_once()
    {
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        await using var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        const string Events = """{"events":[{"ts":"2026-11-22T11:00:00Z","type":"tamper","details":{"sensor":"cover"}},{"ts":"2026-11-22T11:01:00Z","type":"meter_reboot"}]}""";

        Assert.True((await device.PublishAsync("meters/MTR-1/events", Events)).IsSuccess);
        Assert.True((await device.PublishAsync("meters/MTR-1/events", Events)).IsSuccess);

        using var admin = await app.AdminAsync();
        var list = await admin.GetFromJsonAsync<MeterEventList>("/api/v1/meters/MTR-1/events", Cancel);
        Assert.Equal(["meter_reboot", "tamper"], list!.Items.Select(e => e.Type));
        Assert.Equal("cover", list.Items[1].Details!.Value.GetProperty("sensor").GetString());
    }

    [Fact]
    public async Task A_gateway_speaks_for_its_meters_and_no_other()
    {
        await using var app = await GridMeterApp.StartAsync();
        await app.ProvisionAsync("MTR-1");
        await app.ProvisionAsync("MTR-2");
        await app.ProvisionAsync("MTR-3");
        using var admin = await app.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/gateways", new { id = "GW-1", meterIds = new[] { "MTR-1", "MTR-2" } }, Cancel);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("deviceSecret").GetString()!;
        await using var gateway = await DeviceConnection.ConnectAsync(app.MqttPort, "GW-1", secret);
        const string Reading = """{"readings":[{"ts":"2026-11-22T11:45:00Z","values":{"1-0:1.8.0":12.5}}]}""";

        var first = await gateway.PublishAsync("meters/MTR-1/readings", Reading);
        var second = await gateway.PublishAsync("meters/MTR-2/readings", Reading);
        var third = await gateway.PublishAsync("meters/MTR-3/readings", Reading);

        Assert.Equal((true, true, MqttReasonCode.NotAuthorized), (first.IsSuccess, second.IsSuccess, third.ReasonCode));
        Assert.Equal(2, await app.CountAsync("readings"));
    }

    private static async Task<string> NextSseDataAsync(StreamReader reader, string eventType)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var current = "";
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                current = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && current == eventType)
            {
                return line["data: ".Length..];
            }
        }
        throw new InvalidOperationException($"the stream ended before a '{eventType}' event");
    }
}
