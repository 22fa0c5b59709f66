using System.Threading.Channels;
using GridMeter.Mqtt.Broker;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Tests.Infrastructure;

/// <summary>Hooks whose answers a test sets, recording what the broker asked.</summary>
public sealed class ScriptedHooks : IMqttBrokerHooks
{
    public Func<MqttConnectRequest, MqttAuthenticationResult> Authenticate { get; set; } = _ => MqttAuthenticationResult.Accept();

    public Func<MqttClientContext, string, bool> AuthorizePublish { get; set; } = (_, _) => true;

    public Func<MqttClientContext, string, bool> AuthorizeSubscribe { get; set; } = (_, _) => true;

    public Func<object?, string, bool> Receive { get; set; } = (_, _) => true;

    public Func<MqttInboundPublish, CancellationToken, ValueTask<MqttPublishDecision>> Intercept { get; set; } =
        (_, _) => ValueTask.FromResult(MqttPublishDecision.Accept);

    public List<string> Events { get; } = [];

    public TaskCompletionSource<(MqttClientContext Client, MqttReasonCode Reason)> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Client ids whose connections closed, in order: a signal that the broker finished with them.</summary>
    public Channel<string> ClosedClients { get; } = Channel.CreateUnbounded<string>();

    public async Task WaitClosedAsync(string clientId)
    {
        using var timeout = new CancellationTokenSource(Inbox.Patience);
        while (await ClosedClients.Reader.ReadAsync(timeout.Token) != clientId)
        {
        }
    }

    public ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttConnectRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Authenticate(request));

    public ValueTask<bool> AuthorizePublishAsync(MqttClientContext client, string topic, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthorizePublish(client, topic));

    public ValueTask<bool> AuthorizeSubscribeAsync(MqttClientContext client, string topicFilter, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthorizeSubscribe(client, topicFilter));

    public bool MayReceive(object? identity, string topic) => Receive(identity, topic);

    public ValueTask<MqttPublishDecision> InterceptPublishAsync(MqttInboundPublish publish, CancellationToken cancellationToken) =>
        Intercept(publish, cancellationToken);

    public ValueTask OnConnectionOpenedAsync(MqttClientContext client, CancellationToken cancellationToken)
    {
        lock (Events)
        {
            Events.Add($"opened {client.ClientId}");
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask OnConnectionClosedAsync(MqttClientContext client, MqttReasonCode reason, CancellationToken cancellationToken)
    {
        lock (Events)
        {
            Events.Add($"closed {client.ClientId} {reason}");
        }
        Closed.TrySetResult((client, reason));
        ClosedClients.Writer.TryWrite(client.ClientId);
        return ValueTask.CompletedTask;
    }
}
