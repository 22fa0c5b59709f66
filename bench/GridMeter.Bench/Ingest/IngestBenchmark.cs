using System.Diagnostics;
using Dapper;
using GridMeter.Bench.Shared;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace GridMeter.Bench.Ingest;

/// <summary>
/// Durable ingest end to end: simulated meters over real MQTT connections to a GridMeter server
/// process, QoS 1 batches each acknowledged only after commit, against the raw batched insert rate
/// into the same SQLite schema measured first in the same run.
/// </summary>
public sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";

    public string Description => "readings/s through MQTT QoS 1 + group commit vs raw SQLite inserts; bytes on disk per reading";

    public async Task<BenchmarkResult> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        const int Meters = 10_000;
        var days = context.Quick ? 1 : 3;
        context.Progress($"open files limit raised to {FileLimit.Raise()}");
        var end = Instant.FromUnixTimeSeconds(Instant.FromDateTimeOffset(DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 86_400 * 86_400);
        var clock = Stopwatch.StartNew();
        var data = IngestData.Generate(Meters, days, end);
        context.Progress($"generated {data.Readings:N0} readings of {Meters:N0} meters x {days} day(s) in {clock.Elapsed.TotalSeconds:F1} s");

        var baseline = await RawInsertBaseline.MeasureAsync(Path.Combine(context.WorkDir, "baseline.db"), data, cancellationToken);
        context.Progress($"baseline: raw batched inserts into the same schema: {baseline:N0} readings/s");

        var dataDir = Path.Combine(context.WorkDir, "server");
        const string Secret = "bench-device-secret-0123456789abcdef";
        await ProvisionAsync(Path.Combine(dataDir, "gridmeter.db"), data.MeterIds, Secret, cancellationToken);
        var mqttPort = FreeTcpPort();
        await using var server = await ServerHost.StartAsync(dataDir, FreeTcpPort(), [$"--GridMeter:Mqtt:Port={mqttPort}"], cancellationToken);
        clock.Restart();
        var sockets = await IngestLoad.ConnectAsync(mqttPort, data.MeterIds, Secret, cancellationToken);
        context.Progress($"{sockets.Length:N0} devices connected in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        var (serverCpu, ownCpu) = (ProcessCpu.Seconds(server.ProcessId), ProcessCpu.Seconds(Environment.ProcessId));
        await IngestLoad.PublishAllAsync(sockets, data.MeterIds, data.Messages, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var rate = data.Readings / seconds;
        context.Progress($"GridMeter: {data.Readings:N0} readings acknowledged in {seconds:F1} s: {rate:N0} readings/s");
        context.Progress($"CPU: server {ProcessCpu.Seconds(server.ProcessId) - serverCpu:F1} s, load generator {ProcessCpu.Seconds(Environment.ProcessId) - ownCpu:F1} s");
        IngestLoad.Close(sockets);
        await server.StopAsync();

        var (stored, bytes) = Measure(Path.Combine(dataDir, "gridmeter.db"));
        if (stored != data.Readings)
        {
            throw new InvalidOperationException($"{data.Readings} readings acknowledged but {stored} stored");
        }
        context.Progress($"on disk: {bytes:N0} bytes for {stored:N0} readings");
        return new BenchmarkResult()
            .Add("readings_per_s", rate)
            .Add("baseline_per_s", baseline)
            .Add("ratio", rate / baseline)
            .Add("bytes_per_reading", (double)bytes / stored)
            .Add("connections", Meters)
            .Add("readings", data.Readings);
    }

    /// <summary>Provisions the meters straight into a fresh store (setup, not measured).</summary>
    private static async Task ProvisionAsync(string path, string[] meterIds, string secret, CancellationToken cancellationToken)
    {
        await using var database = new SqliteDatabase(path, 16);
        await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var hash = DeviceSecret.Hash(secret);
        foreach (var id in meterIds)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO meters (id, time_zone, phases, secret_hash, created_at) VALUES (@id, 'Europe/Rome', 1, @hash, 0)",
                new { id, hash }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Readings stored, and the size of the whole database file once the WAL is folded in.</summary>
    private static (long Stored, long Bytes) Measure(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        var stored = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM readings");
        connection.Close();
        return (stored, new FileInfo(path).Length);
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
