using System.Text;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Tests.Infrastructure;

/// <summary>One valid packet of every kind, with the MQTT 5.0 properties filled in, for round trips and fuzzing.</summary>
public static class SamplePackets
{
    private static readonly MqttUserProperty[] User = [new("meter", "MTR-1"), new("fw", "1.4.2")];

    public static MqttMessage Message(string topic = "meters/MTR-1/readings") => new()
    {
        Topic = topic,
        Payload = Encoding.UTF8.GetBytes("{\"readings\":[{\"ts\":\"2026-11-21T10:15:00Z\",\"values\":{\"1-0:1.8.0\":1234.567}}]}"),
        QualityOfService = MqttQualityOfService.AtLeastOnce,
        Retain = true,
        PayloadIsUtf8 = true,
        MessageExpiryInterval = 3600,
        ContentType = "application/json",
        ResponseTopic = "meters/MTR-1/replies",
        CorrelationData = new byte[] { 1, 2, 3 },
        UserProperties = User,
    };

    public static IEnumerable<MqttPacket> All(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        yield return new ConnectPacket
        {
            ProtocolVersion = version,
            ClientId = "MTR-1",
            CleanStart = false,
            KeepAliveSeconds = 30,
            Username = "MTR-1",
            Password = Encoding.UTF8.GetBytes("secret"),
            Will = new MqttWill { Message = Message("meters/MTR-1/status"), DelayInterval = v5 ? 10u : 0u },
            SessionExpiryInterval = v5 ? 600u : 0u,
            ReceiveMaximum = v5 ? (ushort)50 : ushort.MaxValue,
            MaximumPacketSize = v5 ? 100_000u : 0u,
            TopicAliasMaximum = v5 ? (ushort)8 : (ushort)0,
            UserProperties = v5 ? User : [],
        };
        yield return new ConnAckPacket
        {
            SessionPresent = true,
            ReasonCode = MqttReasonCode.Success,
            ReceiveMaximum = v5 ? (ushort)100 : null,
            MaximumPacketSize = v5 ? 270_336u : null,
            AssignedClientIdentifier = v5 ? "gm-1" : null,
            TopicAliasMaximum = v5 ? (ushort)64 : null,
            ServerKeepAlive = v5 ? (ushort)60 : null,
        };
        yield return new PublishPacket { Message = Message(), PacketId = 7, Duplicate = true, TopicAlias = v5 ? (ushort)3 : (ushort)0, SubscriptionIdentifiers = v5 ? [5u] : [] };
        yield return new PublishPacket { Message = new MqttMessage { Topic = "meters/MTR-1/live", Payload = "{}"u8.ToArray() } };
        foreach (var type in new[] { MqttPacketType.PubAck, MqttPacketType.PubRec, MqttPacketType.PubRel, MqttPacketType.PubComp })
        {
            yield return new AckPacket(type) { PacketId = 9, ReasonCode = v5 ? MqttReasonCode.PayloadFormatInvalid : MqttReasonCode.Success, ReasonString = v5 ? "bad" : null };
        }
        yield return new SubscribePacket
        {
            PacketId = 11,
            SubscriptionIdentifier = v5 ? 42u : 0u,
            Subscriptions =
            [
                new MqttSubscription("meters/+/commands", MqttQualityOfService.ExactlyOnce) { NoLocal = v5, RetainAsPublished = v5, RetainHandling = v5 ? MqttRetainHandling.SendAtSubscribeIfNew : 0 },
                new MqttSubscription("$share/ingest/meters/#"),
            ],
        };
        yield return new SubAckPacket { PacketId = 11, ReasonCodes = [MqttReasonCode.GrantedQos2, MqttReasonCode.UnspecifiedError] };
        yield return new UnsubscribePacket { PacketId = 12, TopicFilters = ["meters/+/commands", "a/#"] };
        yield return new UnsubAckPacket { PacketId = 12, ReasonCodes = v5 ? [MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted] : [] };
        yield return PingPacket.Request;
        yield return PingPacket.Response;
        yield return new DisconnectPacket { ReasonCode = v5 ? MqttReasonCode.DisconnectWithWillMessage : 0, SessionExpiryInterval = v5 ? 60u : null };
        if (v5)
        {
            yield return new AuthPacket { ReasonCode = MqttReasonCode.ContinueAuthentication, AuthenticationMethod = "SCRAM", AuthenticationData = new byte[] { 9 } };
        }
    }
}
