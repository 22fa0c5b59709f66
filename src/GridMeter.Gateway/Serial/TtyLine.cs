using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GridMeter.Gateway.Serial;

/// <summary>
/// A serial device (/dev/ttyUSB0, /dev/ttyAMA0, a pseudo-terminal) opened with open(2) and configured
/// through termios; no System.IO.Ports. The descriptor is non-blocking and read when data is there,
/// checked every <see cref="PollInterval"/>: no thread sits blocked in a read per meter, which on a
/// small board is memory, and a waiting read notices cancellation at once.
/// </summary>
public sealed class TtyLine : IMeterLine
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private readonly SafeFileHandle _handle;
    private readonly int _fd;
    private readonly bool _pseudoTerminal;

    private TtyLine(string name, SafeFileHandle handle, int fd, bool pseudoTerminal)
    {
        Name = name;
        _handle = handle;
        _fd = fd;
        _pseudoTerminal = pseudoTerminal;
    }

    public string Name { get; }

    public static TtyLine Open(string path, LineSettings settings)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Serial lines are supported on Linux");
        }
        var fd = Termios.Open(path, Termios.ORdwr | Termios.ONoctty | Termios.ONonblock | Termios.OCloexec);
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
            return new TtyLine(path, handle, fd, pseudoTerminal);
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
            var read = ReadNow(buffer);
            if (read > 0)
            {
                return read;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var written = WriteNow(data);
            if (written > 0)
            {
                data = data[written..];
            }
            else
            {
                await Task.Delay(PollInterval, cancellationToken); // the output queue is full
            }
        }
    }

    /// <summary>Bytes waiting now; 0 when none (EAGAIN, or VMIN 0 with nothing there).</summary>
    private unsafe int ReadNow(Memory<byte> buffer)
    {
        using var pin = buffer.Pin();
        var read = Termios.Read(_fd, (byte*)pin.Pointer, buffer.Length);
        if (read >= 0)
        {
            return (int)read;
        }
        var errno = Marshal.GetLastPInvokeError();
        // EIO: the other side of a pseudo-terminal closed, or a USB adapter was pulled.
        return errno == Termios.EAgain ? 0 : throw new EndOfStreamException($"{Name} is gone: errno {errno}");
    }

    private unsafe int WriteNow(ReadOnlyMemory<byte> data)
    {
        using var pin = data.Pin();
        var written = Termios.Write(_fd, (byte*)pin.Pointer, data.Length);
        if (written >= 0)
        {
            return (int)written;
        }
        var errno = Marshal.GetLastPInvokeError();
        return errno == Termios.EAgain ? 0 : throw new IOException($"{Name}: write failed, errno {errno}");
    }

    public ValueTask DisposeAsync()
    {
        _handle.Dispose();
        return ValueTask.CompletedTask;
    }
}
