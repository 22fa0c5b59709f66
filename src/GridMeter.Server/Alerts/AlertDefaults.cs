using Dapper;
using GridMeter.Domain.Alerts;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Alerts;

/// <summary>Each supplier's defaults for the alert rules; the configured ones for suppliers without their own.</summary>
public sealed class AlertDefaults(IDatabase database, IOptions<AlertsOptions> options)
{
    public AlertRuleDefaults Configured { get; } = new(
        options.Value.DailyKwh is { } kwh ? (decimal)kwh : null, options.Value.OfflineMinutes, options.Value.LowBalance, options.Value.ApplianceIdleHours);

    /// <summary>The rule defaults for meters of <paramref name="supplierId"/> (billing asks here for the low-balance level).</summary>
    public async Task<AlertRuleDefaults> ForSupplierAsync(string? supplierId, CancellationToken cancellationToken)
    {
        if (supplierId is null)
        {
            return Configured;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long? DailyWh, long OfflineMinutes, long LowBalanceCents, long IdleHours)>(new CommandDefinition(
            "SELECT daily_wh, offline_minutes, low_balance_cents, appliance_idle_hours FROM alert_supplier_defaults WHERE supplier_id = @supplierId",
            new { supplierId }, cancellationToken: cancellationToken));
        return rows.Select(r => new AlertRuleDefaults(r.DailyWh / 1000m, (int)r.OfflineMinutes, r.LowBalanceCents / 100m, (int)r.IdleHours)).FirstOrDefault() ?? Configured;
    }

    public async Task SaveAsync(string supplierId, AlertRuleDefaults defaults, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_supplier_defaults (supplier_id, daily_wh, offline_minutes, low_balance_cents, appliance_idle_hours, updated_at)
            VALUES (@supplierId, @dailyWh, @OfflineMinutes, @cents, @ApplianceIdleHours, @now)
            ON CONFLICT (supplier_id) DO UPDATE SET daily_wh = excluded.daily_wh, offline_minutes = excluded.offline_minutes,
                low_balance_cents = excluded.low_balance_cents, appliance_idle_hours = excluded.appliance_idle_hours, updated_at = excluded.updated_at
            """,
            new
            {
                supplierId, dailyWh = defaults.DailyKwh is { } kwh ? (long?)Math.Round(kwh * 1000m) : null, defaults.OfflineMinutes,
                cents = (long)Math.Round(defaults.LowBalance * 100m), defaults.ApplianceIdleHours, now,
            },
            cancellationToken: cancellationToken));
    }
}
