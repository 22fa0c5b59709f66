using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Accounts;

public sealed class Organisations(IDatabase database, TimeProvider clock)
{
    /// <summary>Stores a new organisation; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO organisations (id, name, kind, created_at) VALUES (@Id, @Name, @Kind, @CreatedAt) ON CONFLICT (id) DO NOTHING",
            new { organisation.Id, organisation.Name, organisation.Kind, CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<Organisation?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Organisation>(new CommandDefinition(
            "SELECT id, name, kind FROM organisations WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }
}
