using GridMeter.Protocols;

namespace GridMeter.Simulator.Serial;

/// <summary>Collects bytes from a wire until a decoder recognises a whole message; drops garbage before it.</summary>
internal sealed class WireReader(Stream wire)
{
    private readonly byte[] _buffer = new byte[4096];
    private int _count;

    /// <summary>The next message, or null when the wire closed.</summary>
    public async Task<T?> ReadAsync<T>(Func<ReadOnlyMemory<byte>, DecodeResult<T>> decode, CancellationToken cancellationToken)
        where T : class
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
                Consume(1); // line noise or a message for another device: resynchronise
            }
            var read = await wire.ReadAsync(_buffer.AsMemory(_count), cancellationToken);
            if (read == 0)
            {
                return null;
            }
            _count += read;
        }
    }

    private void Consume(int bytes)
    {
        _buffer.AsSpan(bytes, _count - bytes).CopyTo(_buffer);
        _count -= bytes;
    }
}
