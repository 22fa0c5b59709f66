using System.Data.Common;
using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Accounts;

/// <summary>The meters and premises a consumer is linked to.</summary>
public sealed class UserLinks(IDatabase database)
{
    public static async Task AddAsync(
        DbConnection connection, DbTransaction? transaction, long userKey, IReadOnlyList<long> meterKeys, IReadOnlyList<long> premisesKeys,
        CancellationToken cancellationToken)
    {
        foreach (var meterKey in meterKeys)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO user_meters (user_key, meter_key) VALUES (@userKey, @meterKey) ON CONFLICT DO NOTHING",
                new { userKey, meterKey }, transaction, cancellationToken: cancellationToken));
        }
        foreach (var premisesKey in premisesKeys)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO user_premises (user_key, premises_key) VALUES (@userKey, @premisesKey) ON CONFLICT DO NOTHING",
                new { userKey, premisesKey }, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>The ids of the meters and premises linked to each user, limited to those <paramref name="caller"/> may see.</summary>
    public async Task<ILookup<long, (string Kind, string Id)>> VisibleLinksAsync(IReadOnlyList<long> userKeys, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var keys = SqlKeys.InList(userKeys);
        var rows = await connection.QueryAsync<(long UserKey, string Kind, string Id)>(new CommandDefinition(
            $"""
            SELECT um.user_key, 'meter', m.id FROM user_meters um JOIN meters m ON m.key = um.meter_key
            WHERE um.user_key IN {keys} AND {MeterScope.Condition(caller)}
            UNION ALL
            SELECT up.user_key, 'premises', p.id FROM user_premises up JOIN premises p ON p.key = up.premises_key
            WHERE up.user_key IN {keys} AND {PremisesScope.Condition(caller)}
            ORDER BY 1, 2, 3
            """,
            MeterScope.Parameters(caller),
            cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.UserKey, r => (r.Kind, r.Id));
    }
}
