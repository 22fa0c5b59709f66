using System.Collections.Concurrent;
using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Appliances;

/// <summary>The appliances registered behind each meter. Ingest asks for the same few often, so found ones stay in memory.</summary>
public sealed class ApplianceRegistry(IDatabase database)
{
    private const string Columns = "key, meter_key AS MeterKey, id, name, type, rated_power_w AS RatedPowerW, state, state_at AS StateAt, created_at AS CreatedAt";

    private readonly ConcurrentDictionary<(long, string), Appliance> _byId = new();

    public async ValueTask<Appliance?> FindAsync(long meterKey, string id, CancellationToken cancellationToken)
    {
        if (_byId.TryGetValue((meterKey, id), out var cached))
        {
            return cached;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<Appliance>(new CommandDefinition(
            $"SELECT {Columns} FROM appliances WHERE meter_key = @meterKey AND id = @id", new { meterKey, id }, cancellationToken: cancellationToken));
        return found is null ? null : _byId.GetOrAdd((meterKey, id), found);
    }

    public async Task<Appliance?> FindByKeyAsync(long key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Appliance>(new CommandDefinition(
            $"SELECT {Columns} FROM appliances WHERE key = @key", new { key }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Appliance>> ListAsync(long meterKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Appliance>(new CommandDefinition(
            $"SELECT {Columns} FROM appliances WHERE meter_key = @meterKey ORDER BY id", new { meterKey }, cancellationToken: cancellationToken))];
    }

    /// <summary>Registers an appliance; null when the meter has one with this id already.</summary>
    public async Task<Appliance?> CreateAsync(long meterKey, string id, string name, string type, long? ratedPowerW, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO appliances (meter_key, id, name, type, rated_power_w, created_at) VALUES (@meterKey, @id, @name, @type, @ratedPowerW, @now)
            ON CONFLICT (meter_key, id) DO NOTHING
            """,
            new { meterKey, id, name, type, ratedPowerW, now }, cancellationToken: cancellationToken));
        return inserted == 1 ? await FindAsync(meterKey, id, cancellationToken) : null;
    }

    /// <summary>Keeps the on/off state a plug last reported.</summary>
    public async Task SetStateAsync(Appliance appliance, string state, long at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE appliances SET state = @state, state_at = @at WHERE key = @Key AND (state_at IS NULL OR state_at <= @at)",
            new { state, at, appliance.Key }, cancellationToken: cancellationToken));
        _byId.TryRemove((appliance.MeterKey, appliance.Id), out _);
    }
}
