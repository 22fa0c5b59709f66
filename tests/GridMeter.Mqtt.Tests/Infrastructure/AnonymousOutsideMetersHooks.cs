using GridMeter.Mqtt.Broker;

namespace GridMeter.Mqtt.Tests.Infrastructure;

/// <summary>The test host's rule, as the server's CONTRACT puts it: anonymous clients may use any topic outside meters/.</summary>
public sealed class AnonymousOutsideMetersHooks : IMqttBrokerHooks
{
    public ValueTask<bool> AuthorizeSubscribeAsync(MqttClientContext client, string topicFilter, CancellationToken cancellationToken) =>
        ValueTask.FromResult(!client.IsAnonymous || !topicFilter.StartsWith("meters/", StringComparison.Ordinal));

    public ValueTask<bool> AuthorizePublishAsync(MqttClientContext client, string topic, CancellationToken cancellationToken) =>
        ValueTask.FromResult(!client.IsAnonymous || !topic.StartsWith("meters/", StringComparison.Ordinal));
}
