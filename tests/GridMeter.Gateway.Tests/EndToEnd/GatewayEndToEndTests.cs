using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Tests.Serial;
using GridMeter.Protocols.Modbus;
using GridMeter.Server.Tests;
using GridMeter.Simulator.Fleets;
using GridMeter.Simulator.Meters;
using GridMeter.Simulator.Serial;
using GridMeter.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GridMeter.Gateway.Tests.EndToEnd;

/// <summary>
/// Simulated serial meters on socat pseudo-terminals → the gateway → our broker → the consumption API,
/// with the uplink cut for a while in the middle. Time runs 600 times faster for meters and gateway,
/// so a quarter-hour passes in a second and a half.
/// </summary>
public sealed class GatewayEndToEndTests
{
    private const double Speed = 600;
    private static readonly string[] Protocols = ["dsmr", "iec62056-21", "modbus-rtu", "modbus-rtu"];

    [Fact]
    public async Task Every_quarter_hour_of_every_meter_reaches_the_consumption_api_once_although_the_uplink_was_down()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new DateTimeOffset(2026, 12, 1, 9, 59, 0, TimeSpan.Zero);
        await using var server = await GridMeterApp.StartAsync(now: start.AddDays(1));
        var meters = new FleetBuilder(11, Protocols.Length, Instant.FromDateTimeOffset(start.AddDays(-2))).Build();
        var secret = await ProvisionGatewayAsync(server, meters, ct);
        var clock = new FastClock(start, Speed);
        await using var cable = new UplinkCable(server.MqttPort);
        var terminals = new List<PseudoTerminals>();
        using var stopMeters = new CancellationTokenSource();
        var dataDir = Directory.CreateTempSubdirectory("gridmeter-gateway-").FullName;
        try
        {
            var config = new GatewayConfig
            {
                Id = "GW-E2E", Secret = secret, Broker = $"mqtt://127.0.0.1:{cable.Port}", DataDir = dataDir,
                Urls = $"http://127.0.0.1:{FreePort.Next()}", UplinkRetrySeconds = 1, TimeZone = "Europe/Rome",
            };
            for (var i = 0; i < meters.Count; i++)
            {
                var pair = await PseudoTerminals.StartAsync();
                terminals.Add(pair);
                _ = SerialMeterHost.ServePathAsync(pair.MeterSide, VirtualSerialMeter(Protocols[i], meters[i], clock, i), stopMeters.Token);
                config.Meters.Add(new MeterConfig
                {
                    Id = meters[i].Id, Protocol = Protocols[i], Port = pair.GatewaySide, Map = i == 3 ? "sdm120" : "sdm630", PollSeconds = 60,
                });
            }
            using var gateway = await GatewayHost.BuildAsync(config, [], clock, ct);
            await gateway.StartAsync(ct);
            using var local = new HttpClient { BaseAddress = new Uri(config.Urls) };

            await Eventually.Async(async () => Describe((await StoredAsync(server), $"taken {(await SnapshotsTakenAsync(dataDir)).Count}; quarantined {await server.CountAsync("quarantine")}; {await local.GetStringAsync("/api/live", ct)}")),
                s => meters.All(m => s.Split(", ").Any(p => p.StartsWith(m.Id + ": ", StringComparison.Ordinal) && int.Parse(p.Split(": ")[1].Split(";")[0], System.Globalization.CultureInfo.InvariantCulture) >= 3)),
                "three snapshots of every meter stored by the head-end", TimeSpan.FromSeconds(20));
            cable.Cut();
            await Eventually.Async(() => WaitingAsync(local, ct), n => n >= 3 * meters.Count,
                "three quarter-hours of every meter waiting in the outbox while the uplink is down", TimeSpan.FromSeconds(20));
            var storedWhileDown = (await StoredAsync(server)).Count;
            cable.Connect();
            await Eventually.Async(() => WaitingAsync(local, ct), n => n == 0, "the outbox drained once the uplink is back", TimeSpan.FromSeconds(20));
            await Eventually.Async(() => StoredAsync(server), s => meters.All(m => s.Count(r => r.Meter == m.Id && r.Ts % 900_000 == 0) >= 8),
                "eight quarter-hours of every meter stored", TimeSpan.FromSeconds(20));
            await gateway.StopAsync(ct);

            var taken = await SnapshotsTakenAsync(dataDir);
            var stored = await StoredAsync(server);
            var stillWaiting = await StillWaitingAsync(dataDir);
            Assert.True(stored.Count > storedWhileDown, "readings taken during the outage arrived afterwards");
            Assert.Equal(taken.Except(stillWaiting).Order(), stored.Order()); // nothing lost, nothing extra
            Assert.Equal(0, await server.CountAsync("reading_conflicts"));
            Assert.True(cable.Connections >= 2, "the gateway reconnected through the cable");
            foreach (var meter in meters)
            {
                await AssertConsumptionAsync(server, meter.Id, await ImportsAsync(dataDir, meter.Id), ct);
            }
        }
        finally
        {
            await stopMeters.CancelAsync();
            foreach (var pair in terminals)
            {
                await pair.DisposeAsync();
            }
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static ISerialMeter VirtualSerialMeter(string protocol, VirtualMeter meter, TimeProvider clock, int index) => protocol switch
    {
        // A P1 port pushes every second of meter time; here once a (simulated) minute keeps the pace sane.
        "dsmr" => new DsmrP1Meter(meter, clock) { Interval = TimeSpan.FromSeconds(60) },
        "modbus-rtu" => new ModbusRtuMeter(meter, clock, 1, index == 3 ? RegisterMaps.Sdm120 : RegisterMaps.Sdm630),
        _ => SerialMeters.Create(protocol, meter, clock),
    };

    private static async Task<string> ProvisionGatewayAsync(GridMeterApp server, IReadOnlyList<VirtualMeter> meters, CancellationToken ct)
    {
        foreach (var meter in meters)
        {
            await server.ProvisionAsync(meter.Id);
        }
        using var admin = await server.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/gateways", new { id = "GW-E2E", meterIds = meters.Select(m => m.Id).ToArray() }, ct);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("deviceSecret").GetString()!;
    }

    private static string Describe((List<(string Meter, long Ts)> Stored, string Live) seen) =>
        $"{string.Join(", ", seen.Stored.GroupBy(r => r.Meter).Select(g => $"{g.Key}: {g.Count()}"))}; gateway: {seen.Live}";

    private static async Task<long> WaitingAsync(HttpClient local, CancellationToken ct)
    {
        using var live = JsonDocument.Parse(await local.GetStringAsync("/api/live", ct));
        return live.RootElement.GetProperty("outbox").GetInt64();
    }

    /// <summary>The head-end's stored import readings: (meter, time) pairs, one per stored row.</summary>
    private static async Task<List<(string Meter, long Ts)>> StoredAsync(GridMeterApp server)
    {
        await using var connection = await server.Services.GetRequiredService<GridMeter.Server.Storage.IDatabase>().OpenAsync(TestContext.Current.CancellationToken);
        var rows = await Dapper.SqlMapper.QueryAsync<(string, long)>(connection, """
            SELECT m.id, r.ts * 1000 FROM readings r JOIN meters m ON m.key = r.meter JOIN registers g ON g.key = r.register
            WHERE g.obis = '1-0:1.8.0'
            """);
        return rows.ToList();
    }

    private static async Task<List<(string Meter, long Ts)>> SnapshotsTakenAsync(string dataDir)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "profile.db")};Pooling=False");
        return (await Dapper.SqlMapper.QueryAsync<(string, long)>(db, "SELECT meter, ts FROM snapshots")).ToList();
    }

    private static async Task<List<(DateTimeOffset At, decimal Import)>> ImportsAsync(string dataDir, string meterId)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "profile.db")};Pooling=False");
        var rows = await Dapper.SqlMapper.QueryAsync<(long, string)>(db, "SELECT ts, import_kwh FROM snapshots WHERE meter = @meterId ORDER BY ts", new { meterId });
        return rows.Select(r => (DateTimeOffset.FromUnixTimeMilliseconds(r.Item1), decimal.Parse(r.Item2, System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>Readings the gateway took but had not sent when it stopped: they wait in the outbox, not lost.</summary>
    private static async Task<List<(string Meter, long Ts)>> StillWaitingAsync(string dataDir)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "outbox.db")};Pooling=False");
        var waiting = new List<(string, long)>();
        foreach (var (topic, payload) in await Dapper.SqlMapper.QueryAsync<(string, byte[])>(db, "SELECT topic, payload FROM outbox WHERE topic LIKE '%/readings'"))
        {
            using var json = JsonDocument.Parse(payload);
            foreach (var reading in json.RootElement.GetProperty("readings").EnumerateArray())
            {
                waiting.Add((topic.Split('/')[1], reading.GetProperty("ts").GetDateTimeOffset().ToUnixTimeMilliseconds()));
            }
        }
        return waiting;
    }

    /// <summary>
    /// Each quarter-hour framed by two of the gateway's snapshots is their difference, measured, once.
    /// At 600 times real speed a busy machine can stall a driver past its freshness limit, and the
    /// gateway then rightly skips that meter's boundary; such quarter-hours are not framed.
    /// </summary>
    private static async Task AssertConsumptionAsync(GridMeterApp server, string meterId, List<(DateTimeOffset At, decimal Import)> snapshots, CancellationToken ct)
    {
        var quarters = snapshots.Where(s => s.At.ToUnixTimeMilliseconds() % 900_000 == 0).ToDictionary(s => s.At.ToUnixTimeMilliseconds(), s => s.Import);
        var first = quarters.Keys.Min();
        var last = quarters.Keys.Max();
        using var admin = await server.AdminAsync();
        var url = $"/api/v1/meters/{meterId}/consumption?from={DateTimeOffset.FromUnixTimeMilliseconds(first).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"
            + $"&to={DateTimeOffset.FromUnixTimeMilliseconds(last).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&interval=15m";
        using var body = JsonDocument.Parse(await admin.GetStringAsync(url, ct));
        var points = body.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal((last - first) / 900_000, points.Count);
        var framed = 0;
        foreach (var point in points)
        {
            var from = point.GetProperty("start").GetDateTimeOffset().ToUnixTimeMilliseconds();
            var to = point.GetProperty("end").GetDateTimeOffset().ToUnixTimeMilliseconds();
            if (quarters.TryGetValue(from, out var atStart) && quarters.TryGetValue(to, out var atEnd))
            {
                Assert.Equal(("actual", atEnd - atStart), (point.GetProperty("quality").GetString(), point.GetProperty("value").GetDecimal()));
                framed++;
            }
        }
        Assert.True(framed >= 4, $"{meterId}: at least four quarter-hours framed by snapshots, got {framed}; snapshots at "
            + string.Join(", ", snapshots.Select(q => q.At.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture))));
    }
}
