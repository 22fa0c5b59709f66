using GridMeter.Mqtt.Packets;
using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>
/// A client that breaks the protocol loses its own connection, with the reason MQTT 5.0 §4.13 asks for
/// (3.1.1: just closed), while another client on the same broker carries on.
/// </summary>
public sealed class MalformedPacketTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, MqttProtocolVersion, MqttReasonCode?> Violations => new()
    {
        { "remaining length over four bytes", "30FFFFFFFF01", MqttProtocolVersion.V500, MqttReasonCode.MalformedPacket },
        { "packet above the maximum packet size", "30FFFF7F", MqttProtocolVersion.V500, MqttReasonCode.PacketTooLarge },
        { "topic that is not UTF-8", "30060002C3284142", MqttProtocolVersion.V500, MqttReasonCode.MalformedPacket },
        { "U+0000 in a topic", "3006000261000041", MqttProtocolVersion.V500, MqttReasonCode.MalformedPacket },
        { "reserved flags on SUBSCRIBE", "8009000100000361 2F2301", MqttProtocolVersion.V500, MqttReasonCode.MalformedPacket },
        { "wildcard in a PUBLISH topic", "3006000261 2B0041", MqttProtocolVersion.V500, MqttReasonCode.TopicNameInvalid },
        { "a second CONNECT", "100D00044D5154540502003C000000", MqttProtocolVersion.V500, MqttReasonCode.ProtocolError },
        { "topic alias never set", "3007000003 230007 41", MqttProtocolVersion.V500, MqttReasonCode.ProtocolError },
        { "remaining length over four bytes (3.1.1)", "30FFFFFFFF01", MqttProtocolVersion.V311, null },
        { "topic that is not UTF-8 (3.1.1)", "30050002C32841", MqttProtocolVersion.V311, null },
        { "wildcard in a PUBLISH topic (3.1.1)", "30050002612341", MqttProtocolVersion.V311, null },
        { "a second CONNECT (3.1.1)", "100C00044D5154540402003C0000", MqttProtocolVersion.V311, null },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Violation_closes_only_that_connection_with_the_right_reason(string what, string hex, MqttProtocolVersion version, MqttReasonCode? reason)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var bystander = await TestClients.ConnectAsync(broker.Port, "bystander");
        var inbox = new Inbox(bystander);
        await bystander.SubscribeAsync("still/#", MqttQualityOfService.AtLeastOnce, Cancel);
        await using var offender = await RawConnection.OpenAsync(broker.Port, version);
        await offender.ConnectAsync("offender");
        await offender.SendAsync(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)));
        var last = await offender.ExpectClosedAsync(what);
        if (reason is { } expected)
        {
            Assert.Equal(expected, Assert.IsType<DisconnectPacket>(last).ReasonCode);
        }
        else
        {
            Assert.Null(last);
        }
        await bystander.PublishAsync(TestClients.Message("still/alive", "yes"), Cancel);
        Assert.Equal("still/alive", (await inbox.NextAsync($"the bystander's message after {what}")).Message.Topic);
    }

    [Theory]
    [InlineData("a PINGREQ before CONNECT", "C000")]
    [InlineData("a PUBLISH before CONNECT", "30050002616241")]
    [InlineData("protocol name 'hj'", "100A0002686A04020000000000")]
    public async Task Anything_but_a_valid_connect_first_is_closed_without_an_answer(string what, string hex)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var raw = await RawConnection.OpenAsync(broker.Port);
        await raw.SendAsync(Convert.FromHexString(hex));
        Assert.Null(await raw.ExpectClosedAsync(what));
    }

    [Fact]
    public async Task Unsupported_protocol_level_gets_return_code_1()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var raw = await RawConnection.OpenAsync(broker.Port, MqttProtocolVersion.V311);
        // MQTT 3.1 ("MQIsdp", level 3): 3.1.1 §3.1.2-2 asks for return code 0x01 and a close.
        await raw.SendAsync(Convert.FromHexString("100F00064D514973647003020000000178"));
        var connAck = Assert.IsType<ConnAckPacket>(await raw.ReceiveAsync("CONNACK 0x01"));
        Assert.Equal(MqttReasonCode.UnsupportedProtocolVersion, connAck.ReasonCode);
        await raw.ExpectClosedAsync("an unsupported protocol level");
    }

    [Fact]
    public async Task Mqtt311_empty_client_id_without_clean_session_is_refused_with_return_code_2()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var raw = await RawConnection.OpenAsync(broker.Port, MqttProtocolVersion.V311);
        await raw.SendAsync(new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = "", CleanStart = false });
        Assert.Equal(MqttReasonCode.ClientIdentifierNotValid, Assert.IsType<ConnAckPacket>(await raw.ReceiveAsync("CONNACK 0x02")).ReasonCode);
        await raw.ExpectClosedAsync("an empty client id without clean session");
    }

    [Fact]
    public async Task Truncated_packet_then_hang_up_leaves_the_broker_serving()
    {
        await using var broker = await TestBroker.StartAsync();
        await using (var raw = await RawConnection.OpenAsync(broker.Port))
        {
            await raw.ConnectAsync("cut");
            await raw.SendAsync(Convert.FromHexString("3064000A6D65746572732F"));
        }
        await using var client = await TestClients.ConnectAsync(broker.Port, "cut");
        Assert.True(client.IsConnected);
    }
}
