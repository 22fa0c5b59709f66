using Dapper;
using GridMeter.Domain.Streams;
using GridMeter.Server.Appliances;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Streams;

/// <summary>
/// Finds the streams a path names among the meters the caller may see: each meter's ancestors in
/// the network tree (from where it is placed) decide which paths reach it.
/// </summary>
public sealed class StreamCatalog(IDatabase database, MeterDirectory meters, ApplianceRegistry appliances)
{
    /// <summary>More meters than this visible to one caller are not searched; name a narrower path.</summary>
    public const int MaxMeters = 10_000;

    public async Task<IReadOnlyList<StreamTarget>> MatchAsync(StreamPath path, Caller caller, int limit, CancellationToken cancellationToken)
    {
        var visible = await meters.ListVisibleAsync(caller, 0, MaxMeters, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var nodes = (await connection.QueryAsync<(string Id, string Kind, string? ParentId)>(new CommandDefinition(
            "SELECT id, kind, parent_id FROM grid_nodes", cancellationToken: cancellationToken))).ToDictionary(n => n.Id);
        var placements = (await connection.QueryAsync<(long MeterKey, string NodeId)>(new CommandDefinition(
            "SELECT meter_key, node_id FROM meter_placements", cancellationToken: cancellationToken))).ToDictionary(p => p.MeterKey, p => p.NodeId);

        var found = new List<StreamTarget>();
        foreach (var meter in visible)
        {
            var ancestors = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var at = placements.GetValueOrDefault(meter.Key); at is not null && nodes.TryGetValue(at, out var node) && ancestors.TryAdd(node.Kind, node.Id);)
            {
                at = node.ParentId;
            }
            ancestors["meter"] = meter.Id;
            if (!path.HasAppliance)
            {
                if (path.Matches(ancestors))
                {
                    found.Add(new StreamTarget(meter, null, StreamPath.Of(ancestors, path.Channel)));
                }
            }
            else if (path.Levels.Where(l => l.Kind != "appliance").All(l => ancestors.TryGetValue(l.Kind, out var id) && l.Matches(id)))
            {
                foreach (var appliance in await appliances.ListAsync(meter.Key, cancellationToken))
                {
                    var withAppliance = new Dictionary<string, string>(ancestors) { ["appliance"] = appliance.Id };
                    if (path.Matches(withAppliance))
                    {
                        found.Add(new StreamTarget(meter, appliance, StreamPath.Of(withAppliance, path.Channel)));
                    }
                }
            }
            if (found.Count > limit)
            {
                break;
            }
        }
        return found;
    }
}
