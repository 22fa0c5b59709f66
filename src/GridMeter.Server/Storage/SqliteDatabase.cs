using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace GridMeter.Server.Storage;

/// <summary>
/// One SQLite file in WAL mode with synchronous=FULL: a commit is on disk before it returns, even
/// across a power loss. Readers never wait for the writer; writers queue on SQLite's lock.
/// </summary>
public sealed class SqliteDatabase : IDatabase, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly int _writerCacheKiB;
    private readonly SemaphoreSlim _writerLock = new(1, 1);
    private SqliteReadingAppender? _appender;

    public SqliteDatabase(string path, int writerCacheMiB)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            // Writers wait for each other this long (SQLite's busy timeout) before failing.
            DefaultTimeout = 30,
        }.ToString();
        _writerCacheKiB = writerCacheMiB * 1024;
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL");
    }

    public StorageProvider Provider => StorageProvider.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        Execute(connection, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
        return connection;
    }

    public async Task<ReadingWriteOutcome[]> AppendReadingsAsync(IReadOnlyList<ReadOnlyMemory<StoredReading>> batches, long receivedAtMs, CancellationToken cancellationToken)
    {
        await _writerLock.WaitAsync(cancellationToken);
        try
        {
            _appender ??= await SqliteReadingAppender.OpenAsync(_connectionString, _writerCacheKiB, cancellationToken);
            return _appender.Append(batches, receivedAtMs);
        }
        catch
        {
            // A failed writer connection is rebuilt on the next call rather than reused half-broken.
            _appender?.Dispose();
            _appender = null;
            throw;
        }
        finally
        {
            _writerLock.Release();
        }
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync()
    {
        _appender?.Dispose();
        _writerLock.Dispose();
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
