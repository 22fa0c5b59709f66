using System.Diagnostics;
using Dapper;
using GridMeter.Bench.Ingest;
using GridMeter.Bench.Shared;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NodaTime;

namespace GridMeter.Bench.IngestCluster;

/// <summary>
/// Ingest in the scaled-out layout: meters publish QoS 1 readings to Mosquitto; one node, then two
/// nodes in external-broker mode consume them through a shared subscription into one PostgreSQL
/// database. Rate = readings until every one is committed. Baseline, measured first in the same run:
/// the same messages through the same Mosquitto to one plain QoS 1 subscriber that stores nothing.
/// PostgreSQL: GRIDMETER_BENCH_POSTGRES or GRIDMETER_TEST_POSTGRES (a server the benchmark may create schemas in).
/// </summary>
public sealed class IngestClusterBenchmark : IBenchmark
{
    private const string Secret = "bench-device-secret-0123456789abcdef";

    public string Name => "ingest-cluster";

    public string Description => "readings/s through Mosquitto into PostgreSQL with 1 and 2 nodes vs the same messages to a plain subscriber";

    public async Task<BenchmarkResult> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var server = Environment.GetEnvironmentVariable("GRIDMETER_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("GRIDMETER_TEST_POSTGRES")
            ?? throw new InvalidOperationException("set GRIDMETER_BENCH_POSTGRES (or GRIDMETER_TEST_POSTGRES) to a PostgreSQL connection string");
        var meters = context.Quick ? 1_000 : 5_000;
        var days = context.Quick ? 1 : 2;
        context.Progress($"open files limit raised to {FileLimit.Raise()}");
        var end = Instant.FromUnixTimeSeconds(Instant.FromDateTimeOffset(DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 86_400 * 86_400);
        var data = IngestData.Generate(meters, days, end);
        var messages = (long)meters * days;
        context.Progress($"{data.Readings:N0} readings in {messages:N0} messages of {meters:N0} meters");
        await using var mosquitto = await BenchMosquitto.StartAsync(Path.Combine(context.WorkDir, "mosquitto"), FreeTcpPort(), cancellationToken);

        var baseline = await BaselineAsync(mosquitto.Port, data, messages, cancellationToken);
        context.Progress($"baseline: plain subscriber through Mosquitto: {baseline:N0} readings/s");
        var one = await ClusterAsync(context, server, mosquitto.Port, data, nodes: 1, cancellationToken);
        context.Progress($"1 node: {one:N0} readings/s committed");
        var two = await ClusterAsync(context, server, mosquitto.Port, data, nodes: 2, cancellationToken);
        context.Progress($"2 nodes: {two:N0} readings/s committed");
        return new BenchmarkResult()
            .Add("ratio", two / baseline)
            .Add("one_node_per_s", one)
            .Add("two_nodes_per_s", two)
            .Add("baseline_per_s", baseline)
            .Add("readings", data.Readings);
    }

    /// <summary>The same messages to a subscriber that only counts them (QoS 1, acknowledged as they arrive).</summary>
    private static async Task<double> BaselineAsync(int port, IngestData data, long messages, CancellationToken cancellationToken)
    {
        var received = 0L;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscriber = new MqttClient(new MqttClientOptions { Port = port, ClientId = "bench-baseline" })
        {
            ReceiveHandler = (_, _) =>
            {
                if (Interlocked.Increment(ref received) == messages)
                {
                    all.TrySetResult();
                }
                return ValueTask.CompletedTask;
            },
        };
        await subscriber.ConnectAsync(cancellationToken);
        await subscriber.SubscribeAsync("$share/baseline/meters/+/readings", MqttQualityOfService.AtLeastOnce, cancellationToken);
        var sockets = await IngestLoad.ConnectAsync(port, data.MeterIds, Secret, cancellationToken);
        var clock = Stopwatch.StartNew();
        await IngestLoad.PublishAllAsync(sockets, data.MeterIds, data.Messages, cancellationToken);
        await all.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        IngestLoad.Close(sockets);
        await subscriber.UnsubscribeAsync(["$share/baseline/meters/+/readings"], cancellationToken);
        return data.Readings / seconds;
    }

    /// <summary>A fresh schema, <paramref name="nodes"/> nodes on it, every message published; the rate until all is committed.</summary>
    private static async Task<double> ClusterAsync(BenchmarkContext context, string server, int mqttPort, IngestData data, int nodes, CancellationToken cancellationToken)
    {
        var schema = $"bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(cancellationToken);
            await admin.ExecuteAsync(new CommandDefinition($"CREATE SCHEMA {schema}", cancellationToken: cancellationToken));
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, MaxPoolSize = 40 }.ToString();
        try
        {
            await ProvisionAsync(connectionString, data.MeterIds, cancellationToken);
            var hosts = new List<ServerHost>();
            try
            {
                for (var i = 0; i < nodes; i++)
                {
                    hosts.Add(await ServerHost.StartAsync(Path.Combine(context.WorkDir, $"{schema}-node{i}"), FreeTcpPort(),
                    [
                        "--GridMeter:Storage:Provider=postgres",
                        $"--GridMeter:Storage:ConnectionString={connectionString}",
                        $"--GridMeter:Mqtt:ExternalBroker=mqtt://127.0.0.1:{mqttPort}",
                        // The same ids in both runs: node 0 of the second run resumes the (empty) session of the first.
                        $"--GridMeter:Mqtt:ClientId=bench-node{i}",
                    ], cancellationToken));
                }
                var sockets = await IngestLoad.ConnectAsync(mqttPort, data.MeterIds, Secret, cancellationToken);
                var clock = Stopwatch.StartNew();
                var cpuBefore = hosts.Sum(h => ProcessCpu.Seconds(h.ProcessId));
                await IngestLoad.PublishAllAsync(sockets, data.MeterIds, data.Messages, cancellationToken);
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                long stored;
                while ((stored = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM readings", cancellationToken: cancellationToken))) < data.Readings)
                {
                    if (clock.Elapsed > TimeSpan.FromMinutes(10))
                    {
                        throw new TimeoutException($"{stored:N0} of {data.Readings:N0} readings stored after 10 minutes");
                    }
                    await Task.Delay(100, cancellationToken);
                }
                var seconds = clock.Elapsed.TotalSeconds;
                IngestLoad.Close(sockets);
                if (stored != data.Readings)
                {
                    throw new InvalidOperationException($"{data.Readings} readings published but {stored} stored");
                }
                context.Progress($"{nodes} node(s): {stored:N0} readings committed in {seconds:F1} s; node CPU {hosts.Sum(h => ProcessCpu.Seconds(h.ProcessId)) - cpuBefore:F1} s");
                return data.Readings / seconds;
            }
            finally
            {
                foreach (var host in hosts)
                {
                    await host.StopAsync();
                    await host.DisposeAsync();
                }
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync(cancellationToken);
            await admin.ExecuteAsync(new CommandDefinition($"DROP SCHEMA {schema} CASCADE", cancellationToken: cancellationToken));
        }
    }

    /// <summary>The schema and the meters, straight into PostgreSQL (setup, not measured).</summary>
    private static async Task ProvisionAsync(string connectionString, string[] meterIds, CancellationToken cancellationToken)
    {
        await using var database = new PostgresDatabase(NpgsqlDataSource.Create(connectionString));
        await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var hash = DeviceSecret.Hash(Secret);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO meters (id, time_zone, phases, secret_hash, created_at) VALUES (@id, 'Europe/Rome', 1, @hash, 0)",
            meterIds.Select(id => new { id, hash }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
