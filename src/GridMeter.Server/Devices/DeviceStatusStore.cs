using System.Collections.Concurrent;
using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Devices;

/// <summary>
/// Keeps what meters say about themselves. Status messages are written at once; "last seen",
/// touched by every message, is collected in memory and written in one batch every few seconds.
/// </summary>
public sealed class DeviceStatusStore(IDatabase database, TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, long> _lastSeen = new();

    public void Seen(long meterKey) => _lastSeen[meterKey] = clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task ApplyAsync(long meterKey, StatusPayload status, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO meter_status (meter_key, online, firmware, relay, rssi, changed_at, last_seen)
            VALUES (@meterKey, @Online, @Firmware, @Relay, @Rssi, @now, @now)
            ON CONFLICT (meter_key) DO UPDATE SET
                online = COALESCE(excluded.online, meter_status.online),
                firmware = COALESCE(excluded.firmware, meter_status.firmware),
                relay = COALESCE(excluded.relay, meter_status.relay),
                rssi = COALESCE(excluded.rssi, meter_status.rssi),
                changed_at = excluded.changed_at,
                last_seen = CASE WHEN excluded.online = @offline THEN meter_status.last_seen ELSE excluded.last_seen END
            """,
            new { meterKey, status.Online, status.Firmware, status.Relay, status.Rssi, now, offline = false },
            cancellationToken: cancellationToken));
    }

    /// <summary>Writes the "last seen" times collected since the previous flush.</summary>
    public async Task FlushLastSeenAsync(CancellationToken cancellationToken)
    {
        var batch = _lastSeen.ToArray();
        if (batch.Length == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (meterKey, seen) in batch)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO meter_status (meter_key, last_seen) VALUES (@meterKey, @seen)
                ON CONFLICT (meter_key) DO UPDATE SET last_seen = MAX_OR_GREATEST
                """.Replace("MAX_OR_GREATEST", database.Provider == StorageProvider.Postgres
                    ? "GREATEST(COALESCE(meter_status.last_seen, 0), excluded.last_seen)"
                    : "MAX(COALESCE(meter_status.last_seen, 0), excluded.last_seen)", StringComparison.Ordinal),
                new { meterKey, seen }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        foreach (var (meterKey, seen) in batch)
        {
            _lastSeen.TryRemove(new KeyValuePair<long, long>(meterKey, seen));
        }
    }

    public async Task<MeterStatusResponse?> GetAsync(long meterKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(bool? Online, string? Firmware, string? Relay, long? Rssi, long? ChangedAt, long? LastSeen)>(
            new CommandDefinition(
                "SELECT online, firmware, relay, rssi, changed_at, last_seen FROM meter_status WHERE meter_key = @meterKey",
                new { meterKey }, cancellationToken: cancellationToken));
        var lastSeen = _lastSeen.TryGetValue(meterKey, out var pending) && pending > (row.LastSeen ?? 0) ? pending : row.LastSeen;
        if (row == default && lastSeen is null)
        {
            return null;
        }
        return new MeterStatusResponse(row.Online, row.Firmware, row.Relay, (int?)row.Rssi, ToTime(row.ChangedAt), ToTime(lastSeen));
    }

    private static DateTimeOffset? ToTime(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
