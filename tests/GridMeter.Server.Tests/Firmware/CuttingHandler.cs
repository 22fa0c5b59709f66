namespace GridMeter.Server.Tests.Firmware;

/// <summary>Breaks each download after a random number of bytes, as a flaky radio link would; records the offsets asked for.</summary>
public sealed class CuttingHandler(int seed, int maxBytesPerConnection) : DelegatingHandler
{
    private readonly Random _random = new(seed);

    public List<long> Offsets { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Offsets.Add(request.Headers.Range?.Ranges.First().From ?? 0);
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var cut = _random.Next(1, maxBytesPerConnection);
        var content = new StreamContent(new BrokenStream(body, cut));
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        response.Content = content;
        return response;
    }

    /// <summary>Yields <c>cut</c> bytes, then fails as a dropped connection does.</summary>
    private sealed class BrokenStream(byte[] body, int cut) : MemoryStream(body, 0, body.Length, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= cut && Position < Length)
            {
                throw new IOException("connection reset by peer");
            }
            return base.Read(buffer, offset, (int)Math.Min(count, Math.Max(0, cut - Position)));
        }

        public override int Read(Span<byte> buffer)
        {
            var copy = new byte[buffer.Length];
            var read = Read(copy, 0, copy.Length);
            copy.AsSpan(0, read).CopyTo(buffer);
            return read;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
