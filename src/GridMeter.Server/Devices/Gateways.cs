using Dapper;
using GridMeter.Domain.Devices;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Devices;

/// <summary>Gateways (building sink meters, edge boxes): devices that speak for several meters.</summary>
public sealed class Gateways(IDatabase database, TimeProvider clock)
{
    /// <summary>Stores a gateway with its meters; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(string id, byte[] secretHash, IReadOnlyList<long> meterKeys, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "INSERT INTO gateways (id, secret_hash, created_at) VALUES (@id, @secretHash, @at) ON CONFLICT (id) DO NOTHING RETURNING key",
            new { id, secretHash, at = clock.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        if (key is null)
        {
            return false;
        }
        foreach (var meterKey in meterKeys)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO gateway_meters (gateway_key, meter_key) VALUES (@key, @meterKey) ON CONFLICT DO NOTHING",
                new { key, meterKey }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The gateway's identity if the secret is right; null otherwise.</summary>
    public async Task<DeviceIdentity?> AuthenticateAsync(string id, string secret, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var hash = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT secret_hash FROM gateways WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        if (hash is null || !Meters.DeviceSecret.Matches(secret, hash))
        {
            return null;
        }
        var meterIds = await MeterIdsAsync(connection, id, cancellationToken);
        return new DeviceIdentity(id, true, meterIds.ToHashSet(StringComparer.Ordinal));
    }

    public async Task<IReadOnlyList<string>?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM gateways WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return exists == 0 ? null : await MeterIdsAsync(connection, id, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> MeterIdsAsync(System.Data.Common.DbConnection connection, string id, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT m.id FROM gateways g JOIN gateway_meters gm ON gm.gateway_key = g.key JOIN meters m ON m.key = gm.meter_key
            WHERE g.id = @id ORDER BY m.id
            """,
            new { id }, cancellationToken: cancellationToken))];
}
