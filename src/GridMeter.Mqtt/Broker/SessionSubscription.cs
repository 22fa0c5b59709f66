using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>One subscription of a session, as stored in the session and in the subscription tree.</summary>
internal sealed class SessionSubscription
{
    public required MqttSession Session { get; init; }

    /// <summary>The filter as the client sent it, "$share/group/..." included: the key in the session.</summary>
    public required string Filter { get; init; }

    /// <summary>The filter that is matched against topics (without the share prefix).</summary>
    public required string TopicFilter { get; init; }

    public string? ShareGroup { get; init; }

    public MqttQualityOfService Qos { get; set; }

    public bool NoLocal { get; set; }

    public bool RetainAsPublished { get; set; }

    public uint SubscriptionIdentifier { get; set; }
}
