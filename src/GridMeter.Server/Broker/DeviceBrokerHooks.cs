using System.Text;
using System.Text.Json;
using GridMeter.Domain.Devices;
using GridMeter.Mqtt.Broker;
using GridMeter.Mqtt.Packets;
using GridMeter.Server.Devices;

namespace GridMeter.Server.Broker;

/// <summary>
/// The device protocol on the embedded broker (CONTRACT section 2): devices log in with their id and
/// secret, stay within their topics, and a QoS 1 publish is acknowledged only once handled — for
/// readings and events, once committed.
/// </summary>
public sealed partial class DeviceBrokerHooks(
    DeviceLogins logins, DeviceMessages messages, IServiceProvider services, ILogger<DeviceBrokerHooks> logger) : IMqttBrokerHooks
{
    public async ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttConnectRequest request, CancellationToken cancellationToken)
    {
        if (request.IsAnonymous)
        {
            // The broker refuses anonymous clients itself unless GridMeter:Mqtt:AllowAnonymous is on.
            return MqttAuthenticationResult.Accept();
        }
        var id = request.Username;
        var secret = request.Password is { } password ? Encoding.UTF8.GetString(password.Span) : "";
        if (await logins.AuthenticateAsync(id, secret, cancellationToken) is { } device)
        {
            return MqttAuthenticationResult.Accept(device);
        }
        LogRefused(id ?? "(none)");
        return MqttAuthenticationResult.Refuse(MqttReasonCode.NotAuthorized);
    }

    public ValueTask<bool> AuthorizePublishAsync(MqttClientContext client, string topic, CancellationToken cancellationToken)
    {
        var allowed = !topic.StartsWith('$') && TopicAcl.MayPublish(client.Identity as DeviceIdentity, topic);
        if (!allowed)
        {
            LogPublishRefused(client.Username ?? client.ClientId, topic);
        }
        return ValueTask.FromResult(allowed);
    }

    public ValueTask<bool> AuthorizeSubscribeAsync(MqttClientContext client, string topicFilter, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TopicAcl.MaySubscribe(client.Identity as DeviceIdentity, topicFilter));

    public bool MayReceive(object? identity, string topic) => TopicAcl.MayReceive(identity as DeviceIdentity, topic);

    public async ValueTask<MqttPublishDecision> InterceptPublishAsync(MqttInboundPublish publish, CancellationToken cancellationToken)
    {
        var topic = publish.Message.Topic;
        if (publish.Client.Identity is not DeviceIdentity || !DeviceTopic.TryParse(topic, out var parsed))
        {
            return MqttPublishDecision.Accept;
        }
        var outcome = await messages.HandleAsync(topic, publish.Message.Payload, publish.IsWill, cancellationToken);
        if (outcome.IsAccepted)
        {
            return MqttPublishDecision.Accept;
        }
        await TellDeviceAsync(parsed.MeterId, topic, outcome.Rejection!, cancellationToken);
        // MQTT 5.0: 0x99 Payload format invalid; 3.1.1 acknowledges without a code.
        return MqttPublishDecision.Reject(MqttReasonCode.PayloadFormatInvalid, route: false, reasonString: Shorten(outcome.Rejection!));
    }

    private async Task TellDeviceAsync(string meterId, string topic, string error, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new DeviceError(topic, error), BrokerJson.Default.DeviceError);
        // Resolved late: the broker is built with these hooks, so it cannot be a constructor argument.
        var broker = services.GetRequiredService<MqttBroker>();
        await broker.PublishAsync(new MqttMessage
        {
            Topic = DeviceTopic.ErrorsOf(meterId),
            Payload = payload,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ContentType = "application/json",
            PayloadIsUtf8 = true,
        }, cancellationToken);
    }

    private static string Shorten(string reason) => reason.Length <= 200 ? reason : reason[..200];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an MQTT connection for {DeviceId}: wrong id or secret")]
    private partial void LogRefused(string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a publish by {Client} on {Topic}: outside its topics")]
    private partial void LogPublishRefused(string client, string topic);
}
