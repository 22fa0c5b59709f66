using System.Net.Sockets;

namespace GridMeter.Simulator.Serial;

/// <summary>
/// Puts a virtual serial meter on a wire: a pseudo-terminal or serial device path (socat makes a
/// pair; the gateway opens the other end), or every connection to a TCP listener, as a
/// serial-to-Ethernet converter would.
/// </summary>
public static class SerialMeterHost
{
    /// <summary>Serves on a device path until it closes (the other end went away) or cancellation.</summary>
    public static async Task ServePathAsync(string path, ISerialMeter meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meter);
        await using var wire = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        try
        {
            await meter.RunAsync(wire, cancellationToken);
        }
        catch (IOException)
        {
            // EIO: the pseudo-terminal pair was torn down
        }
    }

    /// <summary>Serves each accepted connection, one at a time, until cancellation.</summary>
    public static async Task ServeTcpAsync(TcpListener listener, ISerialMeter meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(meter);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            await using var wire = client.GetStream();
            try
            {
                await meter.RunAsync(wire, cancellationToken);
            }
            catch (IOException)
            {
                // the peer hung up; wait for the next one
            }
        }
    }
}
