using Dapper;
using GridMeter.Domain.Vee;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Vee;

/// <summary>Each supplier's validation thresholds; the configured defaults for the rest.</summary>
public sealed class VeeSettingsStore(IDatabase database, IOptions<VeeOptions> options)
{
    public VeeSettings Defaults { get; } = new(
        options.Value.FlatLineHours, options.Value.SpikeMadFactor, options.Value.SpikeFloorWh, options.Value.ProfileMinSamples,
        options.Value.ClockDriftSeconds, options.Value.MaxAheadSeconds);

    public async Task<VeeSettings> ForSupplierAsync(string? supplierId, CancellationToken cancellationToken)
    {
        if (supplierId is null)
        {
            return Defaults;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long FlatLine, long SpikeTenths, long Floor, long Samples, long Drift, long Ahead)>(new CommandDefinition(
            """
            SELECT flat_line_hours, spike_mad_tenths, spike_floor_wh, profile_min_samples, clock_drift_seconds, max_ahead_seconds
            FROM vee_settings WHERE supplier_id = @supplierId
            """,
            new { supplierId }, cancellationToken: cancellationToken));
        return rows.Select(r => new VeeSettings((int)r.FlatLine, r.SpikeTenths / 10m, r.Floor, (int)r.Samples, (int)r.Drift, (int)r.Ahead))
            .FirstOrDefault() ?? Defaults;
    }

    public async Task SaveAsync(string supplierId, VeeSettings settings, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO vee_settings (supplier_id, flat_line_hours, spike_mad_tenths, spike_floor_wh, profile_min_samples, clock_drift_seconds, max_ahead_seconds, updated_at)
            VALUES (@supplierId, @FlatLineHours, @tenths, @SpikeFloorWh, @ProfileMinSamples, @ClockDriftSeconds, @MaxAheadSeconds, @now)
            ON CONFLICT (supplier_id) DO UPDATE SET flat_line_hours = excluded.flat_line_hours, spike_mad_tenths = excluded.spike_mad_tenths,
                spike_floor_wh = excluded.spike_floor_wh, profile_min_samples = excluded.profile_min_samples,
                clock_drift_seconds = excluded.clock_drift_seconds, max_ahead_seconds = excluded.max_ahead_seconds, updated_at = excluded.updated_at
            """,
            new
            {
                supplierId, settings.FlatLineHours, tenths = (long)(settings.SpikeMadFactor * 10), settings.SpikeFloorWh, settings.ProfileMinSamples,
                settings.ClockDriftSeconds, settings.MaxAheadSeconds, now,
            },
            cancellationToken: cancellationToken));
    }
}
