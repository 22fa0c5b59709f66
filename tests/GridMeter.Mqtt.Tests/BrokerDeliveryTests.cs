using GridMeter.Mqtt.Packets;
using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>Our client against our broker: the everyday publish/subscribe paths.</summary>
public sealed class BrokerDeliveryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory(Timeout = 10_000)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.ExactlyOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.ExactlyOnce)]
    public async Task Subscriber_receives_a_publish_at_the_granted_qos(MqttProtocolVersion version, MqttQualityOfService qos)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await TestClients.ConnectAsync(broker.Port, "sub", version);
        var inbox = new Inbox(subscriber);
        var granted = await subscriber.SubscribeAsync("meters/+/readings", qos, Cancel);
        Assert.Equal((MqttReasonCode)qos, granted[0]);
        await using var publisher = await TestClients.ConnectAsync(broker.Port, "pub", version);
        var result = await publisher.PublishAsync(TestClients.Message("meters/MTR-1/readings", "{\"readings\":[]}", qos), Cancel);
        Assert.True(result.IsSuccess, $"publish answered {result.ReasonCode}");
        var received = await inbox.NextAsync("the reading on meters/MTR-1/readings");
        Assert.Equal("meters/MTR-1/readings", received.Message.Topic);
        Assert.Equal(qos, received.Message.QualityOfService);
        Assert.Equal("{\"readings\":[]}", received.Text());
    }

    [Fact]
    public async Task Retained_message_is_delivered_to_a_late_subscriber_and_cleared_by_an_empty_one()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var publisher = await TestClients.ConnectAsync(broker.Port, "pub");
        await publisher.PublishAsync(TestClients.Message("meters/MTR-1/status", "{\"online\":true}", retain: true), Cancel);
        await using var late = await TestClients.ConnectAsync(broker.Port, "late");
        var inbox = new Inbox(late);
        await late.SubscribeAsync("meters/+/status", MqttQualityOfService.AtLeastOnce, Cancel);
        var retained = await inbox.NextAsync("the retained status");
        Assert.True(retained.Message.Retain, "a retained message sent for a new subscription carries RETAIN 1");
        await publisher.PublishAsync(TestClients.Message("meters/MTR-1/status", "", retain: true), Cancel);
        await inbox.NextAsync("the empty message that clears the retained status");
        await using var later = await TestClients.ConnectAsync(broker.Port, "later");
        var laterInbox = new Inbox(later);
        await later.SubscribeAsync("meters/+/status", MqttQualityOfService.AtLeastOnce, Cancel);
        await laterInbox.ExpectNothingAsync("the retained status was cleared", TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Forwarded_message_carries_retain_0_unless_retain_as_published()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var plain = await TestClients.ConnectAsync(broker.Port, "plain");
        var plainInbox = new Inbox(plain);
        await plain.SubscribeAsync("t/r", MqttQualityOfService.AtLeastOnce, Cancel);
        await using var keeper = await TestClients.ConnectAsync(broker.Port, "keeper");
        var keeperInbox = new Inbox(keeper);
        await keeper.SubscribeAsync([new MqttSubscription("t/r") { RetainAsPublished = true }], Cancel);
        await using var publisher = await TestClients.ConnectAsync(broker.Port, "pub");
        await publisher.PublishAsync(TestClients.Message("t/r", "x", retain: true), Cancel);
        Assert.False((await plainInbox.NextAsync("the forwarded message")).Message.Retain);
        Assert.True((await keeperInbox.NextAsync("the forwarded message")).Message.Retain);
    }

    [Fact]
    public async Task Wildcards_match_levels_and_dollar_topics_are_not_matched_by_a_leading_wildcard()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var subscriber = await TestClients.ConnectAsync(broker.Port, "sub");
        var inbox = new Inbox(subscriber);
        await subscriber.SubscribeAsync([new MqttSubscription("#"), new MqttSubscription("+/status")], Cancel);
        await using var publisher = await TestClients.ConnectAsync(broker.Port, "pub");
        await publisher.PublishAsync(TestClients.Message("$SYS/status", "hidden"), Cancel);
        await publisher.PublishAsync(TestClients.Message("a/status", "seen"), Cancel);
        var received = await inbox.NextAsync("a/status");
        Assert.Equal("a/status", received.Message.Topic);
        await inbox.ExpectNothingAsync("overlapping subscriptions give one copy and $SYS is not matched by # or +", TimeSpan.FromMilliseconds(300));
    }
}
