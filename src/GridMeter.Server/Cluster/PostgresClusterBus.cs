using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using System.Threading.Channels;
using Dapper;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridMeter.Server.Cluster;

/// <summary>
/// The bus of the scaled-out layout: PostgreSQL LISTEN/NOTIFY on one channel per schema, so two
/// installations sharing a database never hear each other. Messages are sent in batches from a
/// queue (publishing never waits on the database); a message too large for NOTIFY (8000 bytes)
/// travels as a row of cluster_messages whose id is notified instead. One dedicated connection
/// listens and reconnects after a failure; what was sent while it was down is not replayed.
/// </summary>
public sealed partial class PostgresClusterBus(
    IDatabase database, IOptions<StorageOptions> storage, TimeProvider clock, ILogger<PostgresClusterBus> logger) : BackgroundService, IClusterBus
{
    /// <summary>The largest message sent inline, in UTF-8 bytes; NOTIFY refuses payloads of 8000 bytes or more.</summary>
    public const int MaxInlineBytes = 7900;

    private const int MaxBatch = 500;
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, ImmutableArray<Action<string>>> _handlers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // A node that cannot reach the database drops the oldest notifications rather than its memory.
    private readonly Channel<string> _outgoing = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Channel<string> _incoming = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private string? _topic;

    /// <summary>Completes once this node listens: from then on it hears every other node.</summary>
    public Task Listening => _listening.Task;

    public void Publish(string channel, string payload)
    {
        ValidateChannel(channel);
        _outgoing.Writer.TryWrite($"{_node}|{channel}|={payload}");
    }

    public void Subscribe(string channel, Action<string> handler)
    {
        ValidateChannel(channel);
        _handlers.AddOrUpdate(channel, _ => [handler], (_, list) => list.Add(handler));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken), DispatchAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(storage.Value.ConnectionString) { Pooling = false, KeepAlive = 30 }.ToString();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                var topic = await TopicAsync(connection, cancellationToken);
                connection.Notification += (_, e) => _incoming.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{topic.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }
                _listening.TrySetResult();
                LogListening(topic);
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.IO.IOException)
            {
                LogListenFailed(e);
                await DelayAsync(cancellationToken);
            }
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        var batch = new List<string>(MaxBatch);
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(cancellationToken))
            {
                while (batch.Count < MaxBatch && _outgoing.Reader.TryRead(out var message))
                {
                    batch.Add(message);
                }
                try
                {
                    await SendBatchAsync(batch, cancellationToken);
                }
                catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
                {
                    LogSendFailed(e, batch.Count);
                    await DelayAsync(cancellationToken);
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: notifications still queued concern a node that is going away.
        }
    }

    private async Task SendBatchAsync(List<string> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var topic = await TopicAsync(connection, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            if (Encoding.UTF8.GetByteCount(batch[i]) > MaxInlineBytes)
            {
                batch[i] = await StoreLargeAsync(connection, batch[i], cancellationToken);
            }
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_notify(@topic, m) FROM unnest(@batch) AS m", new { topic, batch = batch.ToArray() }, cancellationToken: cancellationToken));
    }

    /// <summary>Keeps a large message as a row for a few minutes and returns the short message naming it.</summary>
    private async Task<string> StoreLargeAsync(System.Data.Common.DbConnection connection, string message, CancellationToken cancellationToken)
    {
        var header = message.IndexOf('|', 33);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            WITH trimmed AS (DELETE FROM cluster_messages WHERE created_at < @old)
            INSERT INTO cluster_messages (payload, created_at) VALUES (@payload, @now) RETURNING id
            """,
            new { payload = message[(header + 2)..], now, old = now - 600_000 }, cancellationToken: cancellationToken));
        return $"{message[..(header + 1)]}@{id}";
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _incoming.Reader.ReadAllAsync(cancellationToken))
            {
                // node|channel|=payload or node|channel|@row
                if (message.Length < 34 || message[32] != '|' || message.AsSpan(0, 32).SequenceEqual(_node))
                {
                    continue;
                }
                var channelEnd = message.IndexOf('|', 33);
                if (channelEnd < 0 || channelEnd + 1 >= message.Length)
                {
                    continue;
                }
                var channel = message[33..channelEnd];
                if (!_handlers.TryGetValue(channel, out var handlers))
                {
                    continue;
                }
                var payload = message[channelEnd + 1] == '@'
                    ? await LoadLargeAsync(message[(channelEnd + 2)..], cancellationToken)
                    : message[(channelEnd + 2)..];
                foreach (var handler in payload is null ? [] : handlers)
                {
                    try
                    {
                        handler(payload!);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogHandlerFailed(e, channel);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<string?> LoadLargeAsync(string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key))
        {
            return null;
        }
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT payload FROM cluster_messages WHERE id = @key", new { key }, cancellationToken: cancellationToken));
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            LogLoadFailed(e, key);
            return null;
        }
    }

    /// <summary>One NOTIFY channel per schema (identifiers are at most 63 bytes).</summary>
    private async Task<string> TopicAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        if (_topic is null)
        {
            var schema = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT current_schema()", cancellationToken: cancellationToken));
            var topic = $"gridmeter_{schema}";
            _topic = topic.Length > 63 ? topic[..63] : topic;
        }
        return _topic;
    }

    private static void ValidateChannel(string channel)
    {
        if (channel.Length == 0 || channel.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("A bus channel is a non-empty name without '|'.", nameof(channel));
        }
    }

    private static async Task DelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(ReconnectDelay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for the other nodes on {Topic}")]
    private partial void LogListening(string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster listener lost its connection; reconnecting")]
    private partial void LogListenFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} cluster notifications failed; they are dropped")]
    private partial void LogSendFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the large cluster message {Id} failed")]
    private partial void LogLoadFailed(Exception exception, long id);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of cluster channel {Channel} failed")]
    private partial void LogHandlerFailed(Exception exception, string channel);
}
