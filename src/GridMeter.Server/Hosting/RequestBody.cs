using System.Buffers;

namespace GridMeter.Server.Hosting;

public static class RequestBody
{
    /// <summary>
    /// Reads the body up to <paramref name="limit"/> bytes plus one more, so a caller can tell an
    /// oversized body (longer than the limit) from one exactly at it without reading all of it.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(limit + 1L, (request.ContentLength ?? 4096) + 1));
        while (buffer.WrittenCount <= limit)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(Math.Min(8192, limit + 1 - buffer.WrittenCount)), cancellationToken);
            if (read == 0)
            {
                break;
            }
            buffer.Advance(read);
        }
        return buffer.WrittenMemory;
    }
}
