using System.Net;
using System.Net.Sockets;
using GridMeter.Mqtt.Packets;
using GridMeter.Mqtt.Tests.Infrastructure;
using GridMeter.Testing;

namespace GridMeter.Mqtt.Tests;

/// <summary>The client's own promises, checked against a scripted broker that shows every packet.</summary>
public sealed class MqttClientTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<RawConnection> AcceptAsync(TcpListener listener, bool sessionPresent)
    {
        var tcp = await listener.AcceptTcpClientAsync(Cancel);
        var connection = RawConnection.Accepted(tcp, MqttProtocolVersion.V500);
        Assert.IsType<ConnectPacket>(await connection.ReceiveAsync("CONNECT"));
        await connection.SendAsync(new ConnAckPacket { SessionPresent = sessionPresent });
        return connection;
    }

    [Fact]
    public async Task Unacknowledged_publish_is_resent_with_dup_after_a_reconnect_and_completes_on_the_later_puback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var client = TestClients.Create(port, "gw-1", configure: o => (o.CleanStart, o.SessionExpirySeconds) = (false, 600));
        var connecting = client.ConnectAsync(Cancel);
        var first = await AcceptAsync(listener, sessionPresent: false);
        await connecting;
        var publish = client.PublishAsync(TestClients.Message("meters/MTR-1/readings", "{}"), Cancel);
        var original = Assert.IsType<PublishPacket>(await first.ReceiveAsync("the PUBLISH"));
        Assert.False(original.Duplicate);
        await first.DisposeAsync();
        await using var second = await AcceptAsync(listener, sessionPresent: true);
        var resent = Assert.IsType<PublishPacket>(await second.ReceiveAsync("the resent PUBLISH"));
        Assert.True(resent.Duplicate, "a resend to a resumed session carries DUP");
        Assert.Equal(original.PacketId, resent.PacketId);
        Assert.False(publish.IsCompleted, "the publish completes only on PUBACK");
        await second.SendAsync(new AckPacket(MqttPacketType.PubAck) { PacketId = resent.PacketId });
        Assert.True((await publish.WaitAsync(Inbox.Patience, Cancel)).IsSuccess);
    }

    [Fact]
    public async Task Acknowledgements_wait_for_the_handler_and_follow_receive_order()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var client = TestClients.Create(port, "ingest");
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ReceiveHandler = async (message, _) =>
        {
            if (message.Message.Topic.EndsWith("/1", StringComparison.Ordinal))
            {
                await commit.Task;
            }
        };
        var connecting = client.ConnectAsync(Cancel);
        await using var broker = await AcceptAsync(listener, sessionPresent: false);
        await connecting;
        for (ushort id = 1; id <= 3; id++)
        {
            await broker.SendAsync(new PublishPacket { Message = TestClients.Message($"r/{id}", "x"), PacketId = id });
        }
        await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => broker.TryReceiveAsync(TimeSpan.FromMilliseconds(300)));
        commit.SetResult();
        for (ushort id = 1; id <= 3; id++)
        {
            Assert.Equal(id, Assert.IsType<AckPacket>(await broker.ReceiveAsync($"PUBACK {id} in order")).PacketId);
        }
    }

    [Fact]
    public async Task Idle_client_sends_pingreq_within_its_keep_alive()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var client = TestClients.Create(((IPEndPoint)listener.LocalEndpoint).Port, "pinger", configure: o => o.KeepAliveSeconds = 1);
        var connecting = client.ConnectAsync(Cancel);
        await using var broker = await AcceptAsync(listener, sessionPresent: false);
        await connecting;
        Assert.Equal(MqttPacketType.PingReq, (await broker.ReceiveAsync("PINGREQ", TimeSpan.FromSeconds(3))).Type);
        await broker.SendAsync(PingPacket.Response);
    }

    [Fact]
    public async Task Client_reconnects_after_the_broker_restarts_and_subscribes_again()
    {
        var port = FreePort.Next();
        var broker = await TestBroker.StartAsync(o => o.Port = port);
        await using var client = await TestClients.ConnectAsync(port, "resilient");
        var inbox = new Inbox(client);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.SubscribeAsync("restart/#", MqttQualityOfService.AtLeastOnce, Cancel);
        client.Connected += (_, _) => reconnected.TrySetResult();
        await broker.DisposeAsync();
        await using var restarted = await TestBroker.StartAsync(o => o.Port = port);
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
        await restarted.Broker.PublishAsync(TestClients.Message("restart/done", "back"), Cancel);
        Assert.Equal("back", (await inbox.NextAsync("a message after the reconnect, through the renewed subscription")).Text());
    }
}
