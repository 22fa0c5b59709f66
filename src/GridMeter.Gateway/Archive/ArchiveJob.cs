using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Local;

namespace GridMeter.Gateway.Archive;

/// <summary>Writes the latest values of every meter to the day's archive file at each minute (archiveSeconds) boundary.</summary>
public sealed class ArchiveJob(LiveBoard board, ArchiveFiles files, GatewayConfig config, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(config.ArchiveSeconds);
        var maxAge = TimeSpan.FromSeconds(Math.Max(60, 3 * config.Meters.Max(m => m.PollSeconds)));
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset((now.UtcTicks / interval.Ticks + 1) * interval.Ticks, TimeSpan.Zero);
            await Task.Delay(next - now, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            var fresh = board.Latest().Where(s => next - s.At <= maxAge).ToList();
            if (fresh.Count > 0)
            {
                await files.AppendAsync(next, fresh, stoppingToken);
            }
        }
    }
}
