using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Cluster;

/// <summary>
/// A job runs on one node at a time: the node holding the lease row, which it renews while working.
/// A node that dies loses the lease when it expires, and another takes over.
/// </summary>
public sealed class JobLease(IDatabase database, TimeProvider clock)
{
    /// <summary>This process, as a lease holder.</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var taken = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO job_leases (name, holder, expires_at) VALUES (@name, @Holder, @expires)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE job_leases.holder = excluded.holder OR job_leases.expires_at < @now
            """,
            new { name, Holder, expires = now + (long)duration.TotalMilliseconds, now }, cancellationToken: cancellationToken));
        return taken == 1;
    }
}
