using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Prepayment;

/// <summary>
/// Records each disconnect and reconnect prepayment asks for in supply_switch_requests (unhandled
/// until the device commands take it up), durably and in order.
/// </summary>
public sealed class RecordedSupplySwitch(IDatabase database, TimeProvider clock) : ISupplySwitch
{
    public Task DisconnectAsync(string meterId, string reason, CancellationToken cancellationToken) => RecordAsync(meterId, "disconnect", reason, cancellationToken);

    public Task ReconnectAsync(string meterId, string reason, CancellationToken cancellationToken) => RecordAsync(meterId, "reconnect", reason, cancellationToken);

    /// <summary>The requests not yet handled, oldest first.</summary>
    public async Task<IReadOnlyList<(string MeterId, string Action, string Reason, long RequestedAt)>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string, string, long)>(new CommandDefinition(
            "SELECT meter_id, action, reason, requested_at FROM supply_switch_requests WHERE handled_at IS NULL ORDER BY key",
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    private async Task RecordAsync(string meterId, string action, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO supply_switch_requests (meter_id, action, reason, requested_at) VALUES (@meterId, @action, @reason, @now)",
            new { meterId, action, reason, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }
}
