using System.Text;
using System.Threading.Channels;
using GridMeter.Domain.Readings;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;
using GridMeter.Simulator.Meters;
using GridMeter.Simulator.Randomness;
using GridMeter.Simulator.Wire;
using NodaTime;

namespace GridMeter.Simulator.Devices;

/// <summary>
/// A virtual meter on the wire (CONTRACT section 2): it connects with its secret and a will, says
/// it is online, publishes each quarter-hour's registers as the simulated clock passes it — and
/// every quarter-hour it missed, after an outage or a restart — and, if asked, live values every
/// second. During a simulated power cut it sends a last gasp, drops off, and on return reports
/// power_up and its backlog. It obeys commands on meters/{id}/commands (relay, appliances, registers,
/// clock) and answers each on meters/{id}/commands/{cid}/result.
/// </summary>
public sealed class MqttMeterDevice(
    VirtualMeter meter, DeviceCredentials credentials, FleetOptions options, SimulatedClock clock, FleetCounters counters, bool sendsLive)
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);
    private readonly Channel<byte[]> _commands = Channel.CreateUnbounded<byte[]>();
    private bool _poweredUp;

    /// <summary>What the meter does with commands: its relay and appliance switches.</summary>
    public CommandResponder Commands { get; } = new();

    /// <summary>The newest quarter-hour the server acknowledged; the next one follows it.</summary>
    public Instant LastSent { get; set; } = Instant.MinValue;

    public string MeterId => meter.Id;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var random = new SplitMix(Noise.Mix((ulong)options.Seed, Noise.OfText(meter.Id)));
        if (LastSent == Instant.MinValue)
        {
            LastSent = AlignDown(clock.Now) - Quarter;
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var client = await ConnectAsync(cancellationToken);
            if (client is null)
            {
                continue;
            }
            var outageAt = NextOutage(random);
            try
            {
                if (_poweredUp)
                {
                    await PublishAsync(client, "events", """{"events":[{"ts":"TS","type":"power_up"}]}""".Replace("TS", MeterPayloads.Timestamp(clock.Now), StringComparison.Ordinal), cancellationToken);
                    _poweredUp = false;
                }
                while (!cancellationToken.IsCancellationRequested && clock.Now < outageAt)
                {
                    await ObeyAsync(client, cancellationToken);
                    await CatchUpAsync(client, cancellationToken);
                    await IdleAsync(client, cancellationToken);
                }
                if (!cancellationToken.IsCancellationRequested)
                {
                    await PowerCutAsync(client, random, cancellationToken);
                }
            }
            catch (Exception e) when (e is MqttClientException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                // The broker went away: reconnect and send again whatever was not acknowledged.
            }
            finally
            {
                counters.Online(false);
            }
        }
    }

    private async Task<MqttClient?> ConnectAsync(CancellationToken cancellationToken)
    {
        var mqtt = new MqttClientOptions
        {
            ClientId = meter.Id,
            Username = credentials.MeterId,
            Password = credentials.Secret,
            ProtocolVersion = options.ProtocolVersion,
            AutoReconnect = false,
            KeepAliveSeconds = 60,
            Will = new MqttWill { Message = Message("status", """{"online":false}""", retain: true) },
        }.WithServer(options.Broker);
        var client = new MqttClient(mqtt, clock.Wall)
        {
            // Commands are answered from the device's own loop; the receive path only queues them.
            ReceiveHandler = (message, _) =>
            {
                _commands.Writer.TryWrite(message.Message.Payload.ToArray());
                return ValueTask.CompletedTask;
            },
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
            counters.Online(true);
            await client.SubscribeAsync(Topic("commands"), MqttQualityOfService.AtLeastOnce, cancellationToken);
            await client.PublishAsync(Message("status", $$"""{"online":true,"firmware":"1.0.0","relay":"{{Commands.Relay}}","rssi":-67}""", retain: true), cancellationToken);
            return client;
        }
        catch (Exception e) when (e is MqttClientException or IOException or TimeoutException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
            await client.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(1), clock.Wall, cancellationToken);
            return null;
        }
    }

    /// <summary>Carries out the commands received since the last round and answers each.</summary>
    private async Task ObeyAsync(MqttClient client, CancellationToken cancellationToken)
    {
        while (_commands.Reader.TryRead(out var payload))
        {
            var now = clock.Now;
            var answer = Commands.Answer(payload, now, () => meter.SnapshotAt(now).Values.ToDictionary(v => v.Key.ToString(), v => v.Value), HasAppliance);
            if (answer is null)
            {
                continue;
            }
            if (answer.Status == "succeeded" && answer.Result.TryGetValue("applianceId", out var applianceId) && applianceId is string id)
            {
                meter.SetApplianceState(id, Commands.Appliances[id] == "on", now);
            }
            await client.PublishAsync(new MqttMessage
            {
                Topic = Topic($"commands/{answer.CommandId}/result"), Payload = answer.ToPayload(), QualityOfService = MqttQualityOfService.AtLeastOnce,
            }, cancellationToken);
            if (answer.Event is { } type)
            {
                await PublishAsync(client, "events", $$"""{"events":[{"ts":"{{MeterPayloads.Timestamp(now)}}","type":"{{type}}"}]}""", cancellationToken);
            }
            if (answer.Event is "relay_opened" or "relay_closed")
            {
                await client.PublishAsync(Message("status", $$"""{"relay":"{{Commands.Relay}}"}"""), cancellationToken);
            }
        }
    }

    private bool HasAppliance(string applianceId) => meter.Household.Appliances.Any(a => a.Id == applianceId);

    /// <summary>Sends every quarter-hour from after <see cref="LastSent"/> up to the simulated now.</summary>
    private async Task CatchUpAsync(MqttClient client, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        while (LastSent + Quarter <= now && !cancellationToken.IsCancellationRequested)
        {
            var from = LastSent + Quarter;
            var to = Min(from + (Quarter * options.SnapshotsPerMessage), now + Duration.FromTicks(1));
            var snapshots = meter.SnapshotsBetween(from, to, Quarter);
            var result = await client.PublishAsync(
                new MqttMessage { Topic = Topic("readings"), Payload = MeterPayloads.Readings(snapshots), QualityOfService = MqttQualityOfService.AtLeastOnce },
                cancellationToken);
            if (!result.IsSuccess)
            {
                counters.Reject();
            }
            else
            {
                counters.Acked(snapshots.Sum(s => s.Values.Count));
            }
            LastSent = snapshots[^1].Timestamp;
        }
    }

    /// <summary>Until the next quarter-hour is due: live values every second, or just waiting.</summary>
    private async Task IdleAsync(MqttClient client, CancellationToken cancellationToken)
    {
        if (!sendsLive)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock.Wall, cancellationToken);
            return;
        }
        var live = meter.LiveAt(clock.Now);
        await client.PublishAsync(new MqttMessage { Topic = Topic("live"), Payload = MeterPayloads.Live(live) }, cancellationToken);
        counters.Live();
        await Task.Delay(TimeSpan.FromSeconds(1), clock.Wall, cancellationToken);
    }

    private async Task PowerCutAsync(MqttClient client, SplitMix random, CancellationToken cancellationToken)
    {
        counters.Outage();
        var gasp = """{"events":[{"ts":"TS","type":"power_down"}]}""".Replace("TS", MeterPayloads.Timestamp(clock.Now), StringComparison.Ordinal);
        // A last gasp goes out as QoS 0: the capacitor does not wait for an acknowledgement.
        await client.PublishAsync(new MqttMessage { Topic = Topic("events"), Payload = Encoding.UTF8.GetBytes(gasp) }, cancellationToken);
        client.Abort();
        _poweredUp = true;
        var dark = Duration.FromMinutes(5 + random.Between(0, 120));
        var until = clock.Now + dark;
        while (clock.Now < until && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock.Wall, cancellationToken);
        }
    }

    private Instant NextOutage(SplitMix random)
    {
        if (options.OutagesPerDay <= 0)
        {
            return Instant.MaxValue;
        }
        // Exponential waiting time: outages arrive as a Poisson process in simulated time.
        var days = -Math.Log(1 - random.NextDouble()) / options.OutagesPerDay;
        return clock.Now + Duration.FromSeconds(days * 86_400);
    }

    private async Task PublishAsync(MqttClient client, string subtopic, string payload, CancellationToken cancellationToken) =>
        await client.PublishAsync(Message(subtopic, payload), cancellationToken);

    private MqttMessage Message(string subtopic, string payload, bool retain = false) => new()
    {
        Topic = Topic(subtopic),
        Payload = Encoding.UTF8.GetBytes(payload),
        QualityOfService = MqttQualityOfService.AtLeastOnce,
        Retain = retain,
    };

    private string Topic(string subtopic) => $"meters/{credentials.MeterId}/{subtopic}";

    private static Instant AlignDown(Instant instant) => Instant.FromUnixTimeSeconds(instant.ToUnixTimeSeconds() / 900 * 900);

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
