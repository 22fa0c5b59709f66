using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GridMeter.Bench.Mqtt;

/// <summary>
/// QoS 1 publish-to-PUBACK throughput and p99 latency with 100 and 10,000 connections, and resident memory
/// per idle connection at 10,000, for the GridMeter broker and for Mosquitto, driven by one load generator.
/// </summary>
public sealed class MqttBenchmark : IBenchmark
{
    private const int FewConnections = 100;
    private const int ManyConnections = 10_000;

    public string Name => "mqtt";

    public string Description => "QoS 1 throughput, p99 latency and bytes per idle connection: GridMeter broker vs Mosquitto";

    public async Task<BenchmarkResult> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromSeconds(context.Quick ? 5 : 20);
        context.Progress($"payload {MqttLoadGenerator.PayloadBytes} bytes, {duration.TotalSeconds} s per measurement, file limit {FileLimit()}");
        BrokerFigures ours;
        await using (var broker = await BrokerProcess.StartGridMeterAsync(cancellationToken))
        {
            ours = await MeasureAsync(broker, context, duration, cancellationToken);
        }
        BrokerFigures mosquitto;
        await using (var broker = await BrokerProcess.StartMosquittoAsync(context.WorkDir, FreePort(), cancellationToken))
        {
            mosquitto = await MeasureAsync(broker, context, duration, cancellationToken);
        }
        var ratioFew = ours.Few.Rate / mosquitto.Few.Rate;
        var ratioMany = ours.Many.Rate / mosquitto.Many.Rate;
        var p99Few = ours.Few.P99Micros / mosquitto.Few.P99Micros;
        var p99Many = ours.Many.P99Micros / mosquitto.Many.P99Micros;
        // The headline ratios are the worse of the two connection counts.
        return new BenchmarkResult()
            .Add("throughput_ratio", Math.Round(Math.Min(ratioFew, ratioMany), 3))
            .Add("p99_ratio", Math.Round(Math.Max(p99Few, p99Many), 3))
            .Add("bytes_per_idle_connection", ours.BytesPerIdleConnection)
            .Add("mosquitto_bytes_per_idle_connection", mosquitto.BytesPerIdleConnection)
            .Add("throughput_ratio_100", Math.Round(ratioFew, 3))
            .Add("throughput_ratio_10000", Math.Round(ratioMany, 3))
            .Add("p99_ratio_100", Math.Round(p99Few, 3))
            .Add("p99_ratio_10000", Math.Round(p99Many, 3))
            .Add("gridmeter_msgs_per_s_100", ours.Few.Rate)
            .Add("mosquitto_msgs_per_s_100", mosquitto.Few.Rate)
            .Add("gridmeter_msgs_per_s_10000", ours.Many.Rate)
            .Add("mosquitto_msgs_per_s_10000", mosquitto.Many.Rate)
            .Add("gridmeter_p99_us_100", ours.Few.P99Micros)
            .Add("mosquitto_p99_us_100", mosquitto.Few.P99Micros)
            .Add("gridmeter_p99_us_10000", ours.Many.P99Micros)
            .Add("mosquitto_p99_us_10000", mosquitto.Many.P99Micros);
    }

    /// <summary>
    /// Idle memory first, on a fresh broker (so the heap the load phases leave behind cannot hide connection
    /// costs), then 10,000 publishing connections, then 100 after a warm-up.
    /// </summary>
    private static async Task<BrokerFigures> MeasureAsync(BrokerProcess broker, BenchmarkContext context, TimeSpan duration, CancellationToken cancellationToken)
    {
        await broker.SettleAsync(cancellationToken);
        var before = broker.ResidentBytes();
        var many = await MqttLoadGenerator.ConnectAsync(broker.Port, ManyConnections, "many", cancellationToken);
        // Idle means idle: both brokers get two quiet seconds before the reading.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var heap = await broker.SettleAsync(cancellationToken);
        var after = broker.ResidentBytes();
        var perConnection = (after - before) / ManyConnections;
        context.Progress($"{broker.Name,-10} RSS {before / 1024 / 1024} MiB -> {after / 1024 / 1024} MiB with {ManyConnections} idle connections: {perConnection} bytes each {heap}");

        var manyResult = await MqttLoadGenerator.RunAsync(many, duration, cancellationToken);
        MqttLoadGenerator.Close(many);
        context.Progress($"{broker.Name,-10} {ManyConnections,6} connections: {manyResult.Rate,9:F0} msg/s, p50 {manyResult.P50Micros:F0} us, p99 {manyResult.P99Micros:F0} us");

        var few = await MqttLoadGenerator.ConnectAsync(broker.Port, FewConnections, "few", cancellationToken);
        await MqttLoadGenerator.RunAsync(few, TimeSpan.FromSeconds(2), cancellationToken); // warm-up
        var fewResult = await MqttLoadGenerator.RunAsync(few, duration, cancellationToken);
        MqttLoadGenerator.Close(few);
        context.Progress($"{broker.Name,-10} {FewConnections,6} connections: {fewResult.Rate,9:F0} msg/s, p50 {fewResult.P50Micros:F0} us, p99 {fewResult.P99Micros:F0} us");
        return new BrokerFigures(fewResult, manyResult, perConnection);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FileLimit()
    {
        try
        {
            return File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal))?
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[3] ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private readonly record struct BrokerFigures(LoadResult Few, LoadResult Many, long BytesPerIdleConnection);
}
