using System.Text;
using System.Threading.Channels;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Server.Tests.Broker;

/// <summary>A device on the embedded broker, as a real MQTT client, with what it received in a queue.</summary>
public sealed class DeviceConnection : IAsyncDisposable
{
    private readonly Channel<MqttMessage> _received = Channel.CreateUnbounded<MqttMessage>();

    private DeviceConnection(MqttClient client) => Client = client;

    public MqttClient Client { get; }

    public static async Task<DeviceConnection> ConnectAsync(
        int port, string username, string password, MqttProtocolVersion version = MqttProtocolVersion.V500, Action<MqttClientOptions>? configure = null)
    {
        var options = new MqttClientOptions
        {
            Port = port,
            ClientId = username,
            Username = username,
            Password = password,
            ProtocolVersion = version,
            AutoReconnect = false,
        };
        configure?.Invoke(options);
        var connection = new DeviceConnection(new MqttClient(options));
        connection.Client.ReceiveHandler = (message, _) =>
        {
            connection._received.Writer.TryWrite(message.Message);
            return ValueTask.CompletedTask;
        };
        await connection.Client.ConnectAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public Task<MqttPublishResult> PublishAsync(string topic, string payload, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce, bool retain = false) =>
        Client.PublishAsync(new MqttMessage { Topic = topic, Payload = Encoding.UTF8.GetBytes(payload), QualityOfService = qos, Retain = retain }, TestContext.Current.CancellationToken);

    public async Task<MqttMessage> NextAsync(string expected)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"expected {expected} within 10 s");
        }
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
