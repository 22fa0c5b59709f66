using Microsoft.Data.Sqlite;

namespace GridMeter.Gateway.Uplink;

/// <summary>
/// The durable queue between the meters and the head-end, in a SQLite file: a message is committed
/// here before anything is sent, and removed only once the broker acknowledged it (QoS 1 PUBACK,
/// which our server sends after its own commit). A power cut or a dead uplink loses nothing; a
/// message whose acknowledgement was lost is sent again with the same content, which the head-end
/// recognises (readings by meter, register and time; events by meter, time and type).
/// </summary>
public sealed class Outbox : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Outbox(SqliteConnection connection) => _connection = connection;

    public static async Task<Outbox> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(Sqlite.ConnectionString(path));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // synchronous=FULL: a message acknowledged to the driver survives a power cut of the board.
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS outbox (
                seq     INTEGER PRIMARY KEY AUTOINCREMENT,
                topic   TEXT NOT NULL,
                payload BLOB NOT NULL
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new Outbox(connection);
    }

    public async Task EnqueueAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        await ExecuteAsync("INSERT INTO outbox (topic, payload) VALUES ($topic, $payload)",
            c =>
        {
            c.Parameters.AddWithValue("$topic", topic);
            c.Parameters.AddWithValue("$payload", payload);
        }, cancellationToken);
        Interlocked.Exchange(ref _added, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>The oldest messages, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> PeekAsync(int limit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT seq, topic, payload FROM outbox ORDER BY seq LIMIT $limit";
            command.Parameters.AddWithValue("$limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var messages = new List<OutboxMessage>();
            while (await reader.ReadAsync(cancellationToken))
            {
                messages.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2)));
            }
            return messages;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task RemoveAsync(long sequence, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM outbox WHERE seq = $seq", c => c.Parameters.AddWithValue("$seq", sequence), cancellationToken);

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM outbox";
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Completes when a message is added after this call, or after <paramref name="timeout"/>.</summary>
    public async Task WaitForMoreAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var added = Volatile.Read(ref _added).Task;
        await added.WaitAsync(timeout, clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
