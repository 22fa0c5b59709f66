using System.Net;
using System.Net.Sockets;

namespace GridMeter.Gateway.Tests.EndToEnd;

/// <summary>
/// A TCP relay between the gateway and the broker that the test can cut, as a failing 4G modem
/// would: while cut, open connections are dropped and new ones are refused.
/// </summary>
public sealed class UplinkCable : IAsyncDisposable
{
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public UplinkCable(int target)
    {
        _target = target;
        Port = GridMeter.Testing.FreePort.Next();
        Connect();
    }

    public int Port { get; }

    public int Connections { get; private set; }

    public void Cut()
    {
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    client.Client?.LingerState = new LingerOption(true, 0); // RST, as a dead link looks to both ends
                }
                catch (ObjectDisposedException)
                {
                    // the pump closed it already
                }
                client.Dispose();
            }
            _open.Clear();
        }
    }

    public void Connect()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        var listener = _listener;
        _accepting = Task.Run(() => AcceptAsync(listener));
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            var outbound = new TcpClient();
            await outbound.ConnectAsync(IPAddress.Loopback, _target);
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
                Connections++;
            }
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException or InvalidOperationException)
        {
        }
        from.Dispose();
        to.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
