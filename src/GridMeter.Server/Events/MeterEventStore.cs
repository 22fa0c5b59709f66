using Dapper;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Events;

/// <summary>Stores meter events durably; a re-sent event (same meter, time and type) is stored once.</summary>
public sealed class MeterEventStore(IDatabase database, TimeProvider clock)
{
    /// <summary>Commits the events and returns how many were new.</summary>
    public async Task<int> AddAsync(long meterKey, IReadOnlyList<MeterEvent> events, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = 0;
        foreach (var meterEvent in events)
        {
            added += await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO meter_events (meter_key, ts, type, details, received_at) VALUES (@meterKey, @ts, @Type, @DetailsJson, @receivedAt)
                ON CONFLICT (meter_key, ts, type) DO NOTHING
                """,
                new { meterKey, ts = meterEvent.Timestamp.ToUnixTimeMilliseconds(), meterEvent.Type, meterEvent.DetailsJson, receivedAt },
                transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<MeterEvent>> ListAsync(long meterKey, Instant from, Instant to, string? type, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Ts, string Type, string? Details)>(new CommandDefinition(
            """
            SELECT ts, type, details FROM meter_events
            WHERE meter_key = @meterKey AND ts >= @from AND ts < @to AND (@type IS NULL OR type = @type)
            ORDER BY ts DESC LIMIT @limit
            """,
            new { meterKey, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(), type, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new MeterEvent(Instant.FromUnixTimeMilliseconds(r.Ts), r.Type, r.Details))];
    }
}
