using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Bench.Mqtt;

/// <summary>
/// A lean raw-socket MQTT 3.1.1 load generator, the same for every broker: connections send CONNECT, then
/// each keeps one QoS 1 PUBLISH (~150-byte payload) in flight and times it until its PUBACK.
/// </summary>
internal static class MqttLoadGenerator
{
    private static readonly byte[] Payload = System.Text.Encoding.UTF8.GetBytes(
        "{\"readings\":[{\"ts\":\"2026-11-21T10:15:00Z\",\"values\":{\"1-0:1.8.0\":1234.567,\"1-0:2.8.0\":0.0,\"1-0:1.8.1\":800.123,\"1-0:1.8.2\":434.444,\"1-0:1.7.0\":0.42}}]}");

    public static int PayloadBytes => Payload.Length;

    public static async Task<List<Socket>> ConnectAsync(int port, int count, string prefix, CancellationToken cancellationToken)
    {
        var sockets = new Socket[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
            var connect = MqttEncoder.ToArray(new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = $"{prefix}-{i}" }, MqttProtocolVersion.V311);
            await socket.SendAsync(connect, SocketFlags.None, ct);
            var connAck = new byte[4];
            await ReceiveExactlyAsync(socket, connAck, ct);
            if (connAck[0] != 0x20 || connAck[3] != 0)
            {
                throw new InvalidOperationException($"connection {i} was refused: {Convert.ToHexString(connAck)}");
            }
            sockets[i] = socket;
        });
        return [.. sockets];
    }

    public static void Close(List<Socket> sockets)
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

    /// <summary>Every connection publishes QoS 1 back to back for the duration; returns the rate and latency percentiles.</summary>
    public static async Task<LoadResult> RunAsync(List<Socket> sockets, TimeSpan duration, CancellationToken cancellationToken)
    {
        var samples = new List<long>[sockets.Count];
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var loops = sockets.Select((socket, i) => Task.Run(() => PublishLoopAsync(socket, $"bench/c{i}", stopAt, samples[i] = new List<long>(1024), cancellationToken), cancellationToken));
        await Task.WhenAll(loops);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = samples.SelectMany(s => s).ToArray();
        Array.Sort(all);
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1_000_000.0 / Stopwatch.Frequency;
        return new LoadResult(all.Length, seconds, Percentile(0.50), Percentile(0.99));
    }

    private static async Task PublishLoopAsync(Socket socket, string topic, long stopAt, List<long> samples, CancellationToken cancellationToken)
    {
        var publish = MqttEncoder.ToArray(new PublishPacket
        {
            Message = new MqttMessage { Topic = topic, Payload = Payload, QualityOfService = MqttQualityOfService.AtLeastOnce },
            PacketId = 1,
        }, MqttProtocolVersion.V311);
        MqttDecoder.TryReadFixedHeader(publish, int.MaxValue, out var header);
        var idOffset = header.HeaderLength + 2 + topic.Length;
        var ack = new byte[4];
        ushort id = 0;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            id = (ushort)(id % 65535 + 1);
            publish[idOffset] = (byte)(id >> 8);
            publish[idOffset + 1] = (byte)id;
            var sent = Stopwatch.GetTimestamp();
            await socket.SendAsync(publish, SocketFlags.None, cancellationToken);
            await ReceiveExactlyAsync(socket, ack, cancellationToken);
            samples.Add(Stopwatch.GetTimestamp() - sent);
            if (ack[0] != 0x40 || ack[2] != (byte)(id >> 8) || ack[3] != (byte)id)
            {
                throw new InvalidOperationException($"expected PUBACK {id}, got {Convert.ToHexString(ack)}");
            }
        }
    }

    private static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var received = 0;
        while (received < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the broker closed the connection");
            }
            received += read;
        }
    }
}

internal readonly record struct LoadResult(long Messages, double Seconds, double P50Micros, double P99Micros)
{
    public double Rate => Messages / Seconds;
}
