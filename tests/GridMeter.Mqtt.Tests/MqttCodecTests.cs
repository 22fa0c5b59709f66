using System.Buffers;
using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;
using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

public sealed class MqttCodecTests
{
    public static TheoryData<MqttProtocolVersion> Versions => [MqttProtocolVersion.V311, MqttProtocolVersion.V500];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_packet_type_survives_an_encode_decode_round_trip(MqttProtocolVersion version)
    {
        foreach (var packet in SamplePackets.All(version))
        {
            var bytes = MqttEncoder.ToArray(packet, version);
            Assert.True(MqttDecoder.TryDecode(bytes, version, int.MaxValue, out var decoded, out var consumed), $"{packet.Type} did not decode");
            Assert.Equal(bytes.Length, consumed);
            Assert.Equal(packet.Type, decoded!.Type);
            Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(MqttEncoder.ToArray(decoded, version)));
        }
    }

    [Fact]
    public void Mqtt5_publish_keeps_its_message_properties()
    {
        var bytes = MqttEncoder.ToArray(new PublishPacket { Message = SamplePackets.Message(), PacketId = 1 }, MqttProtocolVersion.V500);
        MqttDecoder.TryDecode(bytes, MqttProtocolVersion.V500, int.MaxValue, out var packet, out _);
        var message = Assert.IsType<PublishPacket>(packet).Message;
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("meters/MTR-1/replies", message.ResponseTopic);
        Assert.Equal(new byte[] { 1, 2, 3 }, message.CorrelationData!.Value.ToArray());
        Assert.Equal(3600u, message.MessageExpiryInterval);
        Assert.True(message.PayloadIsUtf8);
        Assert.Equal([new MqttUserProperty("meter", "MTR-1"), new MqttUserProperty("fw", "1.4.2")], message.UserProperties);
    }

    [Fact]
    public void Mqtt311_connect_matches_the_bytes_of_the_specification_layout()
    {
        // MQTT 3.1.1 §3.1.2: "MQTT", level 4, flags (clean session), keep alive 60, client id "gm".
        var bytes = MqttEncoder.ToArray(new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = "gm", KeepAliveSeconds = 60 }, MqttProtocolVersion.V311);
        Assert.Equal("100E00044D51545404020 03C0002676D".Replace(" ", "", StringComparison.Ordinal), Convert.ToHexString(bytes));
    }

    [Theory]
    [InlineData(0, "3000")]
    [InlineData(127, "307F")]
    [InlineData(128, "308001")]
    [InlineData(16_383, "30FF7F")]
    [InlineData(16_384, "30808001")]
    [InlineData(2_097_151, "30FFFF7F")]
    [InlineData(2_097_152, "3080808001")]
    [InlineData(268_435_455, "30FFFFFF7F")]
    public void Remaining_length_is_a_variable_byte_integer_of_up_to_four_bytes(int length, string header)
    {
        var bytes = Convert.FromHexString(header);
        Assert.True(MqttDecoder.TryReadFixedHeader(bytes, int.MaxValue, out var fixedHeader));
        Assert.Equal(length, fixedHeader.RemainingLength);
        Assert.Equal(bytes.Length, fixedHeader.HeaderLength);
    }

    [Theory]
    [InlineData("0000", MqttReasonCode.MalformedPacket)] // packet type 0
    [InlineData("30FFFFFFFF01", MqttReasonCode.MalformedPacket)] // five-byte remaining length (the first four all continue)
    [InlineData("3080808080", MqttReasonCode.MalformedPacket)] // continuation bit on the fourth byte
    [InlineData("100F00044D51545404030000000367 6D31", MqttReasonCode.MalformedPacket)] // CONNECT reserved flag
    [InlineData("30060002C3284142", MqttReasonCode.MalformedPacket)] // topic is not UTF-8
    [InlineData("30050002610041", MqttReasonCode.MalformedPacket)] // U+0000 in the topic
    [InlineData("3005000261 2B41", MqttReasonCode.TopicNameInvalid)] // wildcard in a PUBLISH topic
    [InlineData("360700026162000141", MqttReasonCode.MalformedPacket)] // QoS 3
    [InlineData("380500026162 41", MqttReasonCode.MalformedPacket)] // DUP on QoS 0
    [InlineData("80080001000361 2F2301", MqttReasonCode.MalformedPacket)] // SUBSCRIBE with flags 0
    [InlineData("82080001000361 2F2304", MqttReasonCode.MalformedPacket)] // SUBSCRIBE reserved option bits (3.1.1)
    [InlineData("82020001", MqttReasonCode.ProtocolError)] // SUBSCRIBE without a filter
    [InlineData("40020000", MqttReasonCode.ProtocolError)] // packet id 0
    [InlineData("4003000101", MqttReasonCode.MalformedPacket)] // 3.1.1 PUBACK longer than 2
    [InlineData("C001 00", MqttReasonCode.MalformedPacket)] // PINGREQ with a body
    [InlineData("F000", MqttReasonCode.MalformedPacket)] // AUTH in 3.1.1
    public void Malformed_mqtt311_input_fails_with_the_right_reason(string hex, MqttReasonCode reason)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        var failure = Assert.Throws<MqttProtocolException>(() => MqttDecoder.TryDecode(bytes, MqttProtocolVersion.V311, 1000, out _, out _));
        Assert.Equal(reason, failure.ReasonCode);
    }

    [Theory]
    [InlineData("30070002616202 0500", MqttReasonCode.ProtocolError)] // property id 0x05 does not exist
    [InlineData("30070002616205 0101", MqttReasonCode.MalformedPacket)] // property length beyond the packet
    [InlineData("30070002616202 2300", MqttReasonCode.MalformedPacket)] // topic alias cut short
    public void Malformed_mqtt5_properties_fail_with_the_right_reason(string hex, MqttReasonCode reason)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        var failure = Assert.Throws<MqttProtocolException>(() => MqttDecoder.TryDecode(bytes, MqttProtocolVersion.V500, 1000, out _, out _));
        Assert.Equal(reason, failure.ReasonCode);
    }

    [Fact]
    public void Mqtt5_publish_with_a_repeated_property_is_a_protocol_error()
    {
        // Payload Format Indicator (0x01) twice: MQTT 5.0 §2.2.2.2.
        var bytes = Convert.FromHexString("300900026162040101 0101".Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(MqttReasonCode.ProtocolError, Assert.Throws<MqttProtocolException>(() => MqttDecoder.TryDecode(bytes, MqttProtocolVersion.V500, 1000, out _, out _)).ReasonCode);
    }

    [Fact]
    public void Packet_above_the_maximum_size_is_refused_before_its_body_arrives()
    {
        var header = Convert.FromHexString("30FFFF7F");
        var failure = Assert.Throws<MqttProtocolException>(() => MqttDecoder.TryReadFixedHeader(new ReadOnlySequence<byte>(header), 256 * 1024, out _));
        Assert.Equal(MqttReasonCode.PacketTooLarge, failure.ReasonCode);
    }

    [Fact]
    public void Truncated_packet_waits_for_more_bytes_and_a_short_body_is_malformed()
    {
        var publish = MqttEncoder.ToArray(new PublishPacket { Message = SamplePackets.Message(), PacketId = 1 }, MqttProtocolVersion.V500);
        Assert.False(MqttDecoder.TryDecode(publish.AsSpan(0, publish.Length - 1), MqttProtocolVersion.V500, int.MaxValue, out _, out _));
        Assert.True(MqttDecoder.TryReadFixedHeader(publish, int.MaxValue, out var header));
        var body = publish.AsSpan(header.HeaderLength, 4).ToArray();
        Assert.Throws<MqttProtocolException>(() => MqttDecoder.Decode(header, body, MqttProtocolVersion.V500));
    }

    [Fact]
    public void Unknown_protocol_name_and_level_are_told_apart()
    {
        var wrongName = MqttEncoder.ToArray(new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = "x" }, MqttProtocolVersion.V311);
        wrongName[4] = (byte)'m';
        Assert.Equal(MqttReasonCode.ProtocolError, Assert.Throws<MqttProtocolException>(() => MqttDecoder.TryDecode(wrongName, MqttProtocolVersion.V311, 1000, out _, out _)).ReasonCode);
        var level6 = MqttEncoder.ToArray(new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = "x" }, MqttProtocolVersion.V311);
        level6[8] = 6;
        var failure = Assert.Throws<MqttProtocolException>(() => MqttDecoder.TryDecode(level6, MqttProtocolVersion.V311, 1000, out _, out _));
        Assert.Equal(MqttReasonCode.UnsupportedProtocolVersion, failure.ReasonCode);
        Assert.Null(failure.ProtocolVersion);
    }
}
