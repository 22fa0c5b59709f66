using System.Data.Common;
using Dapper;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Accounts;

public sealed class Organisations(IDatabase database, TimeProvider clock, AuditLog audit)
{
    /// <summary>Stores a new organisation; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await InsertAsync(connection, null, organisation, cancellationToken);
    }

    /// <summary>Stores a new organisation and its audit entry in one transaction; false (and nothing stored) when the id is taken.</summary>
    public async Task<bool> CreateAsync(Organisation organisation, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await InsertAsync(connection, transaction, organisation, cancellationToken))
        {
            return false;
        }
        await audit.RecordAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<Organisation?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Organisation>(new CommandDefinition(
            "SELECT id, name, kind FROM organisations WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>The organisation if it exists and <paramref name="caller"/> may see it (<see cref="OrganisationScope"/>); otherwise null, alike.</summary>
    public async Task<Organisation?> FindVisibleAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Organisation>(new CommandDefinition(
            $"SELECT o.id, o.name, o.kind FROM organisations o WHERE o.id = @Id AND {OrganisationScope.Condition(caller)}",
            new DynamicParameters(MeterScope.Parameters(caller)).With("Id", id),
            cancellationToken: cancellationToken));
    }

    public async Task<bool> IsVisibleAsync(string id, Caller caller, CancellationToken cancellationToken) =>
        await FindVisibleAsync(id, caller, cancellationToken) is not null;

    public async Task<IReadOnlyList<Organisation>> ListVisibleAsync(Caller caller, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Organisation>(new CommandDefinition(
            $"SELECT o.id, o.name, o.kind FROM organisations o WHERE {OrganisationScope.Condition(caller)} ORDER BY o.id LIMIT @Limit OFFSET @Offset",
            new DynamicParameters(MeterScope.Parameters(caller)).With("Limit", limit).With("Offset", offset),
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    private async Task<bool> InsertAsync(DbConnection connection, DbTransaction? transaction, Organisation organisation, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO organisations (id, name, kind, created_at) VALUES (@Id, @Name, @Kind, @CreatedAt) ON CONFLICT (id) DO NOTHING",
            new { organisation.Id, organisation.Name, organisation.Kind, CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken)) == 1;
}
