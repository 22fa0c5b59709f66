using System.Collections.Concurrent;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>The last retained message per topic (MQTT 5.0 §3.3.1.3); an empty payload clears the topic.</summary>
internal sealed class RetainedMessageStore
{
    private readonly ConcurrentDictionary<string, MqttMessage> _messages = new(StringComparer.Ordinal);

    public int Count => _messages.Count;

    public void Set(MqttMessage message)
    {
        if (message.Payload.IsEmpty)
        {
            _messages.TryRemove(message.Topic, out _);
        }
        else
        {
            _messages[message.Topic] = message;
        }
    }

    public void Collect(string filter, List<MqttMessage> output)
    {
        if (!MqttTopic.HasWildcard(filter))
        {
            if (_messages.TryGetValue(filter, out var exact))
            {
                output.Add(exact);
            }
            return;
        }
        foreach (var (topic, message) in _messages)
        {
            if (MqttTopic.Matches(filter, topic))
            {
                output.Add(message);
            }
        }
    }

    public void Remove(MqttMessage message) => _messages.TryRemove(new KeyValuePair<string, MqttMessage>(message.Topic, message));
}
