using GridMeter.Server.Auth;
using GridMeter.Server.Meters;

namespace GridMeter.Server.Hierarchy;

/// <summary>The meters under a node, through all its descendants, as far as a caller may see them.</summary>
public sealed class NodeMembers(GridNodes nodes, MeterDirectory meters)
{
    public async Task<List<Meter>> UnderAsync(GridNode node, Caller caller, CancellationToken cancellationToken)
    {
        var found = new List<Meter>();
        var pending = new Stack<string>([node.Id]);
        var seen = new HashSet<string>();
        while (pending.TryPop(out var id))
        {
            if (!seen.Add(id))
            {
                continue;
            }
            found.AddRange(await nodes.MetersAtAsync(id, caller, cancellationToken));
            foreach (var child in await nodes.ChildrenAsync(id, cancellationToken))
            {
                pending.Push(child.Id);
            }
        }
        return found;
    }

    /// <summary>An admin sees every node; anyone else a node holding a meter they may see.</summary>
    public async Task<bool> IsVisibleAsync(GridNode node, Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsAdmin)
        {
            return true;
        }
        var main = node.MainMeterKey is { } key ? await meters.FindByKeyAsync(key, cancellationToken) : null;
        if (main is not null && await meters.FindVisibleAsync(main.Id, caller, cancellationToken) is not null)
        {
            return true;
        }
        return (await UnderAsync(node, caller, cancellationToken)).Count > 0;
    }
}
