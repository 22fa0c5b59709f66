using System.Collections.Concurrent;
using Dapper;
using GridMeter.Domain.Meters;
using GridMeter.Server.Auth;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Meters;

/// <summary>
/// Looks meters up by id. Ingest asks for the same few meters thousands of times a second, so a
/// meter once read stays in memory; a meter not found is asked for again next time.
/// </summary>
public sealed class MeterDirectory(IDatabase database)
{
    private readonly ConcurrentDictionary<string, Meter> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Meter> _byKey = new();

    public async ValueTask<Meter?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_byId.TryGetValue(id, out var cached))
        {
            return cached;
        }
        if (!MeterId.IsValid(id))
        {
            // Cannot exist; and text such as a NUL byte must never reach the database.
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MeterRow>(new CommandDefinition(
            $"SELECT {MeterRow.Columns} FROM meters m WHERE m.id = @id", new { id }, cancellationToken: cancellationToken));
        return row is null ? null : _byId.GetOrAdd(id, row.ToMeter());
    }

    /// <summary>The meter with this storage key, or null.</summary>
    public async ValueTask<Meter?> FindByKeyAsync(long key, CancellationToken cancellationToken)
    {
        if (_byKey.TryGetValue(key, out var cached))
        {
            return cached;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MeterRow>(new CommandDefinition(
            $"SELECT {MeterRow.Columns} FROM meters m WHERE m.key = @key", new { key }, cancellationToken: cancellationToken));
        return row is null ? null : _byKey.GetOrAdd(key, row.ToMeter());
    }

    /// <summary>The meter if it exists and <paramref name="caller"/> may see it; otherwise null, alike.</summary>
    public async ValueTask<Meter?> FindVisibleAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var meter = await FindAsync(id, cancellationToken);
        if (meter is null || caller.IsAdmin)
        {
            return meter;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var visible = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM meters m WHERE m.key = @Key AND {MeterScope.Condition(caller)}",
            new DynamicParameters(MeterScope.Parameters(caller)).With("Key", meter.Key),
            cancellationToken: cancellationToken));
        return visible > 0 ? meter : null;
    }

    public async Task<IReadOnlyList<Meter>> ListVisibleAsync(Caller caller, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MeterRow>(new CommandDefinition(
            $"SELECT {MeterRow.Columns} FROM meters m WHERE {MeterScope.Condition(caller)} ORDER BY m.id LIMIT @limit OFFSET @offset",
            new DynamicParameters(MeterScope.Parameters(caller)).With("limit", limit).With("offset", offset),
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToMeter())];
    }

    /// <summary>The meters an organisation supplies or whose network it runs, as far as <paramref name="caller"/> may see them.</summary>
    public async Task<IReadOnlyList<Meter>> ListOfOrganisationAsync(string organisationId, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MeterRow>(new CommandDefinition(
            $"SELECT {MeterRow.Columns} FROM meters m WHERE (m.supplier_id = @org OR m.network_operator_id = @org) AND {MeterScope.Condition(caller)} ORDER BY m.id",
            new DynamicParameters(MeterScope.Parameters(caller)).With("org", organisationId),
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToMeter())];
    }

    /// <summary>Stores a new meter; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(Meter meter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO meters (id, time_zone, phases, secret_hash, supplier_id, network_operator_id, name, model,
                                reading_period_minutes, max_current_a, nominal_voltage_v, created_at)
            VALUES (@Id, @TimeZone, @Phases, @SecretHash, @SupplierId, @NetworkOperatorId, @Name, @Model,
                    @ReadingPeriodMinutes, @MaxCurrentA, @NominalVoltageV, @CreatedAt)
            ON CONFLICT (id) DO NOTHING
            """,
            new
            {
                meter.Id,
                TimeZone = meter.TimeZone.Id,
                meter.Phases,
                meter.SecretHash,
                meter.SupplierId,
                meter.NetworkOperatorId,
                meter.Name,
                meter.Model,
                meter.ReadingPeriodMinutes,
                meter.MaxCurrentA,
                meter.NominalVoltageV,
                CreatedAt = meter.CreatedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
        return inserted == 1;
    }
}
