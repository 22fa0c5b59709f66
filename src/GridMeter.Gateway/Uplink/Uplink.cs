using System.Text;
using System.Text.Json;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Local;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Gateway.Uplink;

/// <summary>
/// The gateway's MQTT connection to the head-end (CONTRACT sections 2 and 5): connects with the
/// gateway's id and secret, drains the outbox with QoS 1 in order, sends live values with QoS 0 when
/// connected (they are stale a second later, so never queued), and receives the hourly schedule and
/// the price feed the head-end notifies on gateways/{id}/schedule and gateways/{id}/prices.
/// </summary>
public sealed partial class Uplink(GatewayConfig config, Outbox outbox, SiteNotices notices, ILoggerFactory logs)
    : BackgroundService
{
    private const int Batch = 50;

    // Keep-alives, connect timeouts and retry pauses are about the network: real seconds, whatever
    // clock the meters' time stamps come from.
    private static readonly TimeProvider Network = TimeProvider.System;
    private readonly ILogger _logger = logs.CreateLogger<Uplink>();
    private MqttClient? _client;

    public bool IsConnected => _client?.IsConnected ?? false;

    public string ScheduleTopic => $"gateways/{config.Id}/schedule";

    public string PricesTopic => $"gateways/{config.Id}/prices";

    /// <summary>Sends instantaneous values if the uplink is up; drops them otherwise.</summary>
    public async Task PublishLiveAsync(string meterId, byte[] payload, CancellationToken cancellationToken)
    {
        if (_client is not { IsConnected: true } client)
        {
            return;
        }
        try
        {
            await client.PublishAsync(new MqttMessage { Topic = $"meters/{meterId}/live", Payload = payload, QualityOfService = MqttQualityOfService.AtMostOnce }, cancellationToken);
        }
        catch (Exception e) when (e is MqttClientException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // the connection went away between the check and the write: live values are not kept
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(config.UplinkRetrySeconds);
        var options = new MqttClientOptions
        {
            ClientId = config.Id,
            Username = config.Id,
            Password = config.Secret,
            KeepAliveSeconds = 30,
            AutoReconnect = true,
            ReconnectMinimumDelay = TimeSpan.FromMilliseconds(Math.Min(500, retry.TotalMilliseconds)),
            ReconnectMaximumDelay = retry,
            MaximumInflight = Batch,
        }.WithServer(new Uri(config.Broker));
        await using var client = new MqttClient(options, Network, logs.CreateLogger<MqttClient>());
        client.ReceiveHandler = ReceiveAsync;
        client.Connected += (_, _) => _ = AfterConnectAsync(client, stoppingToken);
        _client = client;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await client.ConnectAsync(stoppingToken);
                break;
            }
            catch (MqttClientException e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefused(e, config.Id, config.Broker);
                await Task.Delay(retry, Network, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var pending = await outbox.PeekAsync(Batch, stoppingToken);
            if (pending.Count == 0)
            {
                await outbox.WaitForMoreAsync(TimeSpan.FromSeconds(1), Network, stoppingToken);
                continue;
            }
            await SendAsync(client, pending, stoppingToken);
        }
    }

    private async Task SendAsync(MqttClient client, IReadOnlyList<OutboxMessage> pending, CancellationToken cancellationToken)
    {
        // Pipelined: the whole batch is in flight at once; each message leaves the outbox on its PUBACK.
        // A publish waits through a reconnect and is sent again, flagged DUP, on the new connection.
        var sends = pending.Select(m => client.PublishAsync(
            new MqttMessage { Topic = m.Topic, Payload = m.Payload, QualityOfService = MqttQualityOfService.AtLeastOnce, PayloadIsUtf8 = true }, cancellationToken)).ToList();
        for (var i = 0; i < sends.Count; i++)
        {
            var result = await sends[i];
            if (result.IsSuccess || IsFinal(result.ReasonCode))
            {
                if (!result.IsSuccess)
                {
                    LogRejected(pending[i].Topic, result.ReasonCode, result.ReasonString);
                }
                await outbox.RemoveAsync(pending[i].Sequence, cancellationToken);
            }
            else
            {
                LogDeferred(pending[i].Topic, result.ReasonCode);
                await Task.Delay(TimeSpan.FromSeconds(1), Network, cancellationToken);
                return;
            }
        }
    }

    /// <summary>Refusals that sending again cannot change: the head-end quarantined or forbade the message.</summary>
    private static bool IsFinal(MqttReasonCode code) =>
        code is MqttReasonCode.NotAuthorized or MqttReasonCode.PayloadFormatInvalid or MqttReasonCode.TopicNameInvalid or MqttReasonCode.PacketTooLarge;

    private async Task AfterConnectAsync(MqttClient client, CancellationToken cancellationToken)
    {
        try
        {
            LogConnected(config.Id, config.Broker);
            await client.SubscribeAsync([new MqttSubscription(ScheduleTopic, MqttQualityOfService.AtLeastOnce), new MqttSubscription(PricesTopic, MqttQualityOfService.AtLeastOnce)], cancellationToken);
            foreach (var meter in config.Meters)
            {
                var status = JsonSerializer.SerializeToUtf8Bytes(new StatusPayload(true, "gateway:" + config.Id), GatewayJson.Default.StatusPayload);
                await client.PublishAsync(new MqttMessage { Topic = $"meters/{meter.Id}/status", Payload = status, QualityOfService = MqttQualityOfService.AtMostOnce, Retain = true }, cancellationToken);
            }
        }
        catch (Exception e) when (e is MqttClientException or IOException or OperationCanceledException)
        {
            LogSubscribeFailed(e);
        }
    }

    private ValueTask ReceiveAsync(MqttReceivedMessage received, CancellationToken cancellationToken)
    {
        var message = received.Message;
        try
        {
            if (message.Topic == ScheduleTopic)
            {
                notices.Schedule = JsonSerializer.Deserialize(message.Payload.Span, GatewayJson.Default.HourlySchedule);
            }
            else if (message.Topic == PricesTopic)
            {
                notices.Prices = JsonSerializer.Deserialize(message.Payload.Span, GatewayJson.Default.PriceFeed);
            }
        }
        catch (JsonException e)
        {
            LogBadNotice(e, message.Topic, Encoding.UTF8.GetString(message.Payload.Span[..Math.Min(200, message.Payload.Length)]));
        }
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway {GatewayId} connected to {Broker}")]
    private partial void LogConnected(string gatewayId, string broker);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway {GatewayId}: {Broker} refused the connection; check id and secret")]
    private partial void LogRefused(Exception exception, string gatewayId, string broker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The head-end refused a message on {Topic} ({Reason}: {Why}); it is dropped")]
    private partial void LogRejected(string topic, MqttReasonCode reason, string? why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The head-end deferred a message on {Topic} ({Reason}); sending again later")]
    private partial void LogDeferred(string topic, MqttReasonCode reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the head-end's notices failed")]
    private partial void LogSubscribeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notice on {Topic} is not valid JSON: {Start}")]
    private partial void LogBadNotice(Exception exception, string topic, string start);
}
