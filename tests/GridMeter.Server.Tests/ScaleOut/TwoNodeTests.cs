using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;
using GridMeter.Server.Commands;
using GridMeter.Testing;
using NodaTime;

namespace GridMeter.Server.Tests.ScaleOut;

/// <summary>
/// Two server processes in external-broker mode behind Debian's Mosquitto, on one PostgreSQL
/// database: meters talk only to the broker, and whichever node consumes a message, the result is
/// the same — stored once, nothing acknowledged lost when a node dies, commands and their results
/// crossing nodes.
/// </summary>
public sealed class TwoNodeTests(TwoNodeCluster fixture) : IClassFixture<TwoNodeCluster>
{
    private const int Meters = 4;
    private const int ReadingsPerMeter = 3_000;
    private const int SnapshotsPerMessage = 10;

    private ScaleOutCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Every_reading_is_stored_once_and_a_node_killed_midway_loses_nothing_the_broker_acknowledged()
    {
        var secrets = new List<(string Meter, string Secret)>();
        for (var m = 0; m < Meters; m++)
        {
            // Provisioned through either node: both give the broker the device's login.
            secrets.Add(($"SCALE-{m}", await Cluster.ProvisionMeterAsync(m % 2, $"SCALE-{m}")));
        }
        var start = Instant.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - Duration.FromMinutes(ReadingsPerMeter + 10);
        var devices = new List<MqttClient>();
        foreach (var (meter, secret) in secrets)
        {
            devices.Add(await ConnectMeterAsync(meter, secret));
        }
        var expected = new HashSet<(string Meter, long Ts, long Wh)>();

        // The first half goes out at once; node 1 is killed while the nodes work through it.
        await PublishAsync(devices, secrets, start, 0, ReadingsPerMeter / 2, expected);
        await Eventually.Async(CountStoredAsync, n => n > 0, "ingest to have begun on the nodes");
        await Cluster.KillNodeAsync(1);

        // The second half while node 1 is down: its share waits in its session at the broker.
        await PublishAsync(devices, secrets, start, ReadingsPerMeter / 2, ReadingsPerMeter, expected);
        var restarted = await Cluster.StartNodeAsync(1);

        await Eventually.Async(CountStoredAsync, n => n >= expected.Count, $"{expected.Count} readings stored", TimeSpan.FromSeconds(45));
        var stored = await StoredAsync();
        var missing = expected.Where(e => !stored.Contains(e)).Take(5).ToList();
        Assert.True(missing.Count == 0, $"acknowledged by the broker but not stored: {string.Join(", ", missing)}");
        Assert.Equal(expected.Count, await CountStoredAsync());
        Assert.Contains("session resumed: True", restarted.Output, StringComparison.Ordinal);
        foreach (var device in devices)
        {
            await device.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_command_accepted_by_one_node_reaches_the_meter_and_its_result_is_visible_from_the_other()
    {
        var secret = await Cluster.ProvisionMeterAsync(0, "SCALE-CMD");
        await using var meter = await ConnectMeterAsync("SCALE-CMD", secret);
        var received = new TaskCompletionSource<CommandMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        meter.ReceiveHandler = (message, _) =>
        {
            received.TrySetResult(JsonSerializer.Deserialize<CommandMessage>(message.Message.Payload.Span, JsonSerializerOptions.Web)!);
            return ValueTask.CompletedTask;
        };
        var granted = await meter.SubscribeAsync("meters/SCALE-CMD/commands", MqttQualityOfService.AtLeastOnce, TestContext.Current.CancellationToken);
        Assert.Equal(MqttReasonCode.GrantedQos1, granted[0]);

        using var node0 = await Cluster.AdminClientAsync(0);
        var accepted = await node0.PostAsJsonAsync("/api/v1/meters/SCALE-CMD/commands", new { command = "read_registers", parameters = new { } }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        var command = (await accepted.Content.ReadFromJsonAsync<CommandResponse>(TestContext.Current.CancellationToken))!;

        var delivered = await received.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.Equal(command.Id, delivered.Id);
        var answer = await meter.PublishAsync(new MqttMessage
        {
            Topic = $"meters/SCALE-CMD/commands/{command.Id}/result",
            Payload = Encoding.UTF8.GetBytes("""{"status":"succeeded","result":{"1-0:1.8.0":1234.5}}"""),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
        }, TestContext.Current.CancellationToken);
        Assert.True(answer.IsSuccess);

        using var node1 = await Cluster.AdminClientAsync(1);
        var health = await node1.GetFromJsonAsync<JsonElement>("/health", TestContext.Current.CancellationToken);
        Assert.Equal("external", health.GetProperty("mqttBroker").GetString());
        Assert.True(health.GetProperty("mqttConnected").GetBoolean());
        var seen = await Eventually.Async(
            async () => (await node1.GetFromJsonAsync<CommandResponse>($"/api/v1/commands/{command.Id}", TestContext.Current.CancellationToken))!.Status,
            status => status == "succeeded", "node 1 to show the command succeeded");
        Assert.Equal("succeeded", seen);
    }

    [Fact]
    public async Task The_broker_refuses_a_meter_with_a_wrong_secret_and_a_publish_outside_its_topics()
    {
        var secret = await Cluster.ProvisionMeterAsync(1, "SCALE-ACL");
        var wrong = new MqttClient(new MqttClientOptions { Port = Cluster.Broker.Port, ClientId = "SCALE-ACL", Username = "SCALE-ACL", Password = secret + "x", AutoReconnect = false });
        var refused = await Assert.ThrowsAsync<MqttClientException>(() => wrong.ConnectAsync(TestContext.Current.CancellationToken));
        Assert.Equal(MqttReasonCode.NotAuthorized, refused.ReasonCode);

        await using var meter = await ConnectMeterAsync("SCALE-ACL", secret);
        var foreignCommands = await meter.SubscribeAsync("meters/SCALE-0/commands", MqttQualityOfService.AtLeastOnce, TestContext.Current.CancellationToken);
        Assert.Equal(MqttReasonCode.NotAuthorized, foreignCommands[0]);
        var ownCommands = await meter.SubscribeAsync("meters/SCALE-ACL/commands", MqttQualityOfService.AtLeastOnce, TestContext.Current.CancellationToken);
        Assert.Equal(MqttReasonCode.GrantedQos1, ownCommands[0]);
        var other = await meter.PublishAsync(new MqttMessage
        {
            Topic = "meters/SCALE-0/readings",
            Payload = Encoding.UTF8.GetBytes("""{"readings":[]}"""),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(MqttReasonCode.NotAuthorized, other.ReasonCode);
    }

    private async Task<MqttClient> ConnectMeterAsync(string meterId, string secret)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Port = Cluster.Broker.Port, ClientId = meterId, Username = meterId, Password = secret, AutoReconnect = false,
        });
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        return client;
    }

    /// <summary>Each meter publishes readings [from, to) at QoS 1; a reading counts as expected once the broker acknowledged its message.</summary>
    private static async Task PublishAsync(
        IReadOnlyList<MqttClient> devices, IReadOnlyList<(string Meter, string Secret)> secrets, Instant start, int from, int to, HashSet<(string, long, long)> expected)
    {
        var publishes = new List<Task>();
        for (var m = 0; m < devices.Count; m++)
        {
            var (meter, device) = (secrets[m].Meter, devices[m]);
            for (var offset = from; offset < to; offset += SnapshotsPerMessage)
            {
                var batch = Enumerable.Range(offset, Math.Min(SnapshotsPerMessage, to - offset))
                    .Select(i => (Ts: (start + Duration.FromMinutes(i)).ToUnixTimeMilliseconds(), Wh: 2_000_000L + (i * 3L) + m)).ToList();
                var payload = "{\"readings\":[" + string.Join(",", batch.Select(r => $"{{\"ts\":{r.Ts},\"values\":{{\"1-0:1.8.0\":{r.Wh / 1000m}}}}}")) + "]}";
                publishes.Add(PublishOneAsync(device, meter, payload, batch, expected));
            }
        }
        await Task.WhenAll(publishes);
    }

    private static async Task PublishOneAsync(MqttClient device, string meter, string payload, List<(long Ts, long Wh)> batch, HashSet<(string, long, long)> expected)
    {
        var result = await device.PublishAsync(
            new MqttMessage { Topic = $"meters/{meter}/readings", Payload = Encoding.UTF8.GetBytes(payload), QualityOfService = MqttQualityOfService.AtLeastOnce },
            TestContext.Current.CancellationToken);
        Assert.True(result.IsSuccess, $"the broker refused a batch of {meter}: {result.ReasonCode}");
        lock (expected)
        {
            expected.UnionWith(batch.Select(r => (meter, r.Ts / 1000, r.Wh)));
        }
    }

    private async Task<long> CountStoredAsync()
    {
        await using var connection = await Cluster.OpenDatabaseAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM readings r JOIN meters m ON m.key = r.meter WHERE m.id LIKE 'SCALE-%'");
    }

    private async Task<HashSet<(string Meter, long Ts, long Wh)>> StoredAsync()
    {
        await using var connection = await Cluster.OpenDatabaseAsync();
        var rows = await connection.QueryAsync<(string, long, long)>("SELECT m.id, r.ts, r.value FROM readings r JOIN meters m ON m.key = r.meter WHERE m.id LIKE 'SCALE-%'");
        return rows.ToHashSet();
    }
}
