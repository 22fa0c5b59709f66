using Microsoft.Data.Sqlite;

namespace GridMeter.Server.Storage;

/// <summary>
/// The single writer's own connection with its prepared statements, kept for the process lifetime:
/// a batch of thousands of readings costs one transaction and one fsync.
/// </summary>
internal sealed class SqliteReadingAppender : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _existing;
    private readonly SqliteCommand _conflict;
    private readonly SqliteCommand _dirty;
    private readonly HashSet<DirtyDay> _touched = [];

    private SqliteReadingAppender(SqliteConnection connection)
    {
        _connection = connection;
        _insert = Prepare("INSERT INTO readings (meter, register, ts, value) VALUES ($m, $r, $t, $v) ON CONFLICT DO NOTHING", "$m", "$r", "$t", "$v");
        _existing = Prepare("SELECT value FROM readings WHERE meter = $m AND register = $r AND ts = $t", "$m", "$r", "$t");
        _conflict = Prepare(
            "INSERT INTO reading_conflicts (meter, register, ts, value, received_at) VALUES ($m, $r, $t, $v, $at) ON CONFLICT DO NOTHING",
            "$m", "$r", "$t", "$v", "$at");
        _dirty = Prepare(
            "INSERT INTO mdm_dirty (meter, day, claimed) VALUES ($m, $d, 0) ON CONFLICT (meter, day) DO UPDATE SET claimed = 0 WHERE mdm_dirty.claimed = 1",
            "$m", "$d");
    }

    public static async Task<SqliteReadingAppender> OpenAsync(string connectionString, int cacheKiB, CancellationToken cancellationToken)
    {
        // Not pooled: this connection and its prepared statements belong to the writer alone.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        SqliteDatabase.Execute(connection, $"PRAGMA synchronous = FULL; PRAGMA cache_size = -{cacheKiB}; PRAGMA wal_autocheckpoint = 4000");
        return new SqliteReadingAppender(connection);
    }

    public ReadingWriteOutcome[] Append(IReadOnlyList<ReadOnlyMemory<StoredReading>> batches, long receivedAtMs)
    {
        var outcomes = new ReadingWriteOutcome[batches.Count];
        using var transaction = _connection.BeginTransaction();
        _insert.Transaction = _existing.Transaction = _conflict.Transaction = _dirty.Transaction = transaction;
        _touched.Clear();
        var last = new DirtyDay(0, long.MinValue);
        for (var b = 0; b < batches.Count; b++)
        {
            int inserted = 0, duplicates = 0, conflicts = 0;
            foreach (var reading in batches[b].Span)
            {
                Bind(_insert, reading);
                if (_insert.ExecuteNonQuery() == 1)
                {
                    inserted++;
                    last = Touch(last, reading);
                    continue;
                }
                Bind(_existing, reading);
                if ((long)_existing.ExecuteScalar()! == reading.Value)
                {
                    duplicates++;
                    continue;
                }
                conflicts++;
                last = Touch(last, reading);
                Bind(_conflict, reading);
                _conflict.Parameters[4].Value = receivedAtMs;
                _conflict.ExecuteNonQuery();
            }
            outcomes[b] = new ReadingWriteOutcome(inserted, duplicates, conflicts);
        }
        MarkDirty();
        transaction.Commit();
        return outcomes;
    }

    /// <summary>Notes the reading's day for the meter-data job; consecutive readings of one meter and day cost one comparison.</summary>
    private DirtyDay Touch(DirtyDay last, in StoredReading reading)
    {
        var day = DirtyDay.Of(reading);
        if (day != last)
        {
            _touched.Add(day);
        }
        return day;
    }

    private void MarkDirty()
    {
        foreach (var day in _touched)
        {
            var p = _dirty.Parameters;
            p[0].Value = day.Meter;
            p[1].Value = day.Day;
            _dirty.ExecuteNonQuery();
        }
    }

    private static void Bind(SqliteCommand command, in StoredReading reading)
    {
        var p = command.Parameters;
        p[0].Value = reading.MeterKey;
        p[1].Value = reading.RegisterKey;
        p[2].Value = reading.Ts;
        if (p.Count > 3)
        {
            p[3].Value = reading.Value;
        }
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(name, SqliteType.Integer);
        }
        return command;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _existing.Dispose();
        _conflict.Dispose();
        _dirty.Dispose();
        _connection.Dispose();
    }
}
