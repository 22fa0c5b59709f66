using System.Text;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Tests.Infrastructure;

public static class TestClients
{
    public static MqttClient Create(int port, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500, Action<MqttClientOptions>? configure = null)
    {
        var options = new MqttClientOptions
        {
            Port = port,
            ClientId = clientId,
            ProtocolVersion = version,
            ReconnectMinimumDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaximumDelay = TimeSpan.FromMilliseconds(500),
        };
        configure?.Invoke(options);
        return new MqttClient(options);
    }

    public static async Task<MqttClient> ConnectAsync(int port, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500, Action<MqttClientOptions>? configure = null)
    {
        var client = Create(port, clientId, version, configure);
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        return client;
    }

    public static MqttMessage Message(string topic, string payload, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce, bool retain = false) => new()
    {
        Topic = topic,
        Payload = Encoding.UTF8.GetBytes(payload),
        QualityOfService = qos,
        Retain = retain,
    };

    public static string Text(this MqttReceivedMessage received) => Encoding.UTF8.GetString(received.Message.Payload.Span);
}
