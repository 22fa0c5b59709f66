using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Reflection;

namespace GridMeter.Bench.Mqtt;

/// <summary>A broker under test in a child process: ours (this program in mqtt-broker-host mode) or Mosquitto.</summary>
internal sealed class BrokerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private TaskCompletionSource<string>? _waitingFor;
    private string? _waitPrefix;

    private BrokerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Port { get; private set; }

    public static async Task<BrokerProcess> StartGridMeterAsync(CancellationToken cancellationToken)
    {
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        info.ArgumentList.Add("mqtt-broker-host");
        // A broker deployment runs the workstation GC: server GC reserves heaps per core for throughput it does not need here.
        info.Environment["DOTNET_gcServer"] = "0";
        var broker = new BrokerProcess("gridmeter", new Process { StartInfo = info });
        var line = await broker.WaitForLineAsync("MQTT_PORT=", TimeSpan.FromSeconds(30), cancellationToken);
        broker.Port = int.Parse(line["MQTT_PORT=".Length..], CultureInfo.InvariantCulture);
        return broker;
    }

    public static async Task<BrokerProcess> StartMosquittoAsync(string workDir, int port, CancellationToken cancellationToken)
    {
        var config = Path.Combine(workDir, "mosquitto.conf");
        // Mosquitto 2 needs an explicit listener and anonymous access; no persistence, no connection cap.
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_connections -1\n", cancellationToken);
        var info = new ProcessStartInfo("/usr/sbin/mosquitto") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        var broker = new BrokerProcess("mosquitto", new Process { StartInfo = info }) { Port = port };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, cancellationToken);
                return broker;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>Resident memory of the broker process (VmRSS in /proc/PID/status), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException("no VmRSS in /proc status");
    }

    /// <summary>
    /// Asks our broker to collect garbage before a memory reading (Mosquitto has no garbage to collect);
    /// returns what the broker reports of its heap.
    /// </summary>
    public async Task<string> SettleAsync(CancellationToken cancellationToken)
    {
        if (Name != "gridmeter")
        {
            return "";
        }
        await _process.StandardInput.WriteLineAsync("gc".AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        return await WaitForLineAsync("GC_DONE", TimeSpan.FromSeconds(30), cancellationToken);
    }

    private Task<string> WaitForLineAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lines)
        {
            _waitingFor = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waitPrefix = prefix;
            return _waitingFor.Task.WaitAsync(timeout, cancellationToken);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Add(line);
            if (_waitPrefix is { } prefix && line.StartsWith(prefix, StringComparison.Ordinal))
            {
                _waitingFor?.TrySetResult(line);
                _waitPrefix = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (Name == "mosquitto")
            {
                _process.Kill();
            }
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
