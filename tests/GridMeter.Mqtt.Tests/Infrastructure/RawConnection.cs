using System.Net.Sockets;
using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Tests.Infrastructure;

/// <summary>A bare socket to the broker: sends any bytes, reads packets, and tells when the broker hung up.</summary>
public sealed class RawConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly MqttProtocolVersion _version;
    private byte[] _buffer = new byte[64 * 1024];
    private int _filled;

    private RawConnection(TcpClient tcp, MqttProtocolVersion version)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _version = version;
    }

    public static async Task<RawConnection> OpenAsync(int port, MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
        return new RawConnection(tcp, version);
    }

    /// <summary>The broker's side of a connection a test accepted itself (a scripted broker for client tests).</summary>
    public static RawConnection Accepted(TcpClient tcp, MqttProtocolVersion version) => new(tcp, version);

    public async Task SendAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes, TestContext.Current.CancellationToken);

    public Task SendAsync(MqttPacket packet) => SendAsync(MqttEncoder.ToArray(packet, _version));

    /// <summary>Sends CONNECT (a persistent session lives 10 minutes) and asserts a successful CONNACK.</summary>
    public async Task<ConnAckPacket> ConnectAsync(string clientId, bool cleanStart = true)
    {
        await SendAsync(new ConnectPacket
        {
            ProtocolVersion = _version,
            ClientId = clientId,
            CleanStart = cleanStart,
            KeepAliveSeconds = 60,
            SessionExpiryInterval = cleanStart ? 0u : 600u,
        });
        var connAck = Assert.IsType<ConnAckPacket>(await ReceiveAsync("CONNACK"));
        Assert.Equal(MqttReasonCode.Success, connAck.ReasonCode);
        return connAck;
    }

    /// <summary>The next packet; fails the test if none comes within the time or the broker closes.</summary>
    public async Task<MqttPacket> ReceiveAsync(string expectation, TimeSpan? timeout = null) =>
        await TryReceiveAsync(timeout ?? Inbox.Patience) ?? throw new Xunit.Sdk.XunitException($"expected {expectation}, but the broker closed the connection");

    /// <summary>The next packet, or null when the broker closed the connection.</summary>
    public async Task<MqttPacket?> TryReceiveAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        while (true)
        {
            if (MqttDecoder.TryDecode(_buffer.AsSpan(0, _filled), _version, int.MaxValue, out var packet, out var consumed))
            {
                Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _filled - consumed);
                _filled -= consumed;
                return packet;
            }
            if (_filled == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer.AsMemory(_filled), cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"no packet and no close within {timeout.TotalSeconds} s");
            }
            catch (IOException)
            {
                return null;
            }
            if (read == 0)
            {
                return null;
            }
            _filled += read;
        }
    }

    /// <summary>Reads until the broker closes; returns the last packet it sent before closing (e.g. DISCONNECT).</summary>
    public async Task<MqttPacket?> ExpectClosedAsync(string why)
    {
        MqttPacket? last = null;
        for (var i = 0; i < 1000; i++)
        {
            MqttPacket? packet;
            try
            {
                packet = await TryReceiveAsync(TimeSpan.FromSeconds(5));
            }
            catch (Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"expected the broker to close the connection ({why}), but it stayed open");
            }
            if (packet is null)
            {
                return last;
            }
            last = packet;
        }
        throw new Xunit.Sdk.XunitException($"expected the broker to close the connection ({why})");
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
