using Dapper;
using GridMeter.Domain.Consumption;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Hierarchy;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.WebPortal;

/// <summary>The network hierarchy as the portal shows it: the nodes a caller may see and a node's consumption by day.</summary>
public sealed class NetworkQuery(IDatabase database, NodeMembers members, Aggregates aggregates)
{
    /// <summary>Networks have hundreds of nodes, not millions; more than this and the list says so.</summary>
    public const int MaxNodes = 500;

    public async Task<IReadOnlyList<GridNode>> VisibleNodesAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var nodes = await connection.QueryAsync<GridNode>(new CommandDefinition(
            "SELECT id, kind, parent_id AS ParentId, name, main_meter_key AS MainMeterKey, created_at AS CreatedAt FROM grid_nodes ORDER BY id LIMIT @limit",
            new { limit = MaxNodes }, cancellationToken: cancellationToken));
        var visible = new List<GridNode>();
        foreach (var node in nodes)
        {
            if (await members.IsVisibleAsync(node, caller, cancellationToken))
            {
                visible.Add(node);
            }
        }
        return visible;
    }

    /// <summary>A node's consumption per local day of [from, to), in the zone of its main meter or first member.</summary>
    public async Task<(IReadOnlyList<BucketSummary> Days, DateTimeZone Zone)> DailyAsync(
        GridNode node, Caller caller, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var meter = await aggregates.MainMeterAsync(node, caller, cancellationToken) ?? (await members.UnderAsync(node, caller, cancellationToken)).FirstOrDefault();
        var zone = meter?.TimeZone ?? DateTimeZone.Utc;
        var errors = new Dictionary<string, string[]>();
        var args = ConsumptionArguments.Parse(Date(from), Date(to), "day", null, null, null, zone, errors)
            ?? throw new ArgumentException(string.Join("; ", errors.Values.SelectMany(v => v)), nameof(to));
        return (await aggregates.NodeTotalAsync(node, caller, zone, args, cancellationToken), zone);
    }

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
