using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Cluster;

/// <summary>
/// Fixed-window request counters in the database (rate_windows), so a limit holds for the whole
/// cluster rather than per node: each request adds one to its window's row in one UPSERT and
/// learns the count. Only PostgreSQL installations use it; one SQLite node counts in memory.
/// </summary>
public sealed class RateWindows(IDatabase database, TimeProvider clock)
{
    private long _lastTrim;

    /// <summary>True when counters are shared by several nodes (PostgreSQL).</summary>
    public bool Shared => database.Provider == StorageProvider.Postgres;

    /// <summary>Counts one request of <paramref name="key"/> under <paramref name="policy"/>; returns the window's count and when it ends.</summary>
    public async Task<(int Hits, DateTimeOffset WindowEnd)> HitAsync(string policy, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var length = (long)window.TotalMilliseconds;
        var start = now - (now % length);
        await using var connection = await database.OpenAsync(cancellationToken);
        var hits = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO rate_windows (policy, key, window_start, hits) VALUES (@policy, @key, @start, 1)
            ON CONFLICT (policy, key, window_start) DO UPDATE SET hits = rate_windows.hits + 1
            RETURNING hits
            """,
            new { policy, key, start }, cancellationToken: cancellationToken));
        // Past windows are of no use: each node clears them now and then.
        if (now - Interlocked.Read(ref _lastTrim) > 10 * length)
        {
            Interlocked.Exchange(ref _lastTrim, now);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM rate_windows WHERE window_start < @old", new { old = start - length }, cancellationToken: cancellationToken));
        }
        return (hits, DateTimeOffset.FromUnixTimeMilliseconds(start + length));
    }

    public TimeProvider Clock => clock;
}
