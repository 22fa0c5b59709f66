using System.Text.Json;
using GridMeter.Domain.Devices;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;
using GridMeter.Server.Devices;
using GridMeter.Server.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Broker;

/// <summary>
/// This node as an MQTT 5.0 client of an external broker cluster (GridMeter:Mqtt:ExternalBroker). It
/// keeps a persistent session under a stable client id, takes every device topic through shared
/// subscriptions (each message reaches one node of the group) and feeds the same pipeline the
/// embedded broker uses. A QoS 1 message is acknowledged to the broker only once its handler has
/// returned, that is after its commit; a node that dies before that leaves the message with the
/// broker, which hands it to the node's session again when it is back.
/// The broker authenticated the device and enforced its topics, so the topic's meter id names the device.
/// </summary>
public sealed partial class ExternalBrokerConnection : IHostedService, IHealthCheck, IAsyncDisposable
{
    /// <summary>Every device → server topic of the device protocol (CONTRACT section 2).</summary>
    public static readonly IReadOnlyList<string> DeviceTopicFilters =
    [
        "meters/+/readings",
        "meters/+/live",
        "meters/+/events",
        "meters/+/status",
        "meters/+/appliances/+/readings",
        "meters/+/commands/+/result",
    ];

    private readonly BrokerOptions _options;
    private readonly DeviceMessages _messages;
    private readonly HealthFacts _facts;
    private readonly ILogger<ExternalBrokerConnection> _logger;
    private readonly MqttClient _client;
    private int _disposed;

    public ExternalBrokerConnection(
        IOptions<BrokerOptions> options, DeviceMessages messages, HealthFacts facts, TimeProvider clock,
        ILoggerFactory loggers, ILogger<ExternalBrokerConnection> logger)
    {
        _options = options.Value;
        _messages = messages;
        _facts = facts;
        _logger = logger;
        var clientOptions = new MqttClientOptions
        {
            ClientId = _options.NodeClientId,
            Username = _options.ExternalUsername,
            Password = _options.ExternalPassword,
            // A persistent session: what the broker delivered but we did not acknowledge survives our restart.
            CleanStart = false,
            SessionExpirySeconds = _options.ExternalSessionExpirySeconds,
            KeepAliveSeconds = 30,
            ReconnectMinimumDelay = TimeSpan.FromMilliseconds(200),
            ReconnectMaximumDelay = TimeSpan.FromSeconds(15),
        }.WithServer(new Uri(_options.ExternalBroker!));
        _client = new MqttClient(clientOptions, clock, loggers.CreateLogger<MqttClient>())
        {
            ReceiveHandler = ReceiveAsync,
        };
        _client.Connected += (_, _) => ReportConnected(true);
        if (_options.MosquittoDynamicSecurity)
        {
            DynamicSecurity = new MosquittoDynamicSecurity(PublishControlAsync, loggers.CreateLogger<MosquittoDynamicSecurity>());
        }
        _client.Disconnected += (_, _) => ReportConnected(false);
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Mosquitto's dynamic-security plugin through this connection, when GridMeter:Mqtt:MosquittoDynamicSecurity is on.</summary>
    public MosquittoDynamicSecurity? DynamicSecurity { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _facts.Set("mqttBroker", "external");
        ReportConnected(false);
        // Connects in the background: the node serves HTTP while the broker is away, and /health tells.
        _ = RunAsync();
        await Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        try
        {
            var result = await _client.ConnectAsync(CancellationToken.None);
            LogConnected(_options.ExternalBroker!, _client.ClientId, result.SessionPresent);
            if (DynamicSecurity is not null)
            {
                // The node's own rights first, or the broker refuses the subscriptions below.
                await GrantNodeRoleAsync(DynamicSecurity);
            }
            var shared = DeviceTopicFilters.Select(f => new MqttSubscription($"$share/{_options.ShareGroup}/{f}", MqttQualityOfService.AtLeastOnce)).ToList();
            var codes = await _client.SubscribeAsync(shared, CancellationToken.None);
            for (var i = 0; i < codes.Count; i++)
            {
                if ((byte)codes[i] >= 0x80)
                {
                    LogSubscriptionRefused(shared[i].TopicFilter, codes[i]);
                }
            }
        }
        catch (Exception e) when (e is MqttClientException or ObjectDisposedException or OperationCanceledException)
        {
            LogConnectFailed(e, _options.ExternalBroker!);
        }
    }

    private async Task GrantNodeRoleAsync(MosquittoDynamicSecurity dynamicSecurity)
    {
        var username = _options.ExternalUsername ?? "";
        await _client.SubscribeAsync(MosquittoDynamicSecurity.ResponseTopic, MqttQualityOfService.AtMostOnce, CancellationToken.None);
        if (await dynamicSecurity.NodeHasRoleAsync(username, CancellationToken.None))
        {
            return;
        }
        var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnConnected(object? sender, MqttClientConnectionEventArgs e) => back.TrySetResult();
        _client.Connected += OnConnected;
        try
        {
            await dynamicSecurity.GrantNodeAsync(username, CancellationToken.None);
            // The plugin drops our connection to apply the new role; the client reconnects to the same session.
            await back.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            LogNodeRoleRefused(username);
        }
        finally
        {
            _client.Connected -= OnConnected;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _client.DisconnectAsync(MqttReasonCode.Success, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as a hosted service: the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _client.DisposeAsync();
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_client.IsConnected ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not connected to the external MQTT broker"));

    /// <summary>
    /// Publishes to a device topic at QoS 1 and returns how many sessions took it: 1 on success,
    /// 0 when the broker reports no matching subscriber (MQTT 5.0 reason 0x10) or is not reachable now.
    /// </summary>
    public async ValueTask<int> PublishAsync(MqttMessage message, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return 0;
        }
        try
        {
            var result = await _client.PublishAsync(message, cancellationToken);
            return result.ReasonCode == MqttReasonCode.Success ? 1 : 0;
        }
        catch (MqttClientException e)
        {
            LogPublishFailed(e, message.Topic);
            return 0;
        }
    }

    private async ValueTask<bool> PublishControlAsync(MqttMessage message, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }
        try
        {
            return (await _client.PublishAsync(message, cancellationToken)).IsSuccess;
        }
        catch (MqttClientException e)
        {
            LogPublishFailed(e, message.Topic);
            return false;
        }
    }

    private async ValueTask ReceiveAsync(MqttReceivedMessage received, CancellationToken cancellationToken)
    {
        var message = received.Message;
        if (message.Topic.StartsWith('$'))
        {
            DynamicSecurity?.OnResponse(message);
            return;
        }
        // An exception here leaves the message unacknowledged and drops the connection: the broker delivers it again.
        var outcome = await _messages.HandleAsync(message.Topic, message.Payload, cancellationToken);
        if (!outcome.IsAccepted && DeviceTopic.TryParse(message.Topic, out var parsed))
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(new DeviceError(message.Topic, outcome.Rejection!), BrokerJson.Default.DeviceError);
            await PublishAsync(new MqttMessage
            {
                Topic = DeviceTopic.ErrorsOf(parsed.MeterId),
                Payload = payload,
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                ContentType = "application/json",
                PayloadIsUtf8 = true,
            }, cancellationToken);
        }
    }

    private void ReportConnected(bool connected) => _facts.Set("mqttConnected", connected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the external MQTT broker {Broker} as {ClientId} (session resumed: {SessionPresent})")]
    private partial void LogConnected(string broker, string clientId, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not connect to the external MQTT broker {Broker}")]
    private partial void LogConnectFailed(Exception error, string broker);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mosquitto's dynamic security did not give {Username} the role gridmeter-node (or did not drop the connection to apply it)")]
    private partial void LogNodeRoleRefused(string username);

    [LoggerMessage(Level = LogLevel.Error, Message = "The external MQTT broker refused the subscription {Filter}: {Reason}")]
    private partial void LogSubscriptionRefused(string filter, MqttReasonCode reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish on {Topic} through the external MQTT broker")]
    private partial void LogPublishFailed(Exception error, string topic);
}
