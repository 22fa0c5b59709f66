using GridMeter.Mqtt.Packets;
using Microsoft.Extensions.Logging;

namespace GridMeter.Mqtt.Client;

internal static partial class MqttClientLog
{
    [LoggerMessage(101, LogLevel.Information, "MQTT client {ClientId} connected to {Host}:{Port} (session present {SessionPresent})")]
    public static partial void Connected(this ILogger logger, string clientId, string host, int port, bool sessionPresent);

    [LoggerMessage(102, LogLevel.Warning, "MQTT client {ClientId} lost its connection")]
    public static partial void ConnectionLost(this ILogger logger, Exception? exception, string clientId);

    [LoggerMessage(103, LogLevel.Information, "MQTT client {ClientId} reconnects in {Delay}")]
    public static partial void Reconnecting(this ILogger logger, string clientId, TimeSpan delay);

    [LoggerMessage(104, LogLevel.Warning, "MQTT client {ClientId}: the receive handler failed for {Topic}; the message stays unacknowledged and the connection is dropped so it is delivered again")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string clientId, string topic);

    [LoggerMessage(105, LogLevel.Warning, "MQTT client {ClientId} was disconnected by the broker: {Reason}")]
    public static partial void DisconnectedByBroker(this ILogger logger, string clientId, MqttReasonCode reason);
}
