using GridMeter.Mqtt.Packets;
using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>Sessions, wills and keep alive, with the broker's clock in the test's hand.</summary>
public sealed class BrokerSessionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MqttProtocolVersion.V311, null)]
    [InlineData(MqttProtocolVersion.V500, MqttReasonCode.KeepAliveTimeout)]
    public async Task Silent_client_is_dropped_after_one_and_a_half_keep_alives_and_its_will_fires(MqttProtocolVersion version, MqttReasonCode? reason)
    {
        var time = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: time);
        await using var watcher = await TestClients.ConnectAsync(broker.Port, "watcher");
        var inbox = new Inbox(watcher);
        await watcher.SubscribeAsync("meters/+/status", MqttQualityOfService.AtLeastOnce, Cancel);
        await using var silent = await RawConnection.OpenAsync(broker.Port, version);
        await silent.SendAsync(new ConnectPacket
        {
            ProtocolVersion = version,
            ClientId = "MTR-5",
            KeepAliveSeconds = 10,
            Will = new MqttWill { Message = TestClients.Message("meters/MTR-5/status", "{\"online\":false}") },
        });
        await silent.ReceiveAsync("CONNACK");
        time.Advance(TimeSpan.FromSeconds(14));
        await inbox.ExpectNothingAsync("14 s is within 1.5 x a 10 s keep alive", TimeSpan.FromMilliseconds(200));
        time.Advance(TimeSpan.FromSeconds(2));
        var last = await silent.ExpectClosedAsync("keep alive expired");
        Assert.Equal(reason, (last as DisconnectPacket)?.ReasonCode);
        Assert.Equal("{\"online\":false}", (await inbox.NextAsync("the will of the silent meter")).Text());
    }

    [Fact]
    public async Task Will_delay_holds_the_will_and_a_reconnect_in_time_cancels_it()
    {
        var time = new ManualTimeProvider();
        var hooks = new ScriptedHooks();
        await using var broker = await TestBroker.StartAsync(time: time, hooks: hooks);
        await using var watcher = await TestClients.ConnectAsync(broker.Port, "watcher");
        var inbox = new Inbox(watcher);
        await watcher.SubscribeAsync("w/#", MqttQualityOfService.AtLeastOnce, Cancel);
        async Task DropWithWill(string id)
        {
            await using var raw = await RawConnection.OpenAsync(broker.Port);
            await raw.SendAsync(new ConnectPacket
            {
                ClientId = id,
                CleanStart = false,
                SessionExpiryInterval = 600,
                Will = new MqttWill { Message = TestClients.Message($"w/{id}", "gone"), DelayInterval = 30 },
            });
            await raw.ReceiveAsync("CONNACK");
        }
        await DropWithWill("late");
        await DropWithWill("back");
        await hooks.WaitClosedAsync("late");
        await hooks.WaitClosedAsync("back");
        await using (var back = await RawConnection.OpenAsync(broker.Port))
        {
            await back.ConnectAsync("back", cleanStart: false);
            time.Advance(TimeSpan.FromSeconds(20));
            await inbox.ExpectNothingAsync("wills wait for their 30 s delay", TimeSpan.FromMilliseconds(200));
            time.Advance(TimeSpan.FromSeconds(11));
            Assert.Equal("w/late", (await inbox.NextAsync("the delayed will of the client that stayed away")).Message.Topic);
            await inbox.ExpectNothingAsync("the client that came back in time has no will published", TimeSpan.FromMilliseconds(200));
            await back.SendAsync(new DisconnectPacket());
        }
    }

    [Fact]
    public async Task Session_expires_after_its_interval_and_a_later_connect_starts_afresh()
    {
        var time = new ManualTimeProvider();
        var hooks = new ScriptedHooks();
        await using var broker = await TestBroker.StartAsync(time: time, hooks: hooks);
        await using (var first = await TestClients.ConnectAsync(broker.Port, "expiring", configure: o => o.SessionExpirySeconds = 60))
        {
            await first.SubscribeAsync("x", MqttQualityOfService.AtLeastOnce, Cancel);
        }
        await using (var soon = await TestClients.ConnectAsync(broker.Port, "expiring", configure: o => (o.CleanStart, o.SessionExpirySeconds) = (false, 60)))
        {
            Assert.True(soon.IsConnected);
        }
        var reconnect = TestClients.Create(broker.Port, "expiring", configure: o => (o.CleanStart, o.SessionExpirySeconds) = (false, 60));
        await using (reconnect)
        {
            Assert.True((await reconnect.ConnectAsync(Cancel)).SessionPresent, "the session survives within its expiry");
        }
        for (var closes = 0; closes < 3; closes++)
        {
            await hooks.WaitClosedAsync("expiring");
        }
        time.Advance(TimeSpan.FromSeconds(61));
        var late = TestClients.Create(broker.Port, "expiring", configure: o => o.CleanStart = false);
        await using (late)
        {
            Assert.False((await late.ConnectAsync(Cancel)).SessionPresent, "the session expired after 60 s");
        }
    }

    [Fact]
    public async Task Session_that_never_expires_survives_a_disconnect()
    {
        var hooks = new ScriptedHooks();
        await using var broker = await TestBroker.StartAsync(o => o.MaximumSessionExpirySeconds = uint.MaxValue, hooks);
        await using (var first = await TestClients.ConnectAsync(broker.Port, "forever", configure: o => o.SessionExpirySeconds = uint.MaxValue))
        {
            await first.SubscribeAsync("f/#", MqttQualityOfService.AtLeastOnce, Cancel);
        }
        await hooks.WaitClosedAsync("forever");
        var back = TestClients.Create(broker.Port, "forever", configure: o => (o.CleanStart, o.SessionExpirySeconds) = (false, uint.MaxValue));
        await using (back)
        {
            Assert.True((await back.ConnectAsync(Cancel)).SessionPresent, "a session with expiry 0xFFFFFFFF does not expire");
        }
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, null)]
    [InlineData(MqttProtocolVersion.V500, MqttReasonCode.SessionTakenOver)]
    public async Task Second_connection_with_the_same_client_id_takes_the_session_over(MqttProtocolVersion version, MqttReasonCode? reason)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var first = await RawConnection.OpenAsync(broker.Port, version);
        await first.ConnectAsync("MTR-7", cleanStart: false);
        await using var second = await RawConnection.OpenAsync(broker.Port, version);
        var connAck = await second.ConnectAsync("MTR-7", cleanStart: false);
        Assert.True(connAck.SessionPresent);
        var last = await first.ExpectClosedAsync("session taken over");
        Assert.Equal(reason, (last as DisconnectPacket)?.ReasonCode);
    }

    [Fact]
    public async Task Offline_queue_is_bounded_and_keeps_the_newest_messages()
    {
        var hooks = new ScriptedHooks();
        await using var broker = await TestBroker.StartAsync(o => o.MaximumQueuedMessagesPerSession = 5, hooks);
        void Persistent(Client.MqttClientOptions o) => (o.CleanStart, o.SessionExpirySeconds) = (false, 600);
        await using (var away = await TestClients.ConnectAsync(broker.Port, "away", configure: Persistent))
        {
            await away.SubscribeAsync("q/#", MqttQualityOfService.AtLeastOnce, Cancel);
        }
        await hooks.WaitClosedAsync("away");
        await using (var publisher = await TestClients.ConnectAsync(broker.Port, "pub"))
        {
            for (var i = 0; i < 20; i++)
            {
                await publisher.PublishAsync(TestClients.Message($"q/{i}", $"{i}"), Cancel);
            }
        }
        Assert.Equal(15, broker.Broker.DroppedMessages);
        var back = TestClients.Create(broker.Port, "away", configure: Persistent);
        var inbox = new Inbox(back);
        await using (back)
        {
            await back.ConnectAsync(Cancel);
            for (var i = 15; i < 20; i++)
            {
                Assert.Equal($"q/{i}", (await inbox.NextAsync($"queued message {i}")).Message.Topic);
            }
            await inbox.ExpectNothingAsync("only the newest 5 were kept", TimeSpan.FromMilliseconds(200));
        }
    }

    [Fact]
    public async Task Unacknowledged_delivery_is_resent_with_dup_when_the_session_resumes()
    {
        await using var broker = await TestBroker.StartAsync();
        await using (var first = await RawConnection.OpenAsync(broker.Port))
        {
            await first.ConnectAsync("forgetful", cleanStart: false);
            await first.SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription("d/#")] });
            await first.ReceiveAsync("SUBACK");
            await broker.Broker.PublishAsync(TestClients.Message("d/1", "first"), Cancel);
            var original = Assert.IsType<PublishPacket>(await first.ReceiveAsync("the delivery"));
            Assert.False(original.Duplicate);
        }
        await using var second = await RawConnection.OpenAsync(broker.Port);
        await second.SendAsync(new ConnectPacket { ClientId = "forgetful", CleanStart = false, SessionExpiryInterval = 0 });
        Assert.True(Assert.IsType<ConnAckPacket>(await second.ReceiveAsync("CONNACK")).SessionPresent);
        var again = Assert.IsType<PublishPacket>(await second.ReceiveAsync("the redelivery"));
        Assert.True(again.Duplicate);
        Assert.Equal("d/1", again.Message.Topic);
    }
}
