using System.Globalization;
using System.Text;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;
using GridMeter.Simulator.Devices;

namespace GridMeter.Browser.Tests;

/// <summary>
/// A power cut on the demo feeder, told the way meters tell it: each meter of the feeder publishes
/// its last gasp (a power_down event) on meters/{id}/events over MQTT with its own device
/// credentials, and power_up when supply is back.
/// </summary>
public static class FeederPowerCut
{
    public static Task CutAsync(PortalServer server) => PublishAsync(server, "power_down");

    public static Task RestoreAsync(PortalServer server) => PublishAsync(server, "power_up");

    private static async Task PublishAsync(PortalServer server, string type)
    {
        var cancel = TestContext.Current.CancellationToken;
        var credentials = await Provisioning.LoadAsync(Path.Combine(server.DataDir, "demo-devices.json"), cancel);
        var at = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        foreach (var meter in PortalServer.FeederMeters)
        {
            // A second connection beside the simulated device's own, so the device keeps running.
            await using var client = new MqttClient(new MqttClientOptions
            {
                Port = server.MqttPort, ClientId = $"{meter}-{type}", Username = meter, Password = credentials[meter].Secret, AutoReconnect = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });
            await client.ConnectAsync(cancel);
            var result = await client.PublishAsync(new MqttMessage
            {
                Topic = $"meters/{meter}/events",
                Payload = Encoding.UTF8.GetBytes($$"""{"events":[{"ts":"{{at}}","type":"{{type}}"}]}"""),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
            }, cancel);
            Assert.True(result.IsSuccess, $"{meter}: {type} was not accepted ({result.ReasonCode})");
            await client.DisconnectAsync(cancellationToken: cancel);
        }
    }
}
