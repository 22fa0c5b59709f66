using System.Collections.Concurrent;
using GridMeter.Mqtt.Broker;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;
using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>What the server decides through the hooks reaches devices as the CONTRACT says.</summary>
public sealed class BrokerHooksTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Connect_without_credentials_is_refused_as_not_authorised_when_anonymous_access_is_off(MqttProtocolVersion version)
    {
        await using var broker = await TestBroker.StartAsync(o => o.AllowAnonymous = false);
        await using var raw = await RawConnection.OpenAsync(broker.Port, version);
        await raw.SendAsync(new ConnectPacket { ProtocolVersion = version, ClientId = "MTR-1" });
        var connAck = Assert.IsType<ConnAckPacket>(await raw.ReceiveAsync("a refusing CONNACK"));
        // The decoder maps 3.1.1 return code 5 to NotAuthorized; 5.0 carries 0x87 itself.
        Assert.Equal(MqttReasonCode.NotAuthorized, connAck.ReasonCode);
        await raw.ExpectClosedAsync("a refused CONNECT");
    }

    [Fact]
    public async Task Authentication_hook_refuses_a_wrong_secret_and_its_identity_reaches_later_hooks()
    {
        var hooks = new ScriptedHooks
        {
            Authenticate = r => r.Username == "MTR-1" && r.Password?.ToArray() is [(byte)'s', (byte)'e', (byte)'c']
                ? MqttAuthenticationResult.Accept(identity: "meter MTR-1")
                : MqttAuthenticationResult.Refuse(MqttReasonCode.BadUserNameOrPassword),
        };
        var identities = new ConcurrentQueue<object?>();
        hooks.AuthorizePublish = (client, _) =>
        {
            identities.Enqueue(client.Identity);
            return true;
        };
        await using var broker = await TestBroker.StartAsync(o => o.AllowAnonymous = false, hooks);
        await using var wrong = TestClients.Create(broker.Port, "MTR-1", configure: o => (o.Username, o.Password, o.AutoReconnect) = ("MTR-1", "nope", false));
        var refusal = await Assert.ThrowsAsync<MqttClientException>(() => wrong.ConnectAsync(Cancel));
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, refusal.ReasonCode);
        await using var right = await TestClients.ConnectAsync(broker.Port, "MTR-1", configure: o => (o.Username, o.Password) = ("MTR-1", "sec"));
        await right.PublishAsync(TestClients.Message("meters/MTR-1/readings", "{}"), Cancel);
        Assert.Equal(["meter MTR-1"], identities);
    }

    [Fact]
    public async Task Refused_publish_is_answered_with_0x87_over_mqtt5_and_not_routed()
    {
        var hooks = new ScriptedHooks { AuthorizePublish = (_, topic) => !topic.StartsWith("meters/MTR-2/", StringComparison.Ordinal) };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var subscriber = await TestClients.ConnectAsync(broker.Port, "sub");
        var inbox = new Inbox(subscriber);
        await subscriber.SubscribeAsync("meters/#", MqttQualityOfService.AtLeastOnce, Cancel);
        await using var device = await TestClients.ConnectAsync(broker.Port, "MTR-1");
        var refused = await device.PublishAsync(TestClients.Message("meters/MTR-2/readings", "{}"), Cancel);
        Assert.Equal(MqttReasonCode.NotAuthorized, refused.ReasonCode);
        var refusedQos2 = await device.PublishAsync(TestClients.Message("meters/MTR-2/readings", "{}", MqttQualityOfService.ExactlyOnce), Cancel);
        Assert.Equal(MqttReasonCode.NotAuthorized, refusedQos2.ReasonCode);
        await device.PublishAsync(TestClients.Message("meters/MTR-1/readings", "own"), Cancel);
        Assert.Equal("meters/MTR-1/readings", (await inbox.NextAsync("the allowed reading")).Message.Topic);
        await inbox.ExpectNothingAsync("refused publishes are not routed", TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_wildcard_subscriber_receives_only_what_its_identity_may_see_live_and_retained()
    {
        var hooks = new ScriptedHooks
        {
            Authenticate = r => MqttAuthenticationResult.Accept(identity: r.Username),
            Receive = (identity, topic) => identity is "operator" || !topic.StartsWith("meters/", StringComparison.Ordinal),
        };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var device = await TestClients.ConnectAsync(broker.Port, "MTR-1");
        await device.PublishAsync(TestClients.Message("meters/MTR-1/status", "retained", retain: true), Cancel);
        await using var watcher = await TestClients.ConnectAsync(broker.Port, "watcher", configure: o => o.Username = "guest");
        var inbox = new Inbox(watcher);
        await watcher.SubscribeAsync("#", MqttQualityOfService.AtLeastOnce, Cancel);

        await device.PublishAsync(TestClients.Message("meters/MTR-1/readings", "private"), Cancel);
        await device.PublishAsync(TestClients.Message("weather/rome", "public"), Cancel);

        Assert.Equal("weather/rome", (await inbox.NextAsync("the public message")).Message.Topic);
        await inbox.ExpectNothingAsync("device topics never reach this identity, retained or live", TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Refused_publish_over_mqtt311_is_acknowledged_but_dropped()
    {
        var hooks = new ScriptedHooks { AuthorizePublish = (_, topic) => topic != "meters/MTR-2/readings" };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var subscriber = await TestClients.ConnectAsync(broker.Port, "sub");
        var inbox = new Inbox(subscriber);
        await subscriber.SubscribeAsync("meters/#", MqttQualityOfService.AtLeastOnce, Cancel);
        await using var device = await TestClients.ConnectAsync(broker.Port, "MTR-1", MqttProtocolVersion.V311);
        var result = await device.PublishAsync(TestClients.Message("meters/MTR-2/readings", "{}"), Cancel);
        Assert.True(result.IsSuccess, "MQTT 3.1.1 cannot refuse a publish, so it is acknowledged");
        await device.PublishAsync(TestClients.Message("meters/MTR-1/readings", "own"), Cancel);
        Assert.Equal("meters/MTR-1/readings", (await inbox.NextAsync("the allowed reading")).Message.Topic);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttReasonCode.UnspecifiedError)]
    [InlineData(MqttProtocolVersion.V500, MqttReasonCode.NotAuthorized)]
    public async Task Refused_subscribe_is_answered_with_0x80_or_0x87(MqttProtocolVersion version, MqttReasonCode expected)
    {
        await using var broker = await TestBroker.StartAsync(hooks: new AnonymousOutsideMetersHooks());
        await using var client = await TestClients.ConnectAsync(broker.Port, "anon", version);
        var codes = await client.SubscribeAsync([new MqttSubscription("meters/x/commands"), new MqttSubscription("public/#")], Cancel);
        Assert.Equal([expected, MqttReasonCode.GrantedQos1], codes);
    }

    [Fact]
    public async Task Puback_is_held_until_the_intercept_hook_completes()
    {
        var release = new TaskCompletionSource<MqttPublishDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hooks = new ScriptedHooks
        {
            Intercept = (_, _) =>
            {
                entered.TrySetResult();
                return new ValueTask<MqttPublishDecision>(release.Task);
            },
        };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var device = await TestClients.ConnectAsync(broker.Port, "MTR-1");
        var publish = device.PublishAsync(TestClients.Message("meters/MTR-1/readings", "{}"), Cancel);
        await entered.Task.WaitAsync(Inbox.Patience, Cancel);
        var early = await Task.WhenAny(publish, Task.Delay(300, Cancel));
        Assert.True(early != publish, "the PUBACK came before the intercept hook (the commit) completed");
        release.SetResult(MqttPublishDecision.Accept);
        Assert.True((await publish.WaitAsync(Inbox.Patience, Cancel)).IsSuccess);
    }

    [Fact]
    public async Task Intercepts_of_one_connection_overlap_but_acks_and_routing_keep_receive_order()
    {
        const int count = 8;
        var gates = Enumerable.Range(0, count).Select(_ => new TaskCompletionSource<MqttPublishDecision>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var received = new ConcurrentQueue<string>();
        var allEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hooks = new ScriptedHooks
        {
            Intercept = (publish, _) =>
            {
                received.Enqueue(publish.Message.Topic);
                var index = int.Parse(publish.Message.Topic.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
                if (received.Count == count)
                {
                    allEntered.TrySetResult();
                }
                return new ValueTask<MqttPublishDecision>(gates[index].Task);
            },
        };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var subscriber = await TestClients.ConnectAsync(broker.Port, "sub");
        var inbox = new Inbox(subscriber);
        await subscriber.SubscribeAsync("seq/#", MqttQualityOfService.AtLeastOnce, Cancel);
        await using var device = await RawConnection.OpenAsync(broker.Port);
        await device.ConnectAsync("dev");
        for (var i = 0; i < count; i++)
        {
            await device.SendAsync(new PublishPacket { Message = TestClients.Message($"seq/{i}", "x"), PacketId = (ushort)(i + 1) });
        }
        await allEntered.Task.WaitAsync(Inbox.Patience, Cancel);
        foreach (var gate in gates.Reverse())
        {
            gate.SetResult(MqttPublishDecision.Accept);
        }
        var acked = new List<ushort>();
        for (var i = 0; i < count; i++)
        {
            acked.Add(Assert.IsType<AckPacket>(await device.ReceiveAsync("a PUBACK")).PacketId);
        }
        Assert.Equal(Enumerable.Range(1, count).Select(i => (ushort)i), acked);
        foreach (var topic in received)
        {
            Assert.Equal(topic, (await inbox.NextAsync($"{topic} in receive order")).Message.Topic);
        }
    }

    [Fact]
    public async Task Rejected_publish_gets_its_reason_code_and_is_not_routed()
    {
        var hooks = new ScriptedHooks
        {
            Intercept = (p, _) => ValueTask.FromResult(p.Message.Payload.Span.SequenceEqual("bad"u8)
                ? MqttPublishDecision.Reject(MqttReasonCode.PayloadFormatInvalid, reasonString: "not JSON")
                : MqttPublishDecision.Accept),
        };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var subscriber = await TestClients.ConnectAsync(broker.Port, "sub");
        var inbox = new Inbox(subscriber);
        await subscriber.SubscribeAsync("meters/#", MqttQualityOfService.AtLeastOnce, Cancel);
        await using var device = await TestClients.ConnectAsync(broker.Port, "MTR-1");
        var rejected = await device.PublishAsync(TestClients.Message("meters/MTR-1/readings", "bad"), Cancel);
        Assert.Equal(MqttReasonCode.PayloadFormatInvalid, rejected.ReasonCode);
        Assert.Equal("not JSON", rejected.ReasonString);
        await device.PublishAsync(TestClients.Message("meters/MTR-1/readings", "good"), Cancel);
        Assert.Equal("good", (await inbox.NextAsync("only the accepted reading")).Text());
    }

    [Fact]
    public async Task Will_passes_the_intercept_hook_flagged_as_a_will_and_connection_events_are_reported()
    {
        var wills = new TaskCompletionSource<MqttInboundPublish>(TaskCreationOptions.RunContinuationsAsynchronously);
        var hooks = new ScriptedHooks
        {
            Intercept = (p, _) =>
            {
                if (p.IsWill)
                {
                    wills.TrySetResult(p);
                }
                return ValueTask.FromResult(MqttPublishDecision.Accept);
            },
        };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        var raw = await RawConnection.OpenAsync(broker.Port);
        await raw.SendAsync(new ConnectPacket
        {
            ClientId = "MTR-9",
            Will = new MqttWill { Message = TestClients.Message("meters/MTR-9/status", "{\"online\":false}", retain: true) },
        });
        Assert.IsType<ConnAckPacket>(await raw.ReceiveAsync("CONNACK"));
        await raw.DisposeAsync();
        var will = await wills.Task.WaitAsync(Inbox.Patience, Cancel);
        Assert.Equal("meters/MTR-9/status", will.Message.Topic);
        Assert.Equal("MTR-9", will.Client.ClientId);
        var (client, reason) = await hooks.Closed.Task.WaitAsync(Inbox.Patience, Cancel);
        Assert.Equal("MTR-9", client.ClientId);
        Assert.NotEqual(MqttReasonCode.Success, reason);
        Assert.Contains("opened MTR-9", hooks.Events);
    }

    [Fact]
    public async Task Server_publishes_a_retained_command_that_a_device_receives_when_it_subscribes()
    {
        await using var broker = await TestBroker.StartAsync();
        var sessions = await broker.Broker.PublishAsync(TestClients.Message("meters/MTR-1/commands", "{\"command\":\"disconnect\"}", retain: true), Cancel);
        Assert.Equal(0, sessions);
        await using var device = await TestClients.ConnectAsync(broker.Port, "MTR-1");
        var inbox = new Inbox(device);
        await device.SubscribeAsync("meters/MTR-1/commands", MqttQualityOfService.AtLeastOnce, Cancel);
        Assert.Equal("{\"command\":\"disconnect\"}", (await inbox.NextAsync("the retained command")).Text());
        Assert.Equal(1, await broker.Broker.PublishAsync(TestClients.Message("meters/MTR-1/commands", "{\"command\":\"reconnect\"}"), Cancel));
        Assert.Equal("{\"command\":\"reconnect\"}", (await inbox.NextAsync("the live command")).Text());
    }
}
