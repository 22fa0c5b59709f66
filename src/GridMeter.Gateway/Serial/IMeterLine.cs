namespace GridMeter.Gateway.Serial;

/// <summary>
/// The wire to one meter: a serial line (a tty, or a pseudo-terminal in tests) or a TCP connection
/// (a serial-to-Ethernet converter, Modbus TCP, the DLMS wrapper). Drivers only read, write and
/// change line settings; the two implementations hide how.
/// </summary>
public interface IMeterLine : IAsyncDisposable
{
    /// <summary>Where the line goes, for logs: a device path or tcp://host:port.</summary>
    string Name { get; }

    /// <summary>Speed and framing; a TCP line ignores it (the converter at the far end decides).</summary>
    void Configure(LineSettings settings);

    /// <summary>Waits for at least one byte; throws <see cref="EndOfStreamException"/> when the line is gone.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
