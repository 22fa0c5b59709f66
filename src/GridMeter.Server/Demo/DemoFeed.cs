using Dapper;
using GridMeter.Domain.Readings;
using GridMeter.Mqtt.Broker;
using GridMeter.Server.Hosting;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using GridMeter.Simulator.Devices;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Demo;

/// <summary>
/// Runs the demo meters as real MQTT devices against the embedded broker: each first sends what is
/// missing of the last 30 days (a day per message), then every quarter-hour as it passes; five of
/// them also send live values every second.
/// </summary>
public sealed partial class DemoFeed(
    MeterDirectory meters, IDatabase database, RegisterCatalog registers, MqttBroker broker, IOptions<GridMeterOptions> options,
    TimeProvider clock, ILogger<DemoFeed> logger) : BackgroundService
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);
    private static readonly Duration Backfill = Duration.FromDays(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var credentials = await Provisioning.LoadAsync(DemoFleet.CredentialsPath(options.Value.DataDir), stoppingToken);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var fleet = new MqttFleet(
            DemoFleet.Build(), credentials,
            new FleetOptions(new Uri($"mqtt://127.0.0.1:{broker.Port}")) { LiveMeters = DemoFleet.LiveMeters },
            new SimulatedClock(clock, now, speed: 1));
        foreach (var device in fleet.Devices)
        {
            device.LastSent = await LastStoredAsync(device.MeterId, now, stoppingToken);
        }
        LogStarting(fleet.Devices.Count, broker.Port);
        var run = fleet.RunAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (!run.IsCompleted && await timer.WaitForNextTickAsync(stoppingToken))
        {
            LogProgress(fleet.Counters.ToString());
        }
        await run;
    }

    /// <summary>The newest quarter-hour already stored for the meter, or the start of the backfill.</summary>
    private async Task<Instant> LastStoredAsync(string meterId, Instant now, CancellationToken cancellationToken)
    {
        var floor = Instant.FromUnixTimeSeconds((now - Backfill).ToUnixTimeSeconds() / 900 * 900) - Quarter;
        var meter = await meters.FindAsync(meterId, cancellationToken);
        var register = await registers.FindAsync(ObisCode.ActiveImport, cancellationToken);
        if (meter is null || register is null)
        {
            return floor;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(ts) FROM readings WHERE meter = @meter AND register = @register",
            new { meter = meter.Key, register }, cancellationToken: cancellationToken));
        return last is { } ts && Instant.FromUnixTimeSeconds(ts) > floor ? Instant.FromUnixTimeSeconds(ts) : floor;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Meters} simulated meters connecting to the MQTT broker on port {Port}")]
    private partial void LogStarting(int meters, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo fleet: {Progress}")]
    private partial void LogProgress(string progress);
}
