using System.Text.Json.Nodes;
using GridMeter.Domain.Commands;
using GridMeter.Server.Audit;
using GridMeter.Server.Devices;
using GridMeter.Server.Meters;
using GridMeter.Server.Webhooks;

namespace GridMeter.Server.Commands;

/// <summary>Delivery, the meter's answer and expiry.</summary>
public sealed partial class MeterCommands
{
    /// <summary>A meter that keeps talking without listening is offered its commands at most this often from its own messages.</summary>
    private static readonly TimeSpan OfferInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// True when the meter has commands waiting and was not offered them in the last moments (kept in
    /// memory: asked on every device message).
    /// </summary>
    public bool HasWaiting(long meterKey) =>
        _waiting.TryGetValue(meterKey, out var offered) && (offered == 0 || clock.GetElapsedTime(offered) >= OfferInterval);

    /// <summary>
    /// Offers the meter its pending commands, oldest first. A command counts as sent once a session
    /// took it; when none listens it stays pending and is offered again when the meter is next
    /// heard from, or by the job.
    /// </summary>
    public async Task DeliverAsync(long meterKey, CancellationToken cancellationToken)
    {
        // One delivery per meter at a time: the job and the meter's own message may both ask.
        if (!_delivering.TryAdd(meterKey, 0))
        {
            return;
        }
        try
        {
            await OfferAsync(meterKey, cancellationToken);
        }
        finally
        {
            _delivering.TryRemove(meterKey, out _);
        }
    }

    private async Task OfferAsync(long meterKey, CancellationToken cancellationToken)
    {
        if (_waiting.ContainsKey(meterKey))
        {
            _waiting[meterKey] = clock.GetTimestamp();
        }
        var now = clock.GetUtcNow();
        var pending = await store.PendingAsync(meterKey, now.ToUnixTimeMilliseconds(), cancellationToken);
        if (pending.Count == 0)
        {
            _waiting.TryRemove(meterKey, out _);
            return;
        }
        foreach (var row in pending)
        {
            var left = DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt) - now;
            if (await delivery.PublishAsync(row.ToMessage(), row.MeterId, left, cancellationToken) == 0)
            {
                return;
            }
            await using (var connection = await store.OpenAsync(cancellationToken))
            {
                // The meter may have answered already; then the command is final and stays so.
                if (!await store.MoveAsync(connection, null, row.Key, [CommandStatus.Pending], CommandStatus.Sent, now.ToUnixTimeMilliseconds(),
                    cancellationToken: cancellationToken))
                {
                    continue;
                }
                await audit.RecordAsync(connection, null, new AuditEntry(AuditLog.System, "command.sent", $"command:{row.Id}",
                    AuditDetails.Of(("meter", row.MeterId), ("command", row.Command))), cancellationToken);
            }
            LogSent(row.Id, row.MeterId);
            await ChangedAsync(row, cancellationToken);
        }
        _waiting.TryRemove(meterKey, out _);
    }

    /// <summary>Offers pending commands to every meter that has some (the job's round).</summary>
    public async Task DeliverWaitingAsync(CancellationToken cancellationToken)
    {
        foreach (var meterKey in await store.MetersWaitingAsync(cancellationToken))
        {
            _waiting[meterKey] = 0;
            await DeliverAsync(meterKey, cancellationToken);
        }
    }

    /// <summary>Closes every command that is not final and whose expiry has passed.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expired = 0;
        foreach (var row in await store.DueAsync(now, 1000, cancellationToken))
        {
            await using (var connection = await store.OpenAsync(cancellationToken))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (!await store.MoveAsync(connection, transaction, row.Key, [CommandStatus.AwaitingApproval, .. Open], CommandStatus.Expired, now,
                    cancellationToken: cancellationToken))
                {
                    continue;
                }
                await audit.RecordAsync(connection, transaction, new AuditEntry(AuditLog.System, "command.expired", $"command:{row.Id}",
                    AuditDetails.Of(("meter", row.MeterId), ("command", row.Command), ("was", row.Status))), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            expired++;
            LogExpired(row.Id, row.MeterId, row.Status);
            await ChangedAsync(row, cancellationToken);
        }
        return expired;
    }

    /// <summary>
    /// The meter's answer on meters/{id}/commands/{cid}/result: a malformed one is rejected (and
    /// quarantined by the caller); an answer to a command that is no longer open changes nothing.
    /// A succeeded disconnect or reconnect sets the relay state the meter is shown with.
    /// </summary>
    public async Task<DeviceMessageOutcome> ApplyResultAsync(Meter meter, string commandId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!CommandResultPayload.TryDecode(payload.Span, out var answer, out var error))
        {
            return DeviceMessageOutcome.Rejected(error!);
        }
        var row = CommandId.IsValid(commandId) ? await store.FindAsync(commandId, cancellationToken) : null;
        if (row is null || row.MeterKey != meter.Key)
        {
            return DeviceMessageOutcome.Rejected($"meter '{meter.Id}' has no command '{commandId}'");
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var connection = await store.OpenAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!await store.MoveAsync(connection, transaction, row.Key, Open, answer!.Status, now, answer.ResultJson ?? "{}", cancellationToken: cancellationToken))
            {
                LogLateAnswer(row.Id, meter.Id, row.Status);
                return DeviceMessageOutcome.Accepted;
            }
            await audit.RecordAsync(connection, transaction, new AuditEntry($"device:{meter.Id}", $"command.{answer.Status}", $"command:{row.Id}",
                AuditDetails.Of(("meter", meter.Id), ("command", row.Command))), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        LogAnswered(row.Id, meter.Id, answer.Status);
        if (answer.Status == CommandStatus.Succeeded)
        {
            await FollowAsync(meter, row, answer, now, cancellationToken);
        }
        await ChangedAsync(row, cancellationToken);
        return DeviceMessageOutcome.Accepted;
    }

    /// <summary>What the meter reports it did becomes what GridMeter shows: the relay position, an appliance's state.</summary>
    private async Task FollowAsync(Meter meter, CommandRow row, CommandResultPayload answer, long now, CancellationToken cancellationToken)
    {
        var relay = answer.Relay() ?? row.Command switch
        {
            CommandCatalog.Disconnect => "open",
            CommandCatalog.Reconnect => "closed",
            _ => null,
        };
        if (relay is not null && (CommandCatalog.SwitchesSupply(row.Command) || answer.Relay() is not null))
        {
            await status.ApplyAsync(meter.Key, new StatusPayload(null, null, relay, null), cancellationToken);
        }
        if (CommandCatalog.IsAppliance(row.Command)
            && CommandCatalog.ApplianceIdOf(row.ToMessage().Parameters) is { } applianceId
            && await appliances.FindAsync(meter.Key, applianceId, cancellationToken) is { } appliance)
        {
            await appliances.SetStateAsync(appliance, row.Command == CommandCatalog.ApplianceOn ? "on" : "off", now, cancellationToken);
        }
    }

    private async Task ChangedAsync(CommandRow row, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(row.Id, cancellationToken) is { } now)
        {
            await PublishAsync(now, cancellationToken);
        }
    }

    /// <summary>Tells the command stream's listeners and the integrators' webhooks of the command as it stands.</summary>
    private async Task PublishAsync(CommandRow row, CancellationToken cancellationToken)
    {
        feed.Publish(row.MeterKey, row.ToResponse());
        await webhooks.PublishAsync(WebhookEventTypes.CommandStatusChanged, row.MeterId,
            new JsonObject { ["id"] = row.Id, ["command"] = row.Command, ["status"] = row.Status }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId} sent to meter {MeterId}")]
    private partial void LogSent(string commandId, string meterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId} for meter {MeterId} expired while {Status}")]
    private partial void LogExpired(string commandId, string meterId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meter {MeterId} answered command {CommandId}: {Status}")]
    private partial void LogAnswered(string commandId, string meterId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meter {MeterId} answered command {CommandId}, which is {Status} already; the answer changes nothing")]
    private partial void LogLateAnswer(string commandId, string meterId, string status);
}
