using System.Diagnostics;
using GridMeter.Server.Readings;
using GridMeter.Server.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridMeter.Bench.Ingest;

/// <summary>
/// The baseline: the same readings inserted straight into the same SQLite schema with one reused
/// prepared statement, 20,000 rows per transaction, the same pragmas (WAL, synchronous=FULL, cache).
/// </summary>
internal static class RawInsertBaseline
{
    public static async Task<double> MeasureAsync(string path, IngestData data, CancellationToken cancellationToken)
    {
        await using (var database = new SqliteDatabase(path, 64))
        {
            await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        }
        var rows = Rows(data);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        Execute(connection, "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 4000");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO readings (meter, register, ts, value) VALUES ($m, $r, $t, $v) ON CONFLICT DO NOTHING";
        var parameters = new[] { "$m", "$r", "$t", "$v" }.Select(n => insert.Parameters.Add(n, SqliteType.Integer)).ToArray();
        insert.Prepare();
        var clock = Stopwatch.StartNew();
        var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        var inBatch = 0;
        foreach (var row in rows)
        {
            (parameters[0].Value, parameters[1].Value, parameters[2].Value, parameters[3].Value) = (row.MeterKey, row.RegisterKey, row.Ts, row.Value);
            insert.ExecuteNonQuery();
            if (++inBatch == 20_000)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                inBatch = 0;
            }
        }
        transaction.Commit();
        transaction.Dispose();
        return rows.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The rows the server would store, decoded from the same messages, in the order they are sent.</summary>
    private static List<StoredReading> Rows(IngestData data)
    {
        var registers = new Dictionary<GridMeter.Domain.Readings.ObisCode, int>();
        var rows = new List<StoredReading>((int)data.Readings);
        for (var day = 0; day < data.Messages[0].Length; day++)
        {
            for (var m = 0; m < data.MeterIds.Length; m++)
            {
                ReadingsPayload.TryDecode(data.Messages[m][day], out var snapshots, out _);
                foreach (var snapshot in snapshots)
                {
                    foreach (var (code, value) in snapshot.Values)
                    {
                        var key = registers.TryGetValue(code, out var k) ? k : registers[code] = registers.Count + 1;
                        rows.Add(new StoredReading(m + 1, key, snapshot.Timestamp.ToUnixTimeSeconds(), ReadingIngest.ToThousandths(value)));
                    }
                }
            }
        }
        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
