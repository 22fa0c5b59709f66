using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using GridMeter.Domain.Commands;
using GridMeter.Domain.Text;
using GridMeter.Server.Appliances;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Devices;
using GridMeter.Server.Meters;
using GridMeter.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Commands;

/// <summary>
/// The one way to send a meter a command, for the HTTP API and for other features alike (billing
/// disconnecting a prepaid meter, firmware rollouts): checks who may ask for what, holds a mass
/// disconnect for approval, stores the command, delivers it when the meter listens, takes the
/// meter's answer and expires what was not answered in time. Every step is audited and published
/// to the command stream.
/// </summary>
public sealed partial class MeterCommands(
    CommandStore store,
    MeterDirectory meters,
    ApplianceRegistry appliances,
    DeviceStatusStore status,
    CommandDelivery delivery,
    CommandFeed feed,
    WebhookEvents webhooks,
    AuditLog audit,
    TimeProvider clock,
    IOptions<CommandsOptions> options,
    ILogger<MeterCommands> logger)
{
    public const int MaxReasonLength = 500;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    private static readonly string[] Open = [CommandStatus.Pending, CommandStatus.Sent];

    // Counting an hour's disconnects and adding one must not interleave, or two requests could both be the tenth.
    private readonly SemaphoreSlim _requests = new(1, 1);
    // Meters with pending commands → when they were last offered them (a timestamp of the clock).
    private readonly ConcurrentDictionary<long, long> _waiting = new();
    private readonly ConcurrentDictionary<long, byte> _delivering = new();

    /// <summary>Asks <paramref name="meterId"/> to disconnect (open its relay); supplier staff, admins or the system; a reason is required.</summary>
    public Task<CommandOutcome> DisconnectAsync(string meterId, string reason, CommandRequester requester, CancellationToken cancellationToken) =>
        RequestAsync(meterId, CommandCatalog.Disconnect, EmptyObject(), reason, requester, null, cancellationToken);

    /// <summary>Asks <paramref name="meterId"/> to reconnect (close its relay); supplier staff, admins or the system; a reason is required.</summary>
    public Task<CommandOutcome> ReconnectAsync(string meterId, string reason, CommandRequester requester, CancellationToken cancellationToken) =>
        RequestAsync(meterId, CommandCatalog.Reconnect, EmptyObject(), reason, requester, null, cancellationToken);

    /// <summary>
    /// Stores a command for the meter and delivers it at once if the meter listens. The meter must
    /// exist; callers of the HTTP API have been checked for seeing it. Disconnects beyond
    /// <see cref="CommandsOptions.DisconnectsPerHour"/> of the meter's supplier within an hour start as awaitingApproval.
    /// </summary>
    public async Task<CommandOutcome> RequestAsync(
        string meterId, string command, JsonElement parameters, string? reason, CommandRequester requester, DateTimeOffset? expiresAt,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var problem = Check(command, parameters, reason, expiresAt, now);
        if (problem is not null)
        {
            return CommandOutcome.Refused(CommandRefusal.Invalid, problem);
        }
        var meter = await meters.FindAsync(meterId, cancellationToken);
        if (meter is null)
        {
            return CommandOutcome.Refused(CommandRefusal.NotFound, $"no meter '{meterId}'");
        }
        var refusal = await MayRequestAsync(meter, command, parameters, requester, cancellationToken);
        if (refusal is not null)
        {
            return CommandOutcome.Refused(CommandRefusal.Forbidden, refusal);
        }
        var row = new CommandRow(0, NewId(), meter.Key, meter.Id, command, parameters.GetRawText(), reason, CommandStatus.Pending, requester.Actor,
            requester.UserKey == 0 ? null : requester.UserKey, meter.SupplierId, null, null, now.ToUnixTimeMilliseconds(),
            (expiresAt ?? now.AddMinutes(options.Value.DefaultExpiryMinutes)).ToUnixTimeMilliseconds(), null, null);
        await _requests.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var lastHour = await store.CountDisconnectsAsync(connection, transaction, meter.SupplierId, now.AddHours(-1).ToUnixTimeMilliseconds(), cancellationToken);
            row = row with { Status = DisconnectLimit.InitialStatus(command, (int)lastHour, options.Value.DisconnectsPerHour) };
            await store.InsertAsync(connection, transaction, row, cancellationToken);
            await audit.RecordAsync(connection, transaction, new AuditEntry(requester.Actor, "command.requested", $"command:{row.Id}",
                AuditDetails.Of(("meter", meter.Id), ("command", command), ("status", row.Status), ("reason", reason)), requester.From), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _requests.Release();
        }
        LogRequested(row.Id, command, meter.Id, row.Status, requester.Actor);
        await PublishAsync(row, cancellationToken);
        if (row.Status == CommandStatus.Pending)
        {
            _waiting[meter.Key] = 0;
            await DeliverAsync(meter.Key, cancellationToken);
        }
        return CommandOutcome.Accepted((await store.FindAsync(row.Id, cancellationToken))!.ToResponse());
    }

    /// <summary>
    /// Releases a command held for approval. The approver must be a person of the meter's supplier
    /// (or an admin), and never the one who asked for it.
    /// </summary>
    public async Task<CommandOutcome> ApproveAsync(string commandId, CommandRequester approver, CancellationToken cancellationToken)
    {
        var row = CommandId.IsValid(commandId) ? await store.FindAsync(commandId, cancellationToken) : null;
        if (row is null)
        {
            return CommandOutcome.Refused(CommandRefusal.NotFound, $"no command '{commandId}'");
        }
        if (row.Status != CommandStatus.AwaitingApproval)
        {
            return CommandOutcome.Refused(CommandRefusal.Conflict, $"the command is {row.Status}, not awaiting approval");
        }
        if (!approver.IsPerson || approver.Role is not (Roles.Supplier or Roles.Admin))
        {
            return CommandOutcome.Refused(CommandRefusal.Forbidden, "a command is approved by a supplier user (or an admin) logged in as a person");
        }
        if (approver.Actor == row.RequestedBy || (row.RequesterKey is { } key && key == approver.UserKey))
        {
            return CommandOutcome.Refused(CommandRefusal.Forbidden, "the requester cannot approve their own command; another supplier user must");
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var connection = await store.OpenAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (row.ExpiresAt <= now || !await store.MoveAsync(connection, transaction, row.Key, [CommandStatus.AwaitingApproval], CommandStatus.Pending, now,
                approvedBy: approver.Actor, cancellationToken: cancellationToken))
            {
                return CommandOutcome.Refused(CommandRefusal.Conflict, $"the command is {row.Status}, not awaiting approval");
            }
            await audit.RecordAsync(connection, transaction, new AuditEntry(approver.Actor, "command.approved", $"command:{row.Id}",
                AuditDetails.Of(("meter", row.MeterId), ("command", row.Command), ("requestedBy", row.RequestedBy)), approver.From), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await ChangedAsync(row, cancellationToken);
        _waiting[row.MeterKey] = 0;
        await DeliverAsync(row.MeterKey, cancellationToken);
        return CommandOutcome.Accepted((await store.FindAsync(row.Id, cancellationToken))!.ToResponse());
    }

    public async Task<CommandResponse?> FindAsync(string commandId, CancellationToken cancellationToken) =>
        CommandId.IsValid(commandId) ? (await store.FindAsync(commandId, cancellationToken))?.ToResponse() : null;

    /// <summary>True when the command exists and the caller may see its meter.</summary>
    public async ValueTask<bool> IsVisibleAsync(string commandId, Caller caller, CancellationToken cancellationToken) =>
        CommandId.IsValid(commandId)
        && await store.FindAsync(commandId, cancellationToken) is { } row
        && await meters.FindVisibleAsync(row.MeterId, caller, cancellationToken) is not null;

    private static string? Check(string command, JsonElement parameters, string? reason, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (!CommandCatalog.All.Contains(command))
        {
            return $"'command' must be one of {string.Join(", ", CommandCatalog.All)}";
        }
        if (CommandCatalog.CheckParameters(command, parameters) is { } problem)
        {
            return problem;
        }
        if (reason is not null && !PlainText.IsValid(reason, MaxReasonLength))
        {
            return $"'reason' must be plain text of at most {MaxReasonLength} characters";
        }
        if (CommandCatalog.SwitchesSupply(command) && string.IsNullOrWhiteSpace(reason))
        {
            return "'reason' is required to disconnect or reconnect a meter";
        }
        if (expiresAt is { } at && (at <= now || at - now > MaxLifetime))
        {
            return "'expiresAt' must be in the future, at most 30 days ahead";
        }
        return null;
    }

    private async Task<string?> MayRequestAsync(Meters.Meter meter, string command, JsonElement parameters, CommandRequester requester, CancellationToken cancellationToken)
    {
        if (requester.Role == Roles.Operator)
        {
            return "network operators do not send commands to meters";
        }
        if (CommandCatalog.IsAppliance(command)
            && await appliances.FindAsync(meter.Key, CommandCatalog.ApplianceIdOf(parameters)!, cancellationToken) is null)
        {
            return $"meter '{meter.Id}' has no appliance '{CommandCatalog.ApplianceIdOf(parameters)}'";
        }
        if (requester.Role == Roles.Consumer)
        {
            return CommandCatalog.IsAppliance(command) ? null : "consumers may only switch their own appliances on and off";
        }
        if (CommandCatalog.SwitchesSupply(command) && !requester.IsPerson && !requester.IsSystem)
        {
            return "disconnect and reconnect need supplier staff logged in as a person, not an API key";
        }
        return null;
    }

    private static JsonElement EmptyObject() => JsonDocument.Parse("{}").RootElement.Clone();

    private static string NewId() => "cmd-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId} ({Command}) for meter {MeterId} is {Status}, asked by {Actor}")]
    private partial void LogRequested(string commandId, string command, string meterId, string status, string actor);
}
