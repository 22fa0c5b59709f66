using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Hierarchy;

/// <summary>The network tree and where meters hang in it.</summary>
public sealed class GridNodes(IDatabase database)
{
    private const string Columns = "id, kind, parent_id AS ParentId, name, main_meter_key AS MainMeterKey, created_at AS CreatedAt";

    public async Task<GridNode?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<GridNode>(new CommandDefinition(
            $"SELECT {Columns} FROM grid_nodes WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<GridNode>> ChildrenAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<GridNode>(new CommandDefinition(
            $"SELECT {Columns} FROM grid_nodes WHERE parent_id = @id ORDER BY id", new { id }, cancellationToken: cancellationToken))];
    }

    /// <summary>Stores a new node; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(GridNode node, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO grid_nodes (id, kind, parent_id, name, main_meter_key, created_at)
            VALUES (@Id, @Kind, @ParentId, @Name, @MainMeterKey, @CreatedAt) ON CONFLICT (id) DO NOTHING
            """,
            node, cancellationToken: cancellationToken)) == 1;
    }

    public async Task PlaceAsync(long meterKey, string nodeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO meter_placements (meter_key, node_id) VALUES (@meterKey, @nodeId)
            ON CONFLICT (meter_key) DO UPDATE SET node_id = excluded.node_id
            """,
            new { meterKey, nodeId }, cancellationToken: cancellationToken));
    }

    /// <summary>The building a meter hangs in (through its premises), or null.</summary>
    public async Task<GridNode?> BuildingOfAsync(long meterKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var nodeId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT node_id FROM meter_placements WHERE meter_key = @meterKey", new { meterKey }, cancellationToken: cancellationToken));
        var node = nodeId is null ? null : await FindAsync(nodeId, cancellationToken);
        while (node is not null && node.Kind != GridNode.Building)
        {
            node = node.ParentId is null ? null : await FindAsync(node.ParentId, cancellationToken);
        }
        return node;
    }

    /// <summary>The meters placed directly at a node that <paramref name="caller"/> may see.</summary>
    public async Task<IReadOnlyList<Meter>> MetersAtAsync(string nodeId, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MeterRow>(new CommandDefinition(
            $"""
            SELECT {MeterRow.Columns} FROM meters m JOIN meter_placements p ON p.meter_key = m.key
            WHERE p.node_id = @nodeId AND {MeterScope.Condition(caller)} ORDER BY m.id
            """,
            new DynamicParameters(MeterScope.Parameters(caller)).With("nodeId", nodeId), cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToMeter())];
    }
}
