using System.Collections.Concurrent;
using Dapper;
using GridMeter.Domain.Readings;

namespace GridMeter.Server.Storage;

/// <summary>
/// The small numbers standing for OBIS codes in stored readings. Codes are few and never change,
/// so each is looked up once per process; a code seen for the first time is added.
/// </summary>
public sealed class RegisterCatalog(IDatabase database)
{
    private readonly ConcurrentDictionary<ObisCode, int> _keys = new();

    public async ValueTask<int> KeyOfAsync(ObisCode code, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(code, out var key))
        {
            return key;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var obis = code.ToString();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO registers (obis) VALUES (@obis) ON CONFLICT DO NOTHING", new { obis }, cancellationToken: cancellationToken));
        key = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT key FROM registers WHERE obis = @obis", new { obis }, cancellationToken: cancellationToken));
        return _keys.GetOrAdd(code, key);
    }

    /// <summary>The key of a code already stored, or null if no reading ever used it.</summary>
    public async ValueTask<int?> FindAsync(ObisCode code, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(code, out var key))
        {
            return key;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT key FROM registers WHERE obis = @obis", new { obis = code.ToString() }, cancellationToken: cancellationToken));
        return found is { } k ? _keys.GetOrAdd(code, k) : null;
    }
}
