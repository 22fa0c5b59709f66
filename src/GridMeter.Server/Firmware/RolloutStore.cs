using System.Data.Common;
using Dapper;
using GridMeter.Domain.Firmware;
using GridMeter.Server.Auth;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Firmware;

/// <summary>Rollouts and their meters in the store. Status changes are conditional updates, safe against a second node.</summary>
public sealed class RolloutStore(IDatabase database)
{
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    /// <summary>The meters of a target group within a supplier's meters (all for null), by key.</summary>
    public async Task<IReadOnlyList<RolloutCandidate>> CandidatesAsync(string? supplierId, RolloutTarget target, CancellationToken cancellationToken)
    {
        var where = new List<string> { "(@supplier IS NULL OR m.supplier_id = @supplier)" };
        var parameters = new DynamicParameters(new { supplier = supplierId });
        if (target.Model is not null)
        {
            where.Add("m.model = @model");
            parameters.Add("model", target.Model);
        }
        if (target.NetworkOperatorId is not null)
        {
            where.Add("m.network_operator_id = @network");
            parameters.Add("network", target.NetworkOperatorId);
        }
        if (target.MeterIds is { } ids)
        {
            // Spelled out one parameter each: Dapper passes a list to PostgreSQL as one array, which IN does not take.
            where.Add($"m.id IN ({string.Join(", ", ids.Select((_, i) => $"@id{i}"))})");
            for (var i = 0; i < ids.Length; i++)
            {
                parameters.Add($"id{i}", ids[i]);
            }
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<RolloutCandidate>(new CommandDefinition(
            $"SELECT m.key, m.id, m.model, s.firmware FROM meters m LEFT JOIN meter_status s ON s.meter_key = m.key WHERE {string.Join(" AND ", where)} ORDER BY m.key",
            parameters, cancellationToken: cancellationToken))];
    }

    public async Task InsertAsync(DbConnection connection, DbTransaction transaction, Rollout rollout, IReadOnlyList<(long MeterKey, int Wave)> meters,
        CancellationToken cancellationToken)
    {
        var key = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO rollouts (id, name, image_key, supplier_id, status, waves, current_wave, success_threshold, error_threshold, maintenance_window,
                forced, download_base, pause_reason, created_by, created_at, updated_at)
            VALUES (@Id, @Name, @ImageKey, @SupplierId, @Status, @Waves, @CurrentWave, @SuccessThreshold, @ErrorThreshold, @MaintenanceWindow,
                @Forced, @DownloadBase, @PauseReason, @CreatedBy, @CreatedAt, @UpdatedAt)
            RETURNING key
            """, rollout, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO rollout_meters (rollout_key, meter_key, wave, state, updated_at) VALUES (@key, @MeterKey, @Wave, @state, @now)",
            meters.Select(m => new { key, m.MeterKey, m.Wave, state = FirmwareUpdateState.Scheduled, now = rollout.CreatedAt }),
            transaction, cancellationToken: cancellationToken));
    }

    public async Task<Rollout?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Rollout.IsId(id))
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Rollout>(new CommandDefinition(
            $"SELECT {Rollout.Columns} FROM {Rollout.From} WHERE r.id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async ValueTask<bool> IsVisibleAsync(string id, Caller caller, CancellationToken cancellationToken) =>
        caller.Role is Roles.Supplier or Roles.Admin && await FindAsync(id, cancellationToken) is { } rollout
        && (caller.IsAdmin || (rollout.SupplierId is not null && rollout.SupplierId == caller.OrganisationId));

    public async Task<IReadOnlyList<Rollout>> ListAsync(string? status, Caller? caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Rollout>(new CommandDefinition(
            $"SELECT {Rollout.Columns} FROM {Rollout.From} WHERE (@status IS NULL OR r.status = @status) AND (@all = 1 OR r.supplier_id = @org) ORDER BY r.created_at DESC, r.key DESC",
            new { status, all = caller is null || caller.IsAdmin ? 1 : 0, org = caller?.OrganisationId ?? "" }, cancellationToken: cancellationToken))];
    }

    /// <summary>Meters by wave and state.</summary>
    public async Task<IReadOnlyList<(int Wave, string State, int Count)>> CountsAsync(long rolloutKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Wave, string State, long Count)>(new CommandDefinition(
            "SELECT wave, state, COUNT(*) FROM rollout_meters WHERE rollout_key = @rolloutKey GROUP BY wave, state",
            new { rolloutKey }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => ((int)r.Wave, r.State, (int)r.Count))];
    }

    public async Task<IReadOnlyList<RolloutMeterResponse>> MetersAsync(long rolloutKey, string? state, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, long Wave, string State, string? CommandId, string? Detail)>(new CommandDefinition(
            """
            SELECT m.id, rm.wave, rm.state, rm.command_id, rm.detail FROM rollout_meters rm JOIN meters m ON m.key = rm.meter_key
            WHERE rm.rollout_key = @rolloutKey AND (@state IS NULL OR rm.state = @state) ORDER BY rm.wave, m.id LIMIT @limit
            """, new { rolloutKey, state, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new RolloutMeterResponse(r.Id, (int)r.Wave + 1, r.State, r.CommandId, r.Detail))];
    }

    /// <summary>Moves the rollout from one of <paramref name="from"/> to <paramref name="to"/>; false when it was in none of them.</summary>
    public async Task<bool> MoveAsync(DbConnection connection, DbTransaction? transaction, long key, string[] from, string to, long currentWave, string? pauseReason, long now,
        CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE rollouts SET status = @to, current_wave = @currentWave, pause_reason = @pauseReason, updated_at = @now WHERE key = @key AND status IN ({Literals(from)})",
            new { key, to, currentWave, pauseReason, now }, transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>Rollout statuses (constants, never input) as SQL literals.</summary>
    private static string Literals(string[] statuses) => string.Join(", ", statuses.Select(status => status switch
    {
        RolloutStatus.Running or RolloutStatus.Paused or RolloutStatus.Completed or RolloutStatus.Cancelled => $"'{status}'",
        _ => throw new ArgumentException($"'{status}' is not a rollout status", nameof(statuses)),
    }));
}
