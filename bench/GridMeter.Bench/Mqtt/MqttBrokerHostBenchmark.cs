using GridMeter.Mqtt.Broker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridMeter.Bench.Mqtt;

/// <summary>
/// Not a benchmark of its own: the GridMeter broker in a process of its own, so the mqtt benchmark can read
/// its memory from /proc as it does Mosquitto's. Prints "MQTT_PORT=n", runs until standard input closes.
/// </summary>
public sealed class MqttBrokerHostBenchmark : IBenchmark
{
    public string Name => "mqtt-broker-host";

    public string Description => "(used by mqtt) the GridMeter broker in its own process until stdin closes";

    public async Task<BenchmarkResult> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMqttBroker(options =>
        {
            options.Port = 0;
            options.AllowAnonymous = true;
        });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var broker = host.Services.GetRequiredService<MqttBroker>();
        Console.WriteLine($"MQTT_PORT={broker.Port}");
        while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "gc")
            {
                // Lets the benchmark read a settled heap rather than garbage the GC has not got round to yet.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var info = GC.GetGCMemoryInfo();
                Console.WriteLine($"GC_DONE (managed heap after GC: connections={broker.ConnectionCount} heap={GC.GetTotalMemory(false)} committed={info.TotalCommittedBytes} threads={System.Diagnostics.Process.GetCurrentProcess().Threads.Count})");
            }
        }
        await host.StopAsync(CancellationToken.None);
        return new BenchmarkResult().Add("connections", broker.ConnectionCount);
    }
}
