using System.Globalization;
using System.Text.Json;
using Dapper;
using GridMeter.Domain.Readings;
using GridMeter.Domain.Vee;
using GridMeter.Server.Audit;
using GridMeter.Server.Meters;
using GridMeter.Server.Readings;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Vee;

/// <summary>Meter exchanges and register resets recorded by people, beside the rollovers validation finds.</summary>
public sealed class RegisterEventLog(IDatabase database, AuditLog audit, ReadingsCommitted committed, TimeProvider clock)
{
    /// <summary>Records the event; false when the register has one at that instant already.</summary>
    public async Task<bool> RecordAsync(
        Meter meter, int register, ObisCode obis, RegisterEvent registerEvent, string? reason, AuditEntry who, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ts = registerEvent.Timestamp.ToUnixTimeSeconds();
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO register_events (meter, register, ts, kind, before_value, after_value, actor, reason, recorded_at)
            VALUES (@Key, @register, @ts, @kind, @Before, @After, @Actor, @reason, @now)
            ON CONFLICT (meter, register, ts) DO NOTHING
            """,
            new
            {
                meter.Key, register, ts, kind = VeeNames.Of(registerEvent.Kind), registerEvent.Before, registerEvent.After, who.Actor, reason,
                now = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return false;
        }
        var details = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["obis"] = obis.ToString(),
            ["ts"] = registerEvent.Timestamp.ToString(),
            ["oldValue"] = (registerEvent.Before / 1000m).ToString(CultureInfo.InvariantCulture),
            ["newValue"] = (registerEvent.After / 1000m).ToString(CultureInfo.InvariantCulture),
            ["reason"] = reason ?? "",
        }, VeeJson.Default.DictionaryStringString);
        await audit.RecordAsync(connection, transaction, who with { Details = details }, cancellationToken);
        await DirtyMarks.MarkAsync(connection, transaction, meter.Key, ts - DirtyDay.SecondsPerDay, ts + DirtyDay.SecondsPerDay, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        committed.Pulse();
        return true;
    }

    public async Task<IReadOnlyList<RegisterEventResponse>> ListAsync(Meter meter, int register, ObisCode obis, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Ts, string Kind, long Before, long After, string Actor, string? Reason)>(new CommandDefinition(
            "SELECT ts, kind, before_value, after_value, actor, reason FROM register_events WHERE meter = @Key AND register = @register ORDER BY ts",
            new { meter.Key, register }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new RegisterEventResponse(
            obis.ToString(), DateTimeOffset.FromUnixTimeSeconds(r.Ts), r.Kind, r.Before / 1000m, r.After / 1000m, r.Actor, r.Reason))];
    }

    public static RegisterEvent Event(RegisterEventKind kind, Instant ts, decimal oldValue, decimal newValue) =>
        new(ts, ReadingIngest.ToThousandths(oldValue), ReadingIngest.ToThousandths(newValue), kind);
}
