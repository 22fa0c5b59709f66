using System.Net.Sockets;
using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;
using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>The MQTT 5.0 properties and options the broker honours.</summary>
public sealed class Mqtt5FeatureTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retain_handling_sends_retained_messages_always_only_for_new_subscriptions_or_never()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.Broker.PublishAsync(TestClients.Message("rh/status", "on", retain: true), Cancel);
        await using var client = await TestClients.ConnectAsync(broker.Port, "rh");
        var inbox = new Inbox(client);
        await client.SubscribeAsync([new MqttSubscription("rh/+") { RetainHandling = MqttRetainHandling.DoNotSend }], Cancel);
        await inbox.ExpectNothingAsync("retain handling 2 sends no retained message", TimeSpan.FromMilliseconds(200));
        await client.SubscribeAsync([new MqttSubscription("rh/#") { RetainHandling = MqttRetainHandling.SendAtSubscribeIfNew }], Cancel);
        Assert.Equal("on", (await inbox.NextAsync("the retained message for the new subscription")).Text());
        await client.SubscribeAsync([new MqttSubscription("rh/#") { RetainHandling = MqttRetainHandling.SendAtSubscribeIfNew }], Cancel);
        await inbox.ExpectNothingAsync("retain handling 1 sends nothing for an existing subscription", TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Overlapping_subscriptions_deliver_one_copy_with_every_subscription_identifier()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var raw = await RawConnection.OpenAsync(broker.Port);
        await raw.ConnectAsync("ids");
        await raw.SendAsync(new SubscribePacket { PacketId = 1, SubscriptionIdentifier = 11, Subscriptions = [new MqttSubscription("ids/+", MqttQualityOfService.AtMostOnce)] });
        await raw.ReceiveAsync("SUBACK");
        await raw.SendAsync(new SubscribePacket { PacketId = 2, SubscriptionIdentifier = 22, Subscriptions = [new MqttSubscription("ids/#", MqttQualityOfService.AtMostOnce)] });
        await raw.ReceiveAsync("SUBACK");
        await broker.Broker.PublishAsync(TestClients.Message("ids/a", "x", MqttQualityOfService.AtMostOnce), Cancel);
        var publish = Assert.IsType<PublishPacket>(await raw.ReceiveAsync("one copy"));
        Assert.Equal([11u, 22u], publish.SubscriptionIdentifiers.Order());
    }

    [Fact]
    public async Task Topic_alias_from_the_client_is_resolved_for_subscribers()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await TestClients.ConnectAsync(broker.Port, "alias-sub", MqttProtocolVersion.V311);
        var inbox = new Inbox(subscriber);
        await subscriber.SubscribeAsync("meters/#", MqttQualityOfService.AtMostOnce, Cancel);
        await using var device = await RawConnection.OpenAsync(broker.Port);
        var connAck = await device.ConnectAsync("alias-dev");
        Assert.True(connAck.TopicAliasMaximum > 0, "the broker offers topic aliases");
        await device.SendAsync(new PublishPacket { Message = TestClients.Message("meters/MTR-1/live", "1", MqttQualityOfService.AtMostOnce), TopicAlias = 1 });
        await device.SendAsync(new PublishPacket { Message = TestClients.Message("", "2", MqttQualityOfService.AtMostOnce), TopicAlias = 1 });
        Assert.Equal("meters/MTR-1/live", (await inbox.NextAsync("the message that set the alias")).Message.Topic);
        Assert.Equal("meters/MTR-1/live", (await inbox.NextAsync("the message sent by alias only")).Message.Topic);
    }

    [Fact]
    public async Task Expired_retained_message_is_not_delivered_and_forwarded_expiry_counts_down()
    {
        var time = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: time);
        var fleeting = new MqttMessage { Topic = "exp/a", Payload = "x"u8.ToArray(), Retain = true, MessageExpiryInterval = 10, QualityOfService = MqttQualityOfService.AtLeastOnce };
        await broker.Broker.PublishAsync(fleeting, Cancel);
        time.Advance(TimeSpan.FromSeconds(4));
        await using var early = await TestClients.ConnectAsync(broker.Port, "early");
        var earlyInbox = new Inbox(early);
        await early.SubscribeAsync("exp/#", MqttQualityOfService.AtLeastOnce, Cancel);
        Assert.Equal(6u, (await earlyInbox.NextAsync("the retained message with 6 s left")).Message.MessageExpiryInterval);
        time.Advance(TimeSpan.FromSeconds(7));
        await using var late = await TestClients.ConnectAsync(broker.Port, "late");
        var lateInbox = new Inbox(late);
        await late.SubscribeAsync("exp/#", MqttQualityOfService.AtLeastOnce, Cancel);
        await lateInbox.ExpectNothingAsync("the retained message expired", TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Message_larger_than_the_clients_maximum_packet_size_is_not_sent_to_it()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var small = await TestClients.ConnectAsync(broker.Port, "small", configure: o => o.MaximumPacketSize = 200);
        var inbox = new Inbox(small);
        await small.SubscribeAsync("size/#", MqttQualityOfService.AtLeastOnce, Cancel);
        await broker.Broker.PublishAsync(TestClients.Message("size/big", new string('x', 500)), Cancel);
        await broker.Broker.PublishAsync(TestClients.Message("size/small", "fits"), Cancel);
        Assert.Equal("size/small", (await inbox.NextAsync("only the message that fits")).Message.Topic);
    }

    [Fact]
    public async Task Broker_keeps_no_more_unacknowledged_publishes_in_flight_than_the_clients_receive_maximum()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var raw = await RawConnection.OpenAsync(broker.Port);
        await raw.SendAsync(new ConnectPacket { ClientId = "slow-acker", ReceiveMaximum = 2 });
        await raw.ReceiveAsync("CONNACK");
        await raw.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription("rm/#")] });
        await raw.ReceiveAsync("SUBACK");
        for (var i = 0; i < 5; i++)
        {
            await broker.Broker.PublishAsync(TestClients.Message($"rm/{i}", "x"), Cancel);
        }
        var first = Assert.IsType<PublishPacket>(await raw.ReceiveAsync("publish 1"));
        Assert.IsType<PublishPacket>(await raw.ReceiveAsync("publish 2"));
        await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => raw.TryReceiveAsync(TimeSpan.FromMilliseconds(300)));
        await raw.SendAsync(new AckPacket(MqttPacketType.PubAck) { PacketId = first.PacketId });
        Assert.Equal("rm/2", Assert.IsType<PublishPacket>(await raw.ReceiveAsync("publish 3 once a slot is free")).Message.Topic);
    }

    [Fact]
    public async Task Empty_client_id_gets_an_assigned_one()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = TestClients.Create(broker.Port, "");
        var result = await client.ConnectAsync(Cancel);
        Assert.StartsWith("gm-", result.ClientId, StringComparison.Ordinal);
        Assert.Equal(result.ClientId, result.ConnAck.AssignedClientIdentifier);
    }

    [Fact]
    public async Task Shared_subscription_delivers_round_robin_to_its_members()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var first = await TestClients.ConnectAsync(broker.Port, "m1");
        await using var second = await TestClients.ConnectAsync(broker.Port, "m2");
        var inboxes = new[] { new Inbox(first), new Inbox(second) };
        await first.SubscribeAsync("$share/ingest/meters/+/readings", MqttQualityOfService.AtLeastOnce, Cancel);
        await second.SubscribeAsync("$share/ingest/meters/+/readings", MqttQualityOfService.AtLeastOnce, Cancel);
        for (var i = 0; i < 6; i++)
        {
            await broker.Broker.PublishAsync(TestClients.Message($"meters/MTR-{i}/readings", "{}"), Cancel);
        }
        foreach (var inbox in inboxes)
        {
            for (var i = 0; i < 3; i++)
            {
                await inbox.NextAsync("every second reading");
            }
            await inbox.ExpectNothingAsync("each reading goes to one member only", TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public async Task Client_that_does_not_read_loses_qos0_messages_instead_of_growing_the_brokers_memory()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumOutboundQueueBytes = 256 * 1024);
        using var stalled = new TcpClient { ReceiveBufferSize = 4096 };
        await stalled.ConnectAsync("127.0.0.1", broker.Port, Cancel);
        var stream = stalled.GetStream();
        await stream.WriteAsync(MqttEncoder.ToArray(new ConnectPacket { ClientId = "stalled" }, MqttProtocolVersion.V500), Cancel);
        await stream.WriteAsync(MqttEncoder.ToArray(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription("flood/#", MqttQualityOfService.AtMostOnce)] }, MqttProtocolVersion.V500), Cancel);
        await using var bystander = await TestClients.ConnectAsync(broker.Port, "bystander");
        var inbox = new Inbox(bystander);
        await bystander.SubscribeAsync("ok", MqttQualityOfService.AtLeastOnce, Cancel);
        await using var flooder = await TestClients.ConnectAsync(broker.Port, "flooder");
        var payload = new string('x', 4096);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 16_000 && broker.Broker.DroppedMessages < 5_000; i++)
        {
            await flooder.PublishAsync(TestClients.Message("flood/data", payload, MqttQualityOfService.AtMostOnce), Cancel);
        }
        await flooder.PublishAsync(TestClients.Message("ok", "still served"), Cancel);
        Assert.Equal("still served", (await inbox.NextAsync("a message to a healthy client during the flood")).Text());
        Assert.True(broker.Broker.DroppedMessages > 0, "QoS 0 messages to the stalled client were dropped");
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 32 * 1024 * 1024, $"the broker held {grown / 1024 / 1024} MiB for a client that does not read");
    }
}
