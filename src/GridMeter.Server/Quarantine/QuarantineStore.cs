using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Quarantine;

/// <summary>
/// Keeps every rejected message with its source, reason and (bounded) payload, so nothing a
/// device sent disappears silently and support can see exactly what arrived.
/// </summary>
public sealed partial class QuarantineStore(IDatabase database, TimeProvider clock, ILogger<QuarantineStore> logger)
{
    /// <summary>Payloads are kept up to this size; the rest is cut and the entry marked truncated.</summary>
    public const int MaxStoredPayloadBytes = 64 * 1024;

    public async Task AddAsync(string? meterId, string source, string reason, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var truncated = payload.Length > MaxStoredPayloadBytes;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO quarantine (received_at, meter_id, source, reason, payload, payload_truncated)
            VALUES (@receivedAt, @meterId, @source, @reason, @payload, @truncated)
            """,
            new
            {
                receivedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
                meterId,
                source,
                reason = reason.Length > 1000 ? reason[..1000] : reason,
                payload = (truncated ? payload[..MaxStoredPayloadBytes] : payload).ToArray(),
                truncated,
            },
            cancellationToken: cancellationToken));
        LogQuarantined(meterId, source, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantined a message from meter {MeterId} on {Source}: {Reason}")]
    private partial void LogQuarantined(string? meterId, string source, string reason);
}
