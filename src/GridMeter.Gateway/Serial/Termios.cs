using System.Runtime.InteropServices;

namespace GridMeter.Gateway.Serial;

/// <summary>
/// The few libc calls a serial line needs on Linux: open(2) without becoming the controlling
/// terminal, and termios(3) raw mode with a speed, framing and a read timeout. The termios struct is
/// handled as opaque bytes except for c_cflag and c_cc, whose offsets are the same on every glibc
/// architecture GridMeter runs on (x86-64, arm64, armhf).
/// </summary>
internal static partial class Termios
{
    private const int StructSize = 256; // larger than struct termios (60 bytes) on purpose
    private const int CflagOffset = 8;
    private const int CcOffset = 17;
    private const int Vtime = 5;
    private const int Vmin = 6;
    private const uint Csize = 0x30, Cs7 = 0x20, Cs8 = 0x30, Cstopb = 0x40, Cread = 0x80, Parenb = 0x100, Parodd = 0x200, Clocal = 0x800;
    private const uint Crtscts = 0x80000000;
    private const int TcsaDrain = 1; // apply once queued output has left: a baud switch must not cut the acknowledgement
    private const int TciFlush = 0;
    public const int ORdwr = 2, ONoctty = 0x100, ONonblock = 0x800, OCloexec = 0x80000;
    public const int EAgain = 11;

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int GetAttributes(int fd, Span<byte> termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int SetAttributes(int fd, int when, ReadOnlySpan<byte> termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void MakeRaw(Span<byte> termios);

    [LibraryImport("libc", EntryPoint = "cfsetispeed", SetLastError = true)]
    private static partial int SetInputSpeed(Span<byte> termios, uint speed);

    [LibraryImport("libc", EntryPoint = "cfsetospeed", SetLastError = true)]
    private static partial int SetOutputSpeed(Span<byte> termios, uint speed);

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    private static partial int Flush(int fd, int queue);

    /// <summary>Raw mode, the given framing, and reads that return after 100 ms without data (VMIN 0, VTIME 1).</summary>
    public static void Apply(int fd, LineSettings settings, bool pseudoTerminal = false)
    {
        if (TryApply(fd, settings) is { } errno)
        {
            // A pseudo-terminal has no wire, so framing means nothing to it, and Linux refuses 7 data
            // bits with parity on one that was set before (EINVAL): keep the speed, framing as it allows.
            if (!(pseudoTerminal && errno == EInval && TryApply(fd, settings with { DataBits = 8, Parity = LineParity.None }) is null))
            {
                throw new IOException($"tcsetattr failed for {settings}: errno {errno}");
            }
        }
    }

    private const int EInval = 22;

    private static int? TryApply(int fd, LineSettings settings)
    {
        Span<byte> termios = stackalloc byte[StructSize];
        Check(GetAttributes(fd, termios), "tcgetattr");
        MakeRaw(termios);
        var cflag = BitConverter.ToUInt32(termios.Slice(CflagOffset, 4));
        cflag &= ~(Csize | Cstopb | Parenb | Parodd | Crtscts);
        cflag |= (settings.DataBits == 7 ? Cs7 : Cs8) | Cread | Clocal;
        cflag |= settings.Parity switch
        {
            LineParity.Even => Parenb,
            LineParity.Odd => Parenb | Parodd,
            _ => 0u,
        };
        cflag |= settings.StopBits == 2 ? Cstopb : 0u;
        BitConverter.TryWriteBytes(termios.Slice(CflagOffset, 4), cflag);
        termios[CcOffset + Vmin] = 0;
        termios[CcOffset + Vtime] = 1;
        var speed = SpeedConstant(settings.BaudRate);
        Check(SetInputSpeed(termios, speed), "cfsetispeed");
        Check(SetOutputSpeed(termios, speed), "cfsetospeed");
        return SetAttributes(fd, TcsaDrain, termios) == 0 ? null : Marshal.GetLastPInvokeError();
    }

    /// <summary>Drops whatever arrived before the line was ours (a half telegram, noise).</summary>
    public static void DiscardInput(int fd) => Flush(fd, TciFlush);

    /// <summary>The Bnnn constants of Linux termios-baud.h.</summary>
    public static uint SpeedConstant(int baudRate) => baudRate switch
    {
        300 => 7,
        600 => 8,
        1200 => 9,
        2400 => 11,
        4800 => 12,
        9600 => 13,
        19200 => 14,
        38400 => 15,
        57600 => 0x1001,
        115200 => 0x1002,
        230400 => 0x1003,
        _ => throw new ArgumentOutOfRangeException(nameof(baudRate), baudRate, "not a standard serial speed"),
    };

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new IOException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
