using Dapper;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Accounts;

/// <summary>Premises and the meters at them.</summary>
public sealed class PremisesDirectory(IDatabase database, TimeProvider clock, AuditLog audit)
{
    private const string Columns = "p.key, p.id, p.name, p.address";

    /// <summary>
    /// Stores new premises, moves the given meters there and records it in the audit log, in one
    /// transaction; null (and nothing stored) when the id is taken.
    /// </summary>
    public async Task<Premises?> CreateAsync(Premises premises, IReadOnlyList<long> meterKeys, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "INSERT INTO premises (id, name, address, created_at) VALUES (@Id, @Name, @Address, @CreatedAt) ON CONFLICT (id) DO NOTHING RETURNING key",
            new { premises.Id, premises.Name, premises.Address, CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken));
        if (key is null)
        {
            return null;
        }
        foreach (var meterKey in meterKeys)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE meters SET premises_key = @key WHERE key = @meterKey", new { key, meterKey }, transaction, cancellationToken: cancellationToken));
        }
        await audit.RecordAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return premises with { Key = key.Value };
    }

    /// <summary>The premises if they exist and <paramref name="caller"/> may see them (<see cref="PremisesScope"/>); otherwise null, alike.</summary>
    public async Task<Premises?> FindVisibleAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Premises>(new CommandDefinition(
            $"SELECT {Columns} FROM premises p WHERE p.id = @Id AND {PremisesScope.Condition(caller)}",
            new DynamicParameters(MeterScope.Parameters(caller)).With("Id", id),
            cancellationToken: cancellationToken));
    }

    public async Task<bool> IsVisibleAsync(string id, Caller caller, CancellationToken cancellationToken) =>
        await FindVisibleAsync(id, caller, cancellationToken) is not null;

    public async Task<IReadOnlyList<Premises>> ListVisibleAsync(Caller caller, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Premises>(new CommandDefinition(
            $"SELECT {Columns} FROM premises p WHERE {PremisesScope.Condition(caller)} ORDER BY p.id LIMIT @Limit OFFSET @Offset",
            new DynamicParameters(MeterScope.Parameters(caller)).With("Limit", limit).With("Offset", offset),
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>The ids of the meters at each of the premises, limited to those <paramref name="caller"/> may see.</summary>
    public async Task<ILookup<long, string>> VisibleMetersAsync(IReadOnlyList<long> premisesKeys, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long PremisesKey, string Id)>(new CommandDefinition(
            $"SELECT m.premises_key, m.id FROM meters m WHERE m.premises_key IN {SqlKeys.InList(premisesKeys)} AND {MeterScope.Condition(caller)} ORDER BY m.id",
            MeterScope.Parameters(caller),
            cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.PremisesKey, r => r.Id);
    }
}
