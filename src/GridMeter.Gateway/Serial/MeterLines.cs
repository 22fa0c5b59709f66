namespace GridMeter.Gateway.Serial;

/// <summary>Opens the line a configuration names: "tcp://host:port" or a device path.</summary>
public static class MeterLines
{
    public static async Task<IMeterLine> OpenAsync(string port, LineSettings settings, CancellationToken cancellationToken)
    {
        if (port.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            return await TcpLine.ConnectAsync(new Uri(port), cancellationToken);
        }
        return TtyLine.Open(port, settings);
    }
}
