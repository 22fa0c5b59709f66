using System.Globalization;
using GridMeter.Protocols;
using Microsoft.Data.Sqlite;

namespace GridMeter.Gateway.Registers;

/// <summary>
/// The register snapshots taken, kept on the board for the local page's load profile, and the guard
/// against taking the same snapshot twice (one per meter and time stamp, across restarts).
/// </summary>
public sealed class ProfileLog : IAsyncDisposable
{
    private static readonly Obis Import = new(1, 0, 1, 8, 0);
    private static readonly Obis Export = new(1, 0, 2, 8, 0);
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private ProfileLog(SqliteConnection connection) => _connection = connection;

    public static async Task<ProfileLog> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(Sqlite.ConnectionString(path));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS snapshots (
                meter      TEXT NOT NULL,
                ts         INTEGER NOT NULL,
                import_kwh TEXT,
                export_kwh TEXT,
                PRIMARY KEY (meter, ts)
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new ProfileLog(connection);
    }

    /// <summary>Records a snapshot; false when this meter already has one at that time.</summary>
    public async Task<bool> TryAddAsync(string meterId, DateTimeOffset at, IReadOnlyDictionary<Obis, decimal> registers, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO snapshots (meter, ts, import_kwh, export_kwh) VALUES ($meter, $ts, $import, $export)";
            command.Parameters.AddWithValue("$meter", meterId);
            command.Parameters.AddWithValue("$ts", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$import", registers.TryGetValue(Import, out var import) ? import.ToString(CultureInfo.InvariantCulture) : DBNull.Value);
            command.Parameters.AddWithValue("$export", registers.TryGetValue(Export, out var export) ? export.ToString(CultureInfo.InvariantCulture) : DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Site energy per snapshot interval within [from, to): differences of each meter's consecutive snapshots, summed over meters.</summary>
    public async Task<IReadOnlyList<Local.ProfilePoint>> ProfileAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        var rows = new List<(string Meter, long Ts, decimal Import, decimal Export)>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT meter, ts, import_kwh, export_kwh FROM snapshots WHERE ts >= $from AND ts <= $to ORDER BY meter, ts";
            command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), Number(reader, 2), Number(reader, 3)));
            }
        }
        finally
        {
            _gate.Release();
        }
        var buckets = new SortedDictionary<long, (decimal Import, decimal Export)>();
        foreach (var meter in rows.GroupBy(r => r.Meter))
        {
            var list = meter.ToList();
            for (var i = 1; i < list.Count; i++)
            {
                var bucket = (list[i - 1].Ts - from.ToUnixTimeMilliseconds()) / (long)step.TotalMilliseconds;
                var sum = buckets.GetValueOrDefault(bucket);
                buckets[bucket] = (sum.Import + list[i].Import - list[i - 1].Import, sum.Export + list[i].Export - list[i - 1].Export);
            }
        }
        return buckets.Select(b => new Local.ProfilePoint(from + step * b.Key, from + step * (b.Key + 1), b.Value.Import, b.Value.Export)).ToList();
    }

    private static decimal Number(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? 0m : decimal.Parse(reader.GetString(column), CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
