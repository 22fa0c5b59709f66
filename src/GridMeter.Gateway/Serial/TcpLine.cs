using System.Net.Sockets;

namespace GridMeter.Gateway.Serial;

/// <summary>A meter behind tcp://host:port: a serial-to-Ethernet converter, Modbus TCP or the DLMS wrapper.</summary>
public sealed class TcpLine : IMeterLine
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private TcpLine(string name, TcpClient client)
    {
        Name = name;
        _client = client;
        _stream = client.GetStream();
    }

    public string Name { get; }

    public static async Task<TcpLine> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(uri.Host, uri.Port, cancellationToken);
            return new TcpLine(uri.ToString(), client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Configure(LineSettings settings)
    {
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await _stream.ReadAsync(buffer, cancellationToken);
        return read > 0 ? read : throw new EndOfStreamException($"{Name} closed the connection");
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => _stream.WriteAsync(data, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
