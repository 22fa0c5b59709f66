using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using GridMeter.Domain.Alerts;
using GridMeter.Domain.Outages;
using GridMeter.Server.Alerts;
using GridMeter.Server.Cluster;
using GridMeter.Server.Hierarchy;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using GridMeter.Server.Webhooks;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Outages;

/// <summary>
/// Turns "this meter lost supply" and "it has supply again" into outage records. A meter going
/// down alone is a premises outage; when enough meters of one feeder go down close together they
/// become one network outage for that feeder, and later meters of that feeder join it. An outage
/// is restored when its last meter is. Signals are handled one at a time (they arrive in bursts:
/// fifty last gasps within a second). Which meters are down is kept in memory, asked on every
/// device message; the other nodes learn of every change over the cluster bus (channel "outages").
/// </summary>
public sealed partial class OutageDetector(
    IDatabase database, IClusterBus bus, GridNodes nodes, MeterDirectory meters, Alerting alerting, WebhookEvents webhooks, IOptions<OutagesOptions> options,
    ILogger<OutageDetector> logger)
{
    private const string BusChannel = "outages";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<long, byte> _down = new();
    private volatile bool _loaded;

    /// <summary>True when the meter is in an open outage (kept in memory: asked on every device message).</summary>
    public bool IsDown(long meterKey) => _down.ContainsKey(meterKey);

    public async Task MeterDownAsync(Meter meter, Instant at, string cause, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
            if (_down.ContainsKey(meter.Key))
            {
                return;
            }
            var feeder = await FeederOfAsync(meter.Key, cancellationToken);
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var ms = at.ToUnixTimeMilliseconds();
            var network = feeder is null ? null : await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT key FROM outages WHERE scope = @scope AND node_id = @feeder AND restored_at IS NULL",
                new { scope = OutageScope.Network, feeder }, transaction, cancellationToken: cancellationToken));
            var outage = network ?? await InsertAsync(connection, transaction, OutageScope.Premises, feeder, meter.NetworkOperatorId, cause, ms, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO outage_meters (outage_key, meter_key, down_at) VALUES (@outage, @meterKey, @ms)",
                new { outage, meterKey = meter.Key, ms }, transaction, cancellationToken: cancellationToken));
            var opened = network is null && feeder is not null
                ? await CorrelateAsync(connection, transaction, feeder, meter.NetworkOperatorId, cause, ms, cancellationToken)
                : null;
            await transaction.CommitAsync(cancellationToken);
            _down[meter.Key] = 0;
            bus.Publish(BusChannel, FormattableString.Invariant($"down {meter.Key}"));
            LogDown(meter.Id, cause, feeder ?? "(none)");
            if (opened is { } key)
            {
                if (meter.NetworkOperatorId is { } operatorId)
                {
                    await alerting.RaiseAsync(AlertCondition.Outage(Id(key), operatorId, $"network outage on feeder {feeder} ({cause})"), cancellationToken);
                }
                await webhooks.PublishAsync(WebhookEventTypes.OutageOpened, null,
                    new JsonObject { ["id"] = Id(key), ["feeder"] = feeder, ["cause"] = cause, ["networkOperatorId"] = meter.NetworkOperatorId }, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task MeterUpAsync(Meter meter, Instant at, CancellationToken cancellationToken)
    {
        if (_loaded && !_down.ContainsKey(meter.Key))
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
            if (!_down.ContainsKey(meter.Key))
            {
                return;
            }
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var open = await connection.QuerySingleOrDefaultAsync<(long Outage, long DownAt)>(new CommandDefinition(
                "SELECT outage_key, down_at FROM outage_meters WHERE meter_key = @key AND restored_at IS NULL",
                new { key = meter.Key }, transaction, cancellationToken: cancellationToken));
            // A meter's clock may put power_up before its own power_down; supply never returns before it went.
            var ms = Math.Max(at.ToUnixTimeMilliseconds(), open.DownAt);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outage_meters SET restored_at = @ms WHERE meter_key = @key AND restored_at IS NULL",
                new { ms, key = meter.Key }, transaction, cancellationToken: cancellationToken));
            var stillDown = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM outage_meters WHERE outage_key = @Outage AND restored_at IS NULL", new { open.Outage }, transaction, cancellationToken: cancellationToken));
            if (stillDown == 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE outages SET restored_at = (SELECT MAX(restored_at) FROM outage_meters WHERE outage_key = @Outage) WHERE key = @Outage",
                    new { open.Outage }, transaction, cancellationToken: cancellationToken));
                LogRestored(open.Outage);
            }
            await transaction.CommitAsync(cancellationToken);
            _down.TryRemove(meter.Key, out _);
            bus.Publish(BusChannel, FormattableString.Invariant($"up {meter.Key}"));
            if (stillDown == 0)
            {
                await alerting.ClearAsync(AlertCondition.Outage(Id(open.Outage), "", "").Key, cancellationToken);
                await webhooks.PublishAsync(WebhookEventTypes.OutageClosed, null, new JsonObject { ["id"] = Id(open.Outage) }, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Enough premises outages on one feeder, started close together, are one network outage:
    /// their meters move into it and the premises records go (they were never separate outages).
    /// </summary>
    private async Task<long?> CorrelateAsync(DbConnection connection, DbTransaction transaction, string feeder, string? operatorId, string cause, long ms, CancellationToken cancellationToken)
    {
        var window = options.Value.CorrelationMinutes * 60_000L;
        var close = (await connection.QueryAsync<(long Key, long StartedAt)>(new CommandDefinition(
            "SELECT key, started_at FROM outages WHERE scope = @scope AND node_id = @feeder AND restored_at IS NULL AND started_at >= @from AND started_at <= @to",
            new { scope = OutageScope.Premises, feeder, from = ms - window, to = ms + window }, transaction, cancellationToken: cancellationToken))).ToList();
        if (!OutageScope.IsNetwork(close.Count, options.Value.NetworkThreshold))
        {
            return null;
        }
        var network = await InsertAsync(connection, transaction, OutageScope.Network, feeder, operatorId, cause, close.Min(c => c.StartedAt), cancellationToken);
        var keys = close.Select(c => c.Key).ToArray();
        foreach (var key in keys)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outage_meters SET outage_key = @network WHERE outage_key = @key", new { network, key }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM outages WHERE key = @key", new { key }, transaction, cancellationToken: cancellationToken));
        }
        LogNetwork(feeder, keys.Length);
        return network;
    }

    private static string Id(long outageKey) => outageKey.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task<long> InsertAsync(
        DbConnection connection, DbTransaction transaction, string scope, string? feeder, string? operatorId, string cause, long startedAt, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO outages (scope, node_id, network_operator_id, cause, started_at) VALUES (@scope, @feeder, @operatorId, @cause, @startedAt)
            RETURNING key
            """,
            new { scope, feeder, operatorId, cause, startedAt }, transaction, cancellationToken: cancellationToken));

    /// <summary>The feeder/transformer a meter hangs under (through its premises and building), or null.</summary>
    private async Task<string?> FeederOfAsync(long meterKey, CancellationToken cancellationToken)
    {
        string? nodeId;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            nodeId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT node_id FROM meter_placements WHERE meter_key = @meterKey", new { meterKey }, cancellationToken: cancellationToken));
        }
        var node = nodeId is null ? null : await nodes.FindAsync(nodeId, cancellationToken);
        for (var depth = 0; node is not null && node.Kind != GridNode.Feeder && depth < 8; depth++)
        {
            node = node.ParentId is null ? null : await nodes.FindAsync(node.ParentId, cancellationToken);
        }
        return node?.Kind == GridNode.Feeder ? node.Id : null;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }
        // Listening before reading: a change another node makes meanwhile is not lost.
        bus.Subscribe(BusChannel, OnOtherNode);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var key in await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT meter_key FROM outage_meters WHERE restored_at IS NULL", cancellationToken: cancellationToken)))
        {
            _down[key] = 0;
        }
        _loaded = true;
    }

    /// <summary>"down 42" or "up 42": a meter another node saw go down or come back.</summary>
    private void OnOtherNode(string payload)
    {
        var parts = payload.Split(' ');
        if (parts.Length == 2 && long.TryParse(parts[1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var key))
        {
            if (parts[0] == "down")
            {
                _down[key] = 0;
            }
            else if (parts[0] == "up")
            {
                _down.TryRemove(key, out _);
            }
        }
    }

    /// <summary>The meters in open outages (for the job's look for silent meters).</summary>
    public async Task<IReadOnlySet<long>> DownAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
            return _down.Keys.ToHashSet();
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask<Meter?> FindMeterAsync(long key, CancellationToken cancellationToken) => meters.FindByKeyAsync(key, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meter {MeterId} lost supply ({Cause}) on feeder {Feeder}")]
    private partial void LogDown(string meterId, string cause, string feeder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Network outage on feeder {Feeder}: {Count} meters down together")]
    private partial void LogNetwork(string feeder, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outage {Outage} restored")]
    private partial void LogRestored(long outage);
}
