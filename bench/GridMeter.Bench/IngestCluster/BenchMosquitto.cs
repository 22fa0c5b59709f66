using System.Diagnostics;

namespace GridMeter.Bench.IngestCluster;

/// <summary>Debian's Mosquitto on a loopback port for the cluster benchmark: no persistence, unbounded session queues.</summary>
internal sealed class BenchMosquitto : IAsyncDisposable
{
    private readonly Process _process;

    private BenchMosquitto(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static async Task<BenchMosquitto> StartAsync(string directory, int port, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "mosquitto.conf");
        // Anonymous on loopback: the benchmark measures the message path, not the login check.
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_queued_messages 0
            max_inflight_messages 100
            max_connections -1
            log_dest stderr
            log_type error
            """, cancellationToken);
        var mosquitto = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        var process = Process.Start(new ProcessStartInfo(mosquitto, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("mosquitto did not start; apt-get install mosquitto");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
                return new BenchMosquitto(process, port);
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
        process.Kill();
        throw new TimeoutException("mosquitto did not listen within 10 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
