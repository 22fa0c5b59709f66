using System.Globalization;
using System.Threading.Channels;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Drivers;
using GridMeter.Gateway.Local;
using GridMeter.Gateway.Uplink;

namespace GridMeter.Gateway.Registers;

/// <summary>
/// Takes every sample off the drivers' channel: updates the live board, sends its instantaneous values
/// live, queues the meter's events, and checks the meter's clock.
/// </summary>
public sealed class SampleJob(
    Channel<MeterSample> samples, LiveBoard board, Uplink.Uplink uplink, Outbox outbox, GatewayConfig config, TimeProvider clock) : BackgroundService
{
    private readonly HashSet<string> _outOfSync = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tolerance = TimeSpan.FromSeconds(config.ClockToleranceSeconds);
        await foreach (var sample in samples.Reader.ReadAllAsync(stoppingToken))
        {
            board.Update(sample);
            var events = sample.Events.ToList();
            var (outOfSync, report) = ClockCheck.Decide(sample.MeterClock, clock.GetUtcNow(), tolerance, _outOfSync.Contains(sample.MeterId));
            if (outOfSync)
            {
                _outOfSync.Add(sample.MeterId);
            }
            else
            {
                _outOfSync.Remove(sample.MeterId);
            }
            if (report)
            {
                var drift = (long)Math.Round((sample.MeterClock!.Value - sample.At).TotalSeconds);
                // Whole seconds: the same drift found again after a restart is the same event to the head-end.
                var at = new DateTimeOffset(sample.At.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
                events.Add(new MeterEventNote(at, "clock_out_of_sync", new Dictionary<string, string> { ["driftSeconds"] = drift.ToString(CultureInfo.InvariantCulture) }));
            }
            if (events.Count > 0)
            {
                await outbox.EnqueueAsync($"meters/{sample.MeterId}/events", PayloadWriter.Events(events), stoppingToken);
            }
            await uplink.PublishLiveAsync(sample.MeterId, PayloadWriter.Live(sample), stoppingToken);
        }
    }
}
