using System.Text.Json;
using Dapper;
using GridMeter.Domain.Commands;
using GridMeter.Domain.Firmware;
using GridMeter.Server.Audit;
using GridMeter.Server.Commands;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Firmware;

/// <summary>
/// One round of a rollout: takes in what meters reported (the status of their firmware_update
/// command and its result, firmware_failed events, the version in their status), applies the wave
/// thresholds, and sends firmware_update commands to the scheduled meters of the open waves whose
/// local maintenance window is open.
/// </summary>
public sealed partial class RolloutRunner(
    RolloutStore store, FirmwareImages images, MeterCommands commands, AuditLog audit, TimeProvider clock, IOptions<FirmwareOptions> options, ILogger<RolloutRunner> logger)
{
    public async Task AdvanceAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        await FollowMetersAsync(rollout, cancellationToken);
        if (rollout.Status != RolloutStatus.Running)
        {
            return;
        }
        rollout = await ApplyThresholdsAsync(rollout, cancellationToken);
        if (rollout.Status == RolloutStatus.Running)
        {
            await SendAsync(rollout, cancellationToken);
        }
    }

    /// <summary>Moves each meter with an open update to the state its reports show.</summary>
    public async Task FollowMetersAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await store.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long MeterKey, string State, long? SentAt, string? CommandStatus, string? Result, string? Firmware, long? ChangedAt, string? Failure)>(
            new CommandDefinition(
                """
                SELECT rm.meter_key, rm.state, rm.sent_at, c.status, c.result, s.firmware, s.changed_at,
                    (SELECT e.details FROM meter_events e WHERE e.meter_key = rm.meter_key AND e.type = 'firmware_failed' AND e.received_at >= rm.sent_at
                     ORDER BY e.received_at DESC LIMIT 1)
                FROM rollout_meters rm LEFT JOIN commands c ON c.id = rm.command_id LEFT JOIN meter_status s ON s.meter_key = rm.meter_key
                WHERE rm.rollout_key = @Key AND rm.state IN ('downloading', 'verifying', 'installing')
                """, new { rollout.Key }, cancellationToken: cancellationToken));
        var changes = new List<(long MeterKey, string State, string? Detail)>();
        foreach (var row in rows)
        {
            var result = Parse(row.Result);
            var failure = Parse(row.Failure);
            var reportsTarget = row.Firmware == rollout.Version && row.ChangedAt >= row.SentAt;
            var next = FirmwareUpdateState.Follow(new FirmwareReport(row.State, row.CommandStatus, Text(result, "stage"), Flag(result, "rolledBack"), reportsTarget,
                failure is null ? null : new FirmwareFailure(Text(failure, "stage"), Flag(failure, "rolledBack"))));
            if (next != row.State)
            {
                var detail = FirmwareUpdateState.IsFailure(next)
                    ? $"{row.CommandStatus ?? "failed"} at {Text(failure, "stage") ?? Text(result, "stage") ?? "update"}: {Text(failure, "error") ?? Text(result, "error") ?? "no reason given"}"
                    : null;
                changes.Add((row.MeterKey, next, detail));
            }
        }
        if (changes.Count == 0)
        {
            return;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rollout_meters SET state = @State, detail = COALESCE(@Detail, detail), updated_at = @now WHERE rollout_key = @key AND meter_key = @MeterKey",
            changes.Select(c => new { c.State, c.Detail, now, key = rollout.Key, c.MeterKey }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<Rollout> ApplyThresholdsAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var counts = await store.CountsAsync(rollout.Key, cancellationToken);
        var waves = rollout.WavePercents.Length;
        var wave = (int)rollout.CurrentWave;
        while (true)
        {
            var progress = Progress(counts, wave);
            var step = RolloutGate.Decide(progress, (int)rollout.SuccessThreshold, (int)rollout.ErrorThreshold, wave == waves - 1);
            if (step == RolloutStep.OpenNextWave)
            {
                wave++;
                continue;
            }
            var (status, reason) = step switch
            {
                RolloutStep.Complete => (RolloutStatus.Completed, null),
                RolloutStep.Pause => (RolloutStatus.Paused, PauseReason(rollout, wave, progress)),
                _ => (RolloutStatus.Running, null),
            };
            if (status == rollout.Status && wave == rollout.CurrentWave)
            {
                return rollout;
            }
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (!await store.MoveAsync(connection, transaction, rollout.Key, [RolloutStatus.Running], status, wave, reason, now, cancellationToken))
            {
                return rollout with { Status = RolloutStatus.Paused };
            }
            await audit.RecordAsync(connection, transaction, new AuditEntry($"{AuditLog.System}:firmware", $"rollout.{(status == RolloutStatus.Running ? "wave" : status)}",
                $"rollout:{rollout.Id}", AuditDetails.Of(("wave", wave + 1), ("reason", reason))), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogAdvanced(rollout.Id, status, wave + 1, reason ?? "");
            return rollout with { Status = status, CurrentWave = wave, PauseReason = reason };
        }
    }

    private async Task SendAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<(long MeterKey, string MeterId, string TimeZone)> due;
        await using (var connection = await store.OpenAsync(cancellationToken))
        {
            due = [.. await connection.QueryAsync<(long, string, string)>(new CommandDefinition(
                """
                SELECT rm.meter_key, m.id, m.time_zone FROM rollout_meters rm JOIN meters m ON m.key = rm.meter_key
                WHERE rm.rollout_key = @Key AND rm.state = 'scheduled' AND rm.wave <= @CurrentWave ORDER BY rm.wave, rm.meter_key LIMIT @limit
                """, new { rollout.Key, rollout.CurrentWave, limit = options.Value.BatchSize }, cancellationToken: cancellationToken))];
        }
        if (due.Count == 0 || await images.FindAsync(rollout.ImageId, cancellationToken) is not { } image)
        {
            return;
        }
        var window = rollout.Window;
        var instant = Instant.FromDateTimeOffset(now);
        var sent = new List<(long MeterKey, string State, string? CommandId, string? Detail)>();
        foreach (var (meterKey, meterId, timeZone) in due)
        {
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is not { } zone || !window.IsOpen(instant, zone))
            {
                continue;
            }
            var outcome = await commands.RequestAsync(meterId, CommandCatalog.FirmwareUpdate, Parameters(rollout, image, meterId), $"firmware rollout {rollout.Id}",
                CommandRequester.System("firmware"), now.AddHours(options.Value.CommandExpiryHours), cancellationToken);
            sent.Add((meterKey, outcome.IsAccepted ? FirmwareUpdateState.Downloading : FirmwareUpdateState.Failed, outcome.Command?.Id, outcome.Reason));
        }
        if (sent.Count == 0)
        {
            return;
        }
        await using var update = await store.OpenAsync(cancellationToken);
        await using var transaction = await update.BeginTransactionAsync(cancellationToken);
        await update.ExecuteAsync(new CommandDefinition(
            """
            UPDATE rollout_meters SET state = @State, command_id = @CommandId, sent_at = @at, detail = @Detail, updated_at = @at
            WHERE rollout_key = @key AND meter_key = @MeterKey AND state = 'scheduled'
            """,
            sent.Select(s => new { s.State, s.CommandId, at = now.ToUnixTimeMilliseconds(), s.Detail, key = rollout.Key, s.MeterKey }),
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        LogSent(rollout.Id, sent.Count);
    }

    /// <summary>CONTRACT section 2: url, sha256, size, signature; and model, version (both signed) and force.</summary>
    private static JsonElement Parameters(Rollout rollout, FirmwareImage image, string meterId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("url", $"{rollout.DownloadBase.TrimEnd('/')}/api/v1/meters/{Uri.EscapeDataString(meterId)}/firmware/{rollout.ImageId}");
            writer.WriteString("sha256", image.Sha256);
            writer.WriteNumber("size", image.Size);
            writer.WriteString("signature", image.Signature);
            writer.WriteString("model", rollout.Model);
            writer.WriteString("version", rollout.Version);
            writer.WriteBoolean("force", rollout.Forced != 0);
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static WaveProgress Progress(IReadOnlyList<(int Wave, string State, int Count)> counts, int wave)
    {
        var mine = counts.Where(c => c.Wave == wave).ToList();
        return new WaveProgress(mine.Sum(c => c.Count), mine.Where(c => c.State == FirmwareUpdateState.Activated).Sum(c => c.Count),
            mine.Where(c => FirmwareUpdateState.IsFailure(c.State)).Sum(c => c.Count));
    }

    private static string PauseReason(Rollout rollout, int wave, WaveProgress progress) =>
        progress.Failed * 100L >= rollout.ErrorThreshold * progress.Total
            ? $"wave {wave + 1}: {progress.Failed} of {progress.Total} meters failed, at or above the error threshold of {rollout.ErrorThreshold}%"
            : $"wave {wave + 1}: {progress.Activated} of {progress.Total} meters activated, below the success threshold of {rollout.SuccessThreshold}%";

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement? json, string name) =>
        json is { } j && j.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Flag(JsonElement? json, string name) => json is { } j && j.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutId} sent firmware_update to {Count} meters")]
    private partial void LogSent(string rolloutId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutId} is {Status} at wave {Wave} {Reason}")]
    private partial void LogAdvanced(string rolloutId, string status, int wave, string reason);
}
