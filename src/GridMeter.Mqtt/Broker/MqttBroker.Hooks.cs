using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

public sealed partial class MqttBroker
{
    /// <summary>Publish authorisation, then the intercept hook; a hook that throws rejects the message (0x83).</summary>
    internal ValueTask<MqttPublishDecision> EvaluateAsync(MqttClientContext client, MqttMessage message, bool isWill, CancellationToken cancellationToken) =>
        _defaultHooks ? ValueTask.FromResult(MqttPublishDecision.Accept) : EvaluateWithHooksAsync(client, message, isWill, cancellationToken);

    private async ValueTask<MqttPublishDecision> EvaluateWithHooksAsync(MqttClientContext client, MqttMessage message, bool isWill, CancellationToken cancellationToken)
    {
        var hook = nameof(IMqttBrokerHooks.AuthorizePublishAsync);
        try
        {
            if (!await Hooks.AuthorizePublishAsync(client, message.Topic, cancellationToken))
            {
                Logger.PublishRefused(client.ClientId, message.Topic);
                return MqttPublishDecision.Reject(MqttReasonCode.NotAuthorized);
            }
            hook = nameof(IMqttBrokerHooks.InterceptPublishAsync);
            var decision = await Hooks.InterceptPublishAsync(new MqttInboundPublish { Client = client, Message = message, IsWill = isWill }, cancellationToken);
            if ((byte)decision.ReasonCode >= 0x80)
            {
                Logger.PublishRejected(client.ClientId, message.Topic, decision.ReasonCode);
            }
            return decision;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.HookFailed(e, hook, client.ClientId);
            return MqttPublishDecision.Reject(MqttReasonCode.ImplementationSpecificError);
        }
    }

    internal async ValueTask<bool> AuthorizeSubscribeAsync(MqttClientContext client, string topicFilter, CancellationToken cancellationToken)
    {
        try
        {
            return await Hooks.AuthorizeSubscribeAsync(client, topicFilter, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.HookFailed(e, nameof(IMqttBrokerHooks.AuthorizeSubscribeAsync), client.ClientId);
            return false;
        }
    }

    internal async ValueTask NotifyOpenedAsync(MqttClientContext client, CancellationToken cancellationToken)
    {
        try
        {
            await Hooks.OnConnectionOpenedAsync(client, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.HookFailed(e, nameof(IMqttBrokerHooks.OnConnectionOpenedAsync), client.ClientId);
        }
    }

    internal async ValueTask NotifyClosedAsync(MqttClientContext client, MqttReasonCode reason)
    {
        try
        {
            await Hooks.OnConnectionClosedAsync(client, reason, CancellationToken.None);
        }
        catch (Exception e)
        {
            Logger.HookFailed(e, nameof(IMqttBrokerHooks.OnConnectionClosedAsync), client.ClientId);
        }
    }
}
