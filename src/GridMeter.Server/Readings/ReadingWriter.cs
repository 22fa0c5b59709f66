using System.Threading.Channels;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Readings;

/// <summary>
/// The single writer of readings (group commit): every message waiting when a commit starts goes
/// into the same transaction, so a thousand devices cost one fsync, and each sender learns its
/// outcome only once the commit is durable. The queue is bounded: when the disk falls behind,
/// senders wait, and memory stays flat.
/// </summary>
public sealed partial class ReadingWriter(
    IDatabase database, ReadingsCommitted committed, TimeProvider clock, IOptions<ReadingsOptions> options, ILogger<ReadingWriter> logger)
    : BackgroundService
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateBounded<PendingAppend>(
        new BoundedChannelOptions(options.Value.MaxPendingMessages) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Stores the readings; completes once they are committed (or throws if they were not).</summary>
    public async Task<ReadingWriteOutcome> AppendAsync(ReadOnlyMemory<StoredReading> readings, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(readings);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Outcome.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Deliberately not cancelled by stoppingToken: on shutdown the queue is closed and drained,
        // so everything accepted into it is committed and answered.
        var batch = new List<PendingAppend>();
        var readings = new List<ReadOnlyMemory<StoredReading>>();
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            readings.Clear();
            var count = 0;
            while (count < options.Value.MaxReadingsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                readings.Add(pending.Readings);
                count += pending.Readings.Length;
            }
            await CommitAsync(batch, readings, count);
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch, List<ReadOnlyMemory<StoredReading>> readings, int count)
    {
        try
        {
            var outcomes = await database.AppendReadingsAsync(readings, clock.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
            committed.Pulse();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Outcome.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception e)
        {
            LogCommitFailed(e, count, batch.Count);
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetException(new ReadingsNotStoredException("the readings could not be stored; send them again", e));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private sealed class PendingAppend(ReadOnlyMemory<StoredReading> readings)
    {
        public ReadOnlyMemory<StoredReading> Readings { get; } = readings;

        public TaskCompletionSource<ReadingWriteOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Readings} readings of {Messages} messages failed; the senders were told")]
    private partial void LogCommitFailed(Exception exception, int readings, int messages);
}
