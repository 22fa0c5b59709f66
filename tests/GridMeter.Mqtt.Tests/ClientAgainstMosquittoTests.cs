using GridMeter.Mqtt.Packets;
using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>Our client against Eclipse Mosquitto 2, the broker a scale-out deployment may put in front.</summary>
public sealed class ClientAgainstMosquittoTests(MosquittoServer mosquitto) : IClassFixture<MosquittoServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.ExactlyOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.ExactlyOnce)]
    public async Task Publish_and_subscribe_at_each_qos(MqttProtocolVersion version, MqttQualityOfService qos)
    {
        var topic = $"q/{version}/{qos}";
        await using var subscriber = await TestClients.ConnectAsync(mosquitto.Port, $"sub-{version}-{qos}", version);
        var inbox = new Inbox(subscriber);
        Assert.Equal((MqttReasonCode)qos, (await subscriber.SubscribeAsync(topic, qos, Cancel))[0]);
        await using var publisher = await TestClients.ConnectAsync(mosquitto.Port, $"pub-{version}-{qos}", version);
        var result = await publisher.PublishAsync(TestClients.Message(topic, "reading", qos), Cancel);
        Assert.True(result.IsSuccess, $"Mosquitto answered {result.ReasonCode}");
        var received = await inbox.NextAsync($"the QoS {(int)qos} message from Mosquitto");
        Assert.Equal(qos, received.Message.QualityOfService);
        Assert.Equal("reading", received.Text());
    }

    [Fact]
    public async Task Retained_status_reaches_a_later_subscriber()
    {
        await using var publisher = await TestClients.ConnectAsync(mosquitto.Port, "retain-pub");
        await publisher.PublishAsync(TestClients.Message("r/MTR-1/status", "{\"online\":true}", retain: true), Cancel);
        await using var subscriber = await TestClients.ConnectAsync(mosquitto.Port, "retain-sub", MqttProtocolVersion.V311);
        var inbox = new Inbox(subscriber);
        await subscriber.SubscribeAsync("r/+/status", MqttQualityOfService.AtLeastOnce, Cancel);
        var received = await inbox.NextAsync("the retained status");
        Assert.True(received.Message.Retain);
        await publisher.PublishAsync(TestClients.Message("r/MTR-1/status", "", retain: true), Cancel);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Will_is_published_when_the_connection_drops(MqttProtocolVersion version)
    {
        var topic = $"w/{version}/status";
        await using var watcher = await TestClients.ConnectAsync(mosquitto.Port, $"will-watch-{version}", version);
        var inbox = new Inbox(watcher);
        await watcher.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce, Cancel);
        await using var meter = await TestClients.ConnectAsync(mosquitto.Port, $"will-meter-{version}", version, o =>
        {
            o.AutoReconnect = false;
            o.Will = new MqttWill { Message = TestClients.Message(topic, "{\"online\":false}") };
        });
        meter.Abort();
        Assert.Equal("{\"online\":false}", (await inbox.NextAsync("the will after the connection dropped")).Text());
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Persistent_session_gets_what_was_published_while_it_was_away(MqttProtocolVersion version)
    {
        var id = $"persist-{version}";
        var topic = $"p/{version}/commands";
        void Persistent(Client.MqttClientOptions o) => (o.CleanStart, o.SessionExpirySeconds) = (false, 300);
        await using (var first = await TestClients.ConnectAsync(mosquitto.Port, id, version, Persistent))
        {
            await first.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce, Cancel);
        }
        await using (var publisher = await TestClients.ConnectAsync(mosquitto.Port, $"{id}-pub", version))
        {
            for (var i = 0; i < 3; i++)
            {
                await publisher.PublishAsync(TestClients.Message(topic, $"command {i}"), Cancel);
            }
        }
        var back = TestClients.Create(mosquitto.Port, id, version, Persistent);
        var inbox = new Inbox(back);
        await using (back)
        {
            var result = await back.ConnectAsync(Cancel);
            Assert.True(result.SessionPresent, "Mosquitto kept the persistent session");
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal($"command {i}", (await inbox.NextAsync($"queued command {i}")).Text());
            }
        }
    }

    [Fact]
    public async Task Failing_handler_leaves_the_message_unacknowledged_so_it_comes_again_as_a_duplicate()
    {
        var attempts = 0;
        var redelivered = new TaskCompletionSource<Client.MqttReceivedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var consumer = TestClients.Create(mosquitto.Port, "ingest-1", MqttProtocolVersion.V500, o => (o.CleanStart, o.SessionExpirySeconds) = (false, 300));
        consumer.ReceiveHandler = (message, _) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new InvalidOperationException("the database commit failed");
            }
            redelivered.TrySetResult(message);
            return ValueTask.CompletedTask;
        };
        await consumer.ConnectAsync(Cancel);
        await consumer.SubscribeAsync("ingest/readings", MqttQualityOfService.AtLeastOnce, Cancel);
        await using var device = await TestClients.ConnectAsync(mosquitto.Port, "ingest-device");
        await device.PublishAsync(TestClients.Message("ingest/readings", "{\"readings\":[]}"), Cancel);
        var again = await redelivered.Task.WaitAsync(Inbox.Patience, Cancel);
        Assert.True(again.IsDuplicate, "Mosquitto redelivers the unacknowledged message with DUP after the reconnect");
    }

    [Fact]
    public async Task Shared_subscription_spreads_messages_over_its_members()
    {
        await using var first = await TestClients.ConnectAsync(mosquitto.Port, "share-1");
        await using var second = await TestClients.ConnectAsync(mosquitto.Port, "share-2");
        var counts = new int[2];
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var (client, index) in new[] { (first, 0), (second, 1) })
        {
            client.ReceiveHandler = (_, _) =>
            {
                Interlocked.Increment(ref counts[index]);
                if (Volatile.Read(ref counts[0]) + Volatile.Read(ref counts[1]) == 10)
                {
                    all.TrySetResult();
                }
                return ValueTask.CompletedTask;
            };
            await client.SubscribeAsync("$share/ingest/s/readings", MqttQualityOfService.AtLeastOnce, Cancel);
        }
        await using var publisher = await TestClients.ConnectAsync(mosquitto.Port, "share-pub");
        for (var i = 0; i < 10; i++)
        {
            await publisher.PublishAsync(TestClients.Message("s/readings", $"{i}"), Cancel);
        }
        await all.Task.WaitAsync(Inbox.Patience, Cancel);
        Assert.True(counts[0] > 0 && counts[1] > 0, $"both members get messages (got {counts[0]} and {counts[1]})");
    }

    [Fact]
    public async Task Mosquitto_tells_an_mqtt5_publisher_when_no_session_took_its_message()
    {
        // GridMeter's command delivery through an external broker relies on it: 0x10 keeps the command pending.
        await using var meter = await TestClients.ConnectAsync(mosquitto.Port, "listening-meter");
        await meter.SubscribeAsync("m/MTR-1/commands", MqttQualityOfService.AtLeastOnce, Cancel);
        await using var server = await TestClients.ConnectAsync(mosquitto.Port, "command-sender");

        var heard = await server.PublishAsync(TestClients.Message("m/MTR-1/commands", "{}"), Cancel);
        var unheard = await server.PublishAsync(TestClients.Message("m/MTR-2/commands", "{}"), Cancel);

        Assert.Equal(MqttReasonCode.Success, heard.ReasonCode);
        Assert.Equal(MqttReasonCode.NoMatchingSubscribers, unheard.ReasonCode);
    }
}
