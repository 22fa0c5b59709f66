using System.Diagnostics;
using System.Text;
using GridMeter.Testing;

namespace GridMeter.Server.Tests.ScaleOut;

/// <summary>
/// Debian's Mosquitto on a free loopback port with its dynamic-security plugin, in a temporary
/// directory: no anonymous clients, one admin login (created by mosquitto_ctrl dynsec init) that the
/// nodes use; device logins are what GridMeter provisions.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string AdminUsername = "gridmeter";
    public const string AdminPassword = "broker-admin-secret";
    private const string PluginPath = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";

    private readonly string _directory;
    private readonly string _mosquitto;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private MosquittoBroker(string mosquitto, string directory, int port)
    {
        _mosquitto = mosquitto;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<MosquittoBroker> StartAsync()
    {
        var mosquitto = ExternalTool.Require("mosquitto", "/usr/sbin/mosquitto");
        var control = ExternalTool.Require("mosquitto_ctrl", "/usr/bin/mosquitto_ctrl");
        if (!File.Exists(PluginPath))
        {
            ExternalTool.Unavailable($"Mosquitto's dynamic-security plugin ({PluginPath}) is missing; run build/test.sh");
        }
        var directory = Directory.CreateTempSubdirectory("gridmeter-scaleout-mosquitto-").FullName;
        var security = Path.Combine(directory, "dynamic-security.json");
        await RunAsync(control, ["dynsec", "init", security, AdminUsername, AdminPassword]);
        // Started as root, Mosquitto drops to its own user, which must still read and rewrite the plugin's file.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0x1FF);
            File.SetUnixFileMode(security, (UnixFileMode)0x1B6);
        }
        var port = FreePort.Next();
        var config = Path.Combine(directory, "mosquitto.conf");
        // No persistence needed: the broker outlives the nodes in the test. max_queued_messages 0 = no limit, so a
        // node's session keeps everything it was handed while the node was away.
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous false
            persistence false
            max_queued_messages 0
            max_inflight_messages 100
            plugin {PluginPath}
            plugin_opt_config_file {security}
            log_dest stdout
            log_type error
            log_type warning
            log_type notice
            log_type information
            """);
        var broker = new MosquittoBroker(mosquitto, directory, port);
        await broker.LaunchAsync();
        return broker;
    }

    /// <summary>Stops the broker as a crash would, and starts it again on the same port with the same logins (sessions are gone).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/stdbuf") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        foreach (var argument in new[] { "-oL", _mosquitto, "-c", Path.Combine(_directory, "mosquitto.conf") })
        {
            start.ArgumentList.Add(argument);
        }
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_output)
            {
                _output.AppendLine(line);
            }
            if (line.Contains("running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Line(e.Data);
        _process.ErrorDataReceived += (_, e) => Line(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await running.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Mosquitto did not start:\n{Output}");
        }
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)
            + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {output}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
