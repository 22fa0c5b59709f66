using System.Net;
using System.Net.Sockets;
using System.Text;
using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Bench.Ingest;

/// <summary>
/// A lean raw-socket MQTT 3.1.1 device fleet: every connection logs in with its meter id and secret,
/// then sends its messages one after another at QoS 1, each only after the previous PUBACK.
/// </summary>
internal static class IngestLoad
{
    public static async Task<Socket[]> ConnectAsync(int port, string[] meterIds, string secret, CancellationToken cancellationToken)
    {
        var sockets = new Socket[meterIds.Length];
        await Parallel.ForAsync(0, meterIds.Length, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
            var connect = MqttEncoder.ToArray(new ConnectPacket
            {
                ProtocolVersion = MqttProtocolVersion.V311,
                ClientId = meterIds[i],
                Username = meterIds[i],
                Password = Encoding.UTF8.GetBytes(secret),
                KeepAliveSeconds = 0,
            }, MqttProtocolVersion.V311);
            await socket.SendAsync(connect, SocketFlags.None, ct);
            var connAck = new byte[4];
            await ReceiveExactlyAsync(socket, connAck, ct);
            if (connAck[0] != 0x20 || connAck[3] != 0)
            {
                throw new InvalidOperationException($"{meterIds[i]} was refused: {Convert.ToHexString(connAck)}");
            }
            sockets[i] = socket;
        });
        return sockets;
    }

    /// <summary>Sends every message of every connection; returns when the last is acknowledged.</summary>
    public static Task PublishAllAsync(Socket[] sockets, string[] meterIds, byte[][][] messages, CancellationToken cancellationToken) =>
        Task.WhenAll(sockets.Select((socket, i) => Task.Run(() => PublishAsync(socket, meterIds[i], messages[i], cancellationToken), cancellationToken)));

    private static async Task PublishAsync(Socket socket, string meterId, byte[][] messages, CancellationToken cancellationToken)
    {
        var ack = new byte[4];
        for (var i = 0; i < messages.Length; i++)
        {
            var packetId = (ushort)(i + 1);
            var publish = MqttEncoder.ToArray(new PublishPacket
            {
                Message = new MqttMessage { Topic = $"meters/{meterId}/readings", Payload = messages[i], QualityOfService = MqttQualityOfService.AtLeastOnce },
                PacketId = packetId,
            }, MqttProtocolVersion.V311);
            await socket.SendAsync(publish, SocketFlags.None, cancellationToken);
            await ReceiveExactlyAsync(socket, ack, cancellationToken);
            if (ack[0] != 0x40 || ((ack[2] << 8) | ack[3]) != packetId)
            {
                throw new InvalidOperationException($"{meterId}: expected PUBACK {packetId}, got {Convert.ToHexString(ack)}");
            }
        }
    }

    public static void Close(Socket[] sockets)
    {
        foreach (var socket in sockets)
        {
            try
            {
                socket.Send([0xE0, 0x00]);
            }
            catch (SocketException)
            {
                // Already gone.
            }
            socket.Dispose();
        }
    }

    private static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException("the broker closed the connection");
            }
            read += n;
        }
    }
}
