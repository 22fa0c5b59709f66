using System.Threading.Channels;
using GridMeter.Gateway.Configuration;

namespace GridMeter.Gateway.Drivers;

/// <summary>Runs one driver per configured meter, all writing to the one samples channel.</summary>
public sealed class DriversJob(GatewayConfig config, Channel<MeterSample> samples, TimeProvider clock, ILoggerFactory logs) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        return Task.WhenAll(config.Meters.Select(m => MeterDrivers.Create(m, clock, zone, logs).RunAsync(samples.Writer, stoppingToken)));
    }
}
