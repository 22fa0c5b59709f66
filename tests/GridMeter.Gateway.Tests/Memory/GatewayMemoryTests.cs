using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Gateway.Tests.Serial;
using GridMeter.Server.Tests;
using GridMeter.Simulator.Fleets;
using GridMeter.Simulator.Serial;
using GridMeter.Testing;
using NodaTime;

namespace GridMeter.Gateway.Tests.Memory;

/// <summary>
/// The real gateway process (the built GridMeter.Gateway.dll with its own runtime settings) reading
/// eight serial meters once a second and sending to a real head-end: its peak resident memory must
/// stay under 64 MB, a small share of the 512 MB board of seed 004.
/// </summary>
public sealed class GatewayMemoryTests
{
    private const long LimitBytes = 64L * 1024 * 1024;
    private static readonly string[] Protocols = ["dsmr", "iec62056-21", "dlms", "modbus-rtu"];

    [Fact]
    public async Task The_gateway_reading_eight_meters_stays_under_64_MB_resident()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await GridMeterApp.StartAsync(now: DateTimeOffset.UtcNow);
        var meters = new FleetBuilder(21, 8, Instant.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-2))).Build();
        foreach (var meter in meters)
        {
            await server.ProvisionAsync(meter.Id);
        }
        using var admin = await server.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/gateways", new { id = "GW-MEM", meterIds = meters.Select(m => m.Id).ToArray() }, ct);
        created.EnsureSuccessStatusCode();
        var secret = JsonDocument.Parse(await created.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("deviceSecret").GetString();

        var terminals = new List<PseudoTerminals>();
        using var stopMeters = new CancellationTokenSource();
        var dataDir = Directory.CreateTempSubdirectory("gridmeter-gateway-mem-").FullName;
        Process? gateway = null;
        try
        {
            var configured = new List<object>();
            for (var i = 0; i < meters.Count; i++)
            {
                var pair = await PseudoTerminals.StartAsync();
                terminals.Add(pair);
                var protocol = Protocols[i % Protocols.Length];
                var map = i == 7 ? "sdm120" : "sdm630";
                _ = SerialMeterHost.ServePathAsync(pair.MeterSide, SerialMeters.Create(protocol, meters[i], TimeProvider.System, 1, map), stopMeters.Token);
                configured.Add(new { id = meters[i].Id, protocol, port = pair.GatewaySide, map, pollSeconds = 1 });
            }
            var configPath = Path.Combine(dataDir, "gateway.json");
            await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(new
            {
                id = "GW-MEM", secret, broker = $"mqtt://127.0.0.1:{server.MqttPort}", dataDir = Path.Combine(dataDir, "data"),
                urls = $"http://127.0.0.1:{FreePort.Next()}", registerSeconds = 2, archiveSeconds = 2, meters = configured,
            }), ct);

            gateway = StartGateway(configPath);
            await Eventually.Async(() => server.CountAsync("readings"), n => n >= 8 * 2 * 3,
                "three snapshots of all eight meters stored by the head-end", TimeSpan.FromSeconds(30));
            // Steady state: every driver polling, archive and outbox busy. The resident set is sampled
            // for 5 s and its highest sample must stay under the limit; the start-up peak (VmHWM, which
            // on a cold page cache includes read-ahead of the runtime's files) is reported beside it.
            long steady = 0;
            for (var sample = 0; sample < 10; sample++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                steady = Math.Max(steady, Memory(gateway.Id).Resident);
            }
            var (peak, resident) = Memory(gateway.Id);
            TestContext.Current.TestOutputHelper?.WriteLine($"gateway with 8 meters: steady VmRSS max {steady / 1024.0 / 1024:0.0} MB, VmHWM {peak / 1024.0 / 1024:0.0} MB, VmRSS {resident / 1024.0 / 1024:0.0} MB; "
                + string.Join(" ", File.ReadAllLines($"/proc/{gateway.Id}/status").Where(l => l.StartsWith("Rss", StringComparison.Ordinal) || l.StartsWith("Threads", StringComparison.Ordinal))));
            Assert.False(gateway.HasExited, "the gateway is still running");
            Assert.True(steady < LimitBytes, $"resident memory in steady state reached {steady / 1024.0 / 1024:0.0} MB, limit 64 MB");
        }
        finally
        {
            if (gateway is { HasExited: false })
            {
                gateway.Kill();
                await gateway.WaitForExitAsync(ct);
            }
            gateway?.Dispose();
            await stopMeters.CancelAsync();
            foreach (var pair in terminals)
            {
                await pair.DisposeAsync();
            }
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static Process StartGateway(string configPath)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GridMeter.Gateway.dll"));
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Peak (VmHWM) and current (VmRSS) resident set of a process, from /proc.</summary>
    private static (long Peak, long Resident) Memory(int pid)
    {
        long peak = 0, resident = 0;
        foreach (var line in File.ReadAllLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line) * 1024;
            }
        }
        return (peak, resident);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
