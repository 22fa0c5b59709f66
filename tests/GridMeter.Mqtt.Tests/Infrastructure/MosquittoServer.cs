using GridMeter.Testing;

namespace GridMeter.Mqtt.Tests.Infrastructure;

/// <summary>Mosquitto 2 on a free loopback port, configured in a temporary directory (one per test class).</summary>
public sealed class MosquittoServer : IAsyncLifetime
{
    private ChildProcess? _process;
    private string? _directory;

    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var mosquitto = OutsideTools.Mosquitto;
        Port = FreePort.Next();
        _directory = Directory.CreateTempSubdirectory("gridmeter-mosquitto-").FullName;
        var config = Path.Combine(_directory, "mosquitto.conf");
        // Mosquitto 2 listens only where a listener says, and refuses anonymous clients unless allowed.
        await File.WriteAllTextAsync(config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_queued_messages 1000
            log_dest stdout
            """);
        // Line-buffered output, so the "running" line arrives as soon as Mosquitto listens.
        _process = ChildProcess.Start("/usr/bin/stdbuf", ["-oL", mosquitto, "-c", config], workingDirectory: _directory);
        await _process.WaitForOutputAsync("running", TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
