using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace GridMeter.Server.Storage;

/// <summary>
/// PostgreSQL through Npgsql's pooled data source. Readings arrive by binary COPY into a temporary
/// table and move into place with one INSERT … ON CONFLICT, so a batch costs a few round trips; the
/// same statement leaves the meter-data job its dirty days.
/// </summary>
public sealed class PostgresDatabase(NpgsqlDataSource dataSource) : IDatabase, IAsyncDisposable
{
    private const string Stage = """
        CREATE TEMP TABLE IF NOT EXISTS incoming_readings (
            batch INTEGER NOT NULL, seq INTEGER NOT NULL,
            meter BIGINT NOT NULL, register SMALLINT NOT NULL, ts BIGINT NOT NULL, value BIGINT NOT NULL
        ) ON COMMIT DELETE ROWS
        """;

    // The first of several readings with the same key in one batch wins, as if they came in turn.
    private const string Merge = """
        WITH fresh AS (
            INSERT INTO readings (meter, register, ts, value)
            SELECT DISTINCT ON (meter, register, ts) meter, register, ts, value
            FROM incoming_readings ORDER BY meter, register, ts, batch, seq
            ON CONFLICT DO NOTHING
            RETURNING meter, register, ts
        ),
        claimed AS (
            SELECT DISTINCT ON (i.meter, i.register, i.ts) i.batch, i.seq
            FROM incoming_readings i JOIN fresh f USING (meter, register, ts)
            ORDER BY i.meter, i.register, i.ts, i.batch, i.seq
        ),
        outcome AS (
            SELECT i.batch, i.meter, i.register, i.ts, i.value,
                   (c.seq IS NOT NULL) AS inserted,
                   (c.seq IS NULL AND i.value <> COALESCE(r.value, w.value)) AS conflict
            FROM incoming_readings i
            LEFT JOIN claimed c ON c.batch = i.batch AND c.seq = i.seq
            LEFT JOIN readings r USING (meter, register, ts)
            LEFT JOIN (SELECT DISTINCT ON (meter, register, ts) meter, register, ts, value
                       FROM incoming_readings ORDER BY meter, register, ts, batch, seq) w USING (meter, register, ts)
        ),
        recorded AS (
            INSERT INTO reading_conflicts (meter, register, ts, value, received_at)
            SELECT DISTINCT meter, register, ts, value, @receivedAt FROM outcome WHERE conflict
            ON CONFLICT DO NOTHING
        ),
        dirty AS (
            INSERT INTO mdm_dirty (meter, day, claimed)
            SELECT DISTINCT meter, ts / 86400, 0 FROM outcome WHERE inserted OR conflict
            ON CONFLICT (meter, day) DO UPDATE SET claimed = 0 WHERE mdm_dirty.claimed = 1
        )
        SELECT batch, COUNT(*) FILTER (WHERE inserted), COUNT(*) FILTER (WHERE conflict)
        FROM outcome GROUP BY batch
        """;

    public StorageProvider Provider => StorageProvider.Postgres;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public async Task<ReadingWriteOutcome[]> AppendReadingsAsync(IReadOnlyList<ReadOnlyMemory<StoredReading>> batches, long receivedAtMs, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var stage = new NpgsqlCommand(Stage, connection, transaction))
        {
            await stage.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY incoming_readings (batch, seq, meter, register, ts, value) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var b = 0; b < batches.Count; b++)
            {
                for (var i = 0; i < batches[b].Length; i++)
                {
                    var reading = batches[b].Span[i];
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(b, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(reading.MeterKey, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync((short)reading.RegisterKey, NpgsqlDbType.Smallint, cancellationToken);
                    await copy.WriteAsync(reading.Ts, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(reading.Value, NpgsqlDbType.Bigint, cancellationToken);
                }
            }
            await copy.CompleteAsync(cancellationToken);
        }

        var outcomes = new ReadingWriteOutcome[batches.Count];
        await using (var merge = new NpgsqlCommand(Merge, connection, transaction))
        {
            merge.Parameters.AddWithValue("receivedAt", receivedAtMs);
            await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var batch = reader.GetInt32(0);
                var inserted = (int)reader.GetInt64(1);
                var conflicts = (int)reader.GetInt64(2);
                outcomes[batch] = new ReadingWriteOutcome(inserted, batches[batch].Length - inserted - conflicts, conflicts);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
