using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>
/// How the host decides about clients. Every member has an allow-all default, so an implementation
/// overrides only what it cares about. Hooks run on connection threads: keep them fast or truly async.
/// </summary>
public interface IMqttBrokerHooks
{
    /// <summary>Accepts or refuses a CONNECT. Called after the broker's own checks (anonymous access, client id).</summary>
    ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttConnectRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(MqttAuthenticationResult.Accept());

    /// <summary>
    /// May this client publish to this topic? A refusal is answered with 0x87 over 5.0; over 3.1.1 the
    /// message is acknowledged, dropped and logged (MQTT 3.1.1 has no way to say no).
    /// </summary>
    ValueTask<bool> AuthorizePublishAsync(MqttClientContext client, string topic, CancellationToken cancellationToken) =>
        ValueTask.FromResult(true);

    /// <summary>May this client subscribe to this filter? For "$share/group/filter" the filter after the group is passed.</summary>
    ValueTask<bool> AuthorizeSubscribeAsync(MqttClientContext client, string topicFilter, CancellationToken cancellationToken) =>
        ValueTask.FromResult(true);

    /// <summary>
    /// Sees every authorised inbound publish, wills included, before it is acknowledged and routed: the
    /// PUBACK (QoS 1) or PUBREC (QoS 2) waits for this task. Calls for consecutive publishes of one
    /// connection may overlap; their acknowledgements and routing still follow receive order.
    /// </summary>
    ValueTask<MqttPublishDecision> InterceptPublishAsync(MqttInboundPublish publish, CancellationToken cancellationToken) =>
        ValueTask.FromResult(MqttPublishDecision.Accept);

    /// <summary>
    /// May a message on this topic reach a session whose owner authenticated with this identity?
    /// Asked for every delivery (retained ones included), so it must be cheap; subscribing with a
    /// wildcard never widens what a client may receive.
    /// </summary>
    bool MayReceive(object? identity, string topic) => true;

    ValueTask OnConnectionOpenedAsync(MqttClientContext client, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>After the connection closed: Success for a normal DISCONNECT, otherwise why it ended.</summary>
    ValueTask OnConnectionClosedAsync(MqttClientContext client, MqttReasonCode reason, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
