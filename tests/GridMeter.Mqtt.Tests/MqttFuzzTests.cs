using System.Diagnostics;
using System.Net.Sockets;
using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;
using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>
/// Random and mutated packets: the decoder only ever fails with its own protocol error, and a broker
/// fed thousands of broken connections keeps serving a normal client.
/// </summary>
public sealed class MqttFuzzTests
{
    private const int DecoderCases = 120_000;
    private const int SocketCases = 3_000;

    [Fact]
    public void Decoder_fails_only_with_its_protocol_error_on_random_and_mutated_packets()
    {
        var random = new Random(20261122);
        var seeds = Seeds();
        var watch = Stopwatch.StartNew();
        var protocolErrors = 0;
        for (var i = 0; i < DecoderCases; i++)
        {
            var input = i % 10 == 0 ? RandomBytes(random) : Mutate(seeds[random.Next(seeds.Count)], random);
            var version = i % 2 == 0 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500;
            try
            {
                DecodeAll(input, version);
            }
            catch (MqttProtocolException)
            {
                protocolErrors++;
            }
            catch (Exception e)
            {
                Assert.Fail($"the decoder threw {e.GetType().Name} ({e.Message}) for {version} input {Convert.ToHexString(input)}");
            }
        }
        Assert.True(protocolErrors > DecoderCases / 10, $"only {protocolErrors} of {DecoderCases} inputs were refused; the mutations are too gentle");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"fuzzing the decoder took {watch.Elapsed}");
    }

    [Fact]
    public async Task Broker_survives_thousands_of_broken_connections_and_still_serves_a_normal_client()
    {
        await using var broker = await TestBroker.StartAsync(o => o.ConnectTimeoutSeconds = 2);
        await using var observer = await TestClients.ConnectAsync(broker.Port, "observer");
        var inbox = new Inbox(observer);
        await observer.SubscribeAsync("#", MqttQualityOfService.AtLeastOnce, TestContext.Current.CancellationToken);
        var random = new Random(7);
        var seeds = Seeds();
        var connect = MqttEncoder.ToArray(new ConnectPacket { ClientId = "fuzz", ProtocolVersion = MqttProtocolVersion.V500 }, MqttProtocolVersion.V500);
        var batches = Enumerable.Range(0, SocketCases).Chunk(SocketCases / 8).Select(chunk => Task.Run(async () =>
        {
            foreach (var i in chunk)
            {
                byte[] payload;
                lock (random)
                {
                    var mutated = Mutate(seeds[random.Next(seeds.Count)], random);
                    payload = i % 3 == 0 ? mutated : [.. connect.Select(b => b).Take(connect.Length - 4), .. BitConverter.GetBytes(i), .. mutated];
                    payload = i % 3 == 1 ? [.. connect, .. mutated] : payload;
                }
                await SendAndCloseAsync(broker.Port, payload);
            }
        }));
        await Task.WhenAll(batches).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await using var publisher = await TestClients.ConnectAsync(broker.Port, "after-the-storm");
        await publisher.PublishAsync(TestClients.Message("health/check", "ok"), TestContext.Current.CancellationToken);
        while (true)
        {
            var received = await inbox.NextAsync("the health check published after the fuzzing");
            if (received.Message.Topic == "health/check")
            {
                break;
            }
        }
    }

    private static async Task SendAndCloseAsync(int port, byte[] payload)
    {
        using var tcp = new TcpClient { NoDelay = true, LingerState = new LingerOption(true, 0) };
        await tcp.ConnectAsync("127.0.0.1", port);
        try
        {
            await tcp.GetStream().WriteAsync(payload);
        }
        catch (IOException)
        {
            // The broker may hang up before everything is written: that is an answer too.
        }
    }

    private static void DecodeAll(byte[] input, MqttProtocolVersion version)
    {
        var offset = 0;
        while (offset < input.Length && MqttDecoder.TryDecode(input.AsSpan(offset), version, 1 << 20, out _, out var consumed))
        {
            offset += consumed;
        }
        // The typed entry points the broker uses, fed the body directly.
        if (input.Length > 2 && MqttDecoder.TryReadFixedHeader(input, int.MaxValue, out var header))
        {
            var body = input.AsSpan(Math.Min(header.HeaderLength, input.Length));
            var aliases = new string?[4];
            switch (header.Type)
            {
                case MqttPacketType.Publish: MqttDecoder.DecodePublish(header.Flags, body, version, aliases); break;
                case MqttPacketType.Connect: MqttDecoder.DecodeConnect(header.Flags, body); break;
                default: MqttDecoder.Decode(header, body, version); break;
            }
        }
    }

    private static List<byte[]> Seeds() =>
        [.. SamplePackets.All(MqttProtocolVersion.V311).Select(p => MqttEncoder.ToArray(p, MqttProtocolVersion.V311)),
         .. SamplePackets.All(MqttProtocolVersion.V500).Select(p => MqttEncoder.ToArray(p, MqttProtocolVersion.V500))];

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Bit flips, byte changes, truncation, insertion, deletion, length tampering and splicing.</summary>
    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds && bytes.Count > 0; r++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;
                case 3: bytes.Insert(at, (byte)random.Next(256)); break;
                case 4: bytes.RemoveAt(at); break;
                case 5 when bytes.Count > 1: bytes[1] = (byte)random.Next(256); break;
                default: bytes.AddRange(seed.Skip(random.Next(seed.Length))); break;
            }
        }
        return [.. bytes];
    }
}
