using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Local;
using GridMeter.Gateway.Uplink;

namespace GridMeter.Gateway.Registers;

/// <summary>
/// Register snapshots (CONTRACT section 5): one readings message per meter at every boundary of the
/// register interval (the quarter-hour), stamped with the boundary, and a first one at start stamped
/// with its sample's whole second. A message is committed to the outbox before it is sent, and its
/// time stamp is fixed there, so sending it again can only repeat, never add, a reading.
/// </summary>
public sealed class RegisterJob(LiveBoard board, Outbox outbox, ProfileLog profile, GatewayConfig config, TimeProvider clock) : BackgroundService
{
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(config.RegisterSeconds);
        var tick = interval < TimeSpan.FromSeconds(1) ? interval : TimeSpan.FromSeconds(1);
        var maxAge = TimeSpan.FromSeconds(Math.Max(60, 3 * config.Meters.Max(m => m.PollSeconds)));
        var last = Boundary(clock.GetUtcNow(), interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var boundary = Boundary(now, interval);
            var crossed = boundary > last;
            last = boundary;
            foreach (var sample in board.Latest())
            {
                if (now - sample.At > maxAge)
                {
                    continue; // a silent meter gets no snapshot: its old values are not new readings
                }
                DateTimeOffset at;
                if (_started.Add(sample.MeterId))
                {
                    at = new DateTimeOffset(sample.At.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
                }
                else if (crossed)
                {
                    at = boundary;
                }
                else
                {
                    continue;
                }
                await SnapshotAsync(sample.MeterId, at, LiveBoard.Registers(sample), stoppingToken);
            }
            var untilBoundary = Boundary(clock.GetUtcNow(), interval) + interval - clock.GetUtcNow();
            await Task.Delay(untilBoundary < tick ? untilBoundary + TimeSpan.FromMilliseconds(5) : tick, clock, stoppingToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SnapshotAsync(string meterId, DateTimeOffset at, IReadOnlyDictionary<GridMeter.Protocols.Obis, decimal> registers, CancellationToken cancellationToken)
    {
        if (registers.Count == 0)
        {
            return;
        }
        // The outbox first: a crash between the two loses a point of the local profile, never a reading.
        await outbox.EnqueueAsync($"meters/{meterId}/readings", PayloadWriter.Readings(at, registers), cancellationToken);
        await profile.TryAddAsync(meterId, at, registers, cancellationToken);
    }

    private static DateTimeOffset Boundary(DateTimeOffset now, TimeSpan interval) =>
        new(now.UtcTicks / interval.Ticks * interval.Ticks, TimeSpan.Zero);
}
