using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GridMeter.Gateway.Serial;

/// <summary>
/// A serial device (/dev/ttyUSB0, /dev/ttyAMA0, a pseudo-terminal) opened as a file and configured
/// through termios; no System.IO.Ports. Reads come back at least every 100 ms, so a waiting read
/// notices cancellation without closing the line.
/// </summary>
public sealed class TtyLine : IMeterLine
{
    private readonly int _fd;
    private readonly FileStream _stream;

    private readonly bool _pseudoTerminal;

    private TtyLine(string name, int fd, FileStream stream, bool pseudoTerminal)
    {
        Name = name;
        _pseudoTerminal = pseudoTerminal;
        _fd = fd;
        _stream = stream;
    }

    public string Name { get; }

    public static TtyLine Open(string path, LineSettings settings)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Serial lines are supported on Linux");
        }
        var fd = Termios.Open(path, Termios.ORdwr | Termios.ONoctty | Termios.OCloexec);
        if (fd < 0)
        {
            throw new IOException($"cannot open {path}: errno {Marshal.GetLastPInvokeError()}");
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var device = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
            var pseudoTerminal = device.StartsWith("/dev/pts/", StringComparison.Ordinal);
            Termios.Apply(fd, settings, pseudoTerminal);
            Termios.DiscardInput(fd);
            return new TtyLine(path, fd, new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0), pseudoTerminal);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Configure(LineSettings settings) => Termios.Apply(_fd, settings, _pseudoTerminal);

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, CancellationToken.None);
            }
            catch (IOException e)
            {
                // EIO: the other side of a pseudo-terminal closed, or a USB adapter was pulled.
                throw new EndOfStreamException($"{Name} is gone", e);
            }
            if (read > 0)
            {
                return read;
            }
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(data, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
