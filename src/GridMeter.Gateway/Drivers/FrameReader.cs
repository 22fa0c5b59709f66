using GridMeter.Gateway.Serial;
using GridMeter.Protocols;

namespace GridMeter.Gateway.Drivers;

/// <summary>Collects bytes from a line until a decoder recognises a whole frame, within a deadline; drops noise before it.</summary>
internal sealed class FrameReader(IMeterLine line, int capacity = 8192)
{
    private readonly byte[] _buffer = new byte[capacity];
    private int _count;

    public async Task<T> ReadAsync<T>(Func<ReadOnlyMemory<byte>, DecodeResult<T>> decode, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                while (_count > 0)
                {
                    var result = decode(_buffer.AsMemory(0, _count));
                    if (result.IsSuccess)
                    {
                        Consume(result.Consumed);
                        return result.Value;
                    }
                    if (result.IsIncomplete && _count < _buffer.Length)
                    {
                        break;
                    }
                    Consume(1);
                }
                _count += await line.ReadAsync(_buffer.AsMemory(_count), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{line.Name}: no complete answer within {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Forgets whatever arrived so far (before a new request).</summary>
    public void Clear() => _count = 0;

    private void Consume(int bytes)
    {
        _buffer.AsSpan(bytes, _count - bytes).CopyTo(_buffer);
        _count -= bytes;
    }
}
