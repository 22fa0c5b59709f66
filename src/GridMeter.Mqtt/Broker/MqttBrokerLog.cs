using System.Net;
using GridMeter.Mqtt.Packets;
using Microsoft.Extensions.Logging;

namespace GridMeter.Mqtt.Broker;

internal static partial class MqttBrokerLog
{
    [LoggerMessage(1, LogLevel.Debug, "MQTT client {ClientId} connected from {RemoteEndPoint} (protocol {Version}, session present {SessionPresent})")]
    public static partial void ClientConnected(this ILogger logger, string clientId, EndPoint? remoteEndPoint, MqttProtocolVersion version, bool sessionPresent);

    [LoggerMessage(2, LogLevel.Debug, "MQTT client {ClientId} disconnected: {Reason}")]
    public static partial void ClientDisconnected(this ILogger logger, string clientId, MqttReasonCode reason);

    [LoggerMessage(3, LogLevel.Information, "MQTT connection {ConnectionId} from {RemoteEndPoint} refused: {Reason}")]
    public static partial void ConnectRefused(this ILogger logger, string connectionId, EndPoint? remoteEndPoint, MqttReasonCode reason);

    [LoggerMessage(4, LogLevel.Information, "MQTT connection {ConnectionId} from {RemoteEndPoint} closed for a protocol violation ({Reason}): {Detail}")]
    public static partial void ProtocolViolation(this ILogger logger, string connectionId, EndPoint? remoteEndPoint, MqttReasonCode reason, string detail);

    [LoggerMessage(5, LogLevel.Warning, "MQTT client {ClientId} may not publish to {Topic}; the message was dropped")]
    public static partial void PublishRefused(this ILogger logger, string clientId, string topic);

    [LoggerMessage(6, LogLevel.Warning, "MQTT client {ClientId} reads too slowly: {Dropped} QoS 0 messages dropped so far")]
    public static partial void SlowConsumerDropped(this ILogger logger, string clientId, long dropped);

    [LoggerMessage(7, LogLevel.Warning, "MQTT session {ClientId} queue is full ({Limit} messages): {Dropped} messages dropped so far")]
    public static partial void SessionQueueFull(this ILogger logger, string clientId, int limit, long dropped);

    [LoggerMessage(8, LogLevel.Error, "MQTT hook {Hook} failed for client {ClientId}")]
    public static partial void HookFailed(this ILogger logger, Exception exception, string hook, string clientId);

    [LoggerMessage(9, LogLevel.Debug, "MQTT client {ClientId} timed out (keep alive {KeepAlive} s)")]
    public static partial void KeepAliveTimeout(this ILogger logger, string clientId, int keepAlive);

    [LoggerMessage(10, LogLevel.Debug, "MQTT session {ClientId} expired")]
    public static partial void SessionExpired(this ILogger logger, string clientId);

    [LoggerMessage(11, LogLevel.Information, "MQTT broker listening on {EndPoint}{Tls}")]
    public static partial void Listening(this ILogger logger, EndPoint endPoint, string tls);

    [LoggerMessage(12, LogLevel.Debug, "MQTT message to {ClientId} on {Topic} dropped: larger than the client's maximum packet size {Maximum}")]
    public static partial void TooLargeForClient(this ILogger logger, string clientId, string topic, uint maximum);

    [LoggerMessage(13, LogLevel.Warning, "MQTT connection {ConnectionId} failed")]
    public static partial void ConnectionFailed(this ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(14, LogLevel.Debug, "MQTT will of {ClientId} published on {Topic}")]
    public static partial void WillPublished(this ILogger logger, string clientId, string topic);

    [LoggerMessage(15, LogLevel.Information, "MQTT publish from {ClientId} on {Topic} rejected by the intercept hook: {Reason}")]
    public static partial void PublishRejected(this ILogger logger, string clientId, string topic, MqttReasonCode reason);
}
