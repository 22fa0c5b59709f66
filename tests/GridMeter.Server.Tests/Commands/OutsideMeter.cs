using System.Diagnostics;
using System.Threading.Channels;
using GridMeter.Testing;

namespace GridMeter.Server.Tests.Commands;

/// <summary>
/// A meter played by another program (Eclipse Paho in Python, or mosquitto_sub), with its output
/// lines in a queue the test awaits.
/// </summary>
public sealed class OutsideMeter : IAsyncDisposable
{
    /// <summary>Paho: subscribes to its commands, prints "subscribed", then answers each command with the given status and prints "answered {command} {id}".</summary>
    public const string PahoScript = """
        import sys, json, threading, paho.mqtt.client as mqtt
        meter, secret, port, v5, answer, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "5", sys.argv[5], int(sys.argv[6])
        done = threading.Event()
        pending = {}
        c = mqtt.Client(client_id=meter, protocol=mqtt.MQTTv5 if v5 else mqtt.MQTTv311)
        c.username_pw_set(meter, secret)
        def on_connect(client, userdata, flags, rc, *rest):
            client.subscribe("meters/%s/commands" % meter, qos=1)
        def on_subscribe(client, userdata, mid, granted, *rest):
            print("subscribed", flush=True)
        def on_message(client, userdata, msg):
            command = json.loads(msg.payload)
            result = {"relay": "open"} if command["command"] == "disconnect" else {}
            info = client.publish("meters/%s/commands/%s/result" % (meter, command["id"]), json.dumps({"status": answer, "result": result}), qos=1)
            pending[info.mid] = command
        def on_publish(client, userdata, mid):
            command = pending.pop(mid, None)
            if command is not None:
                print("answered %s %s %s" % (command["command"], command["id"], command["expiresAt"]), flush=True)
                global count
                count -= 1
                if count == 0:
                    done.set()
        c.on_connect, c.on_subscribe, c.on_message, c.on_publish = on_connect, on_subscribe, on_message, on_publish
        c.connect("127.0.0.1", port)
        c.loop_start()
        ok = done.wait(30)
        c.disconnect()
        c.loop_stop()
        sys.exit(0 if ok else 3)
        """;

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private OutsideMeter(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Writer.TryWrite("stderr: " + e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static OutsideMeter Paho(int port, string meterId, string secret, string version, string answer, int count = 1) =>
        Start(ExternalTool.Require("python3 with paho-mqtt", "/usr/bin/python3"), ["-c", PahoScript, meterId, secret, $"{port}", version, answer, $"{count}"]);

    /// <summary>mosquitto_sub as the meter: prints the first command it receives and exits.</summary>
    public static OutsideMeter MosquittoSub(int port, string meterId, string secret) =>
        Start(ExternalTool.Require("mosquitto_sub", "/usr/bin/mosquitto_sub"),
            ["-h", "127.0.0.1", "-p", $"{port}", "-V", "mqttv5", "-i", meterId, "-u", meterId, "-P", secret, "-q", "1", "-C", "1", "-W", "20",
             "-t", $"meters/{meterId}/commands"]);

    private static OutsideMeter Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return new OutsideMeter(Process.Start(start)!);
    }

    /// <summary>The next output line that starts with <paramref name="prefix"/>; fails after 20 s with what was seen.</summary>
    public async Task<string> LineAsync(string prefix)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(timeout.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
                seen.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"expected a line starting '{prefix}' within 20 s; saw: {string.Join(" | ", seen)}");
        }
    }

    public async Task<int> ExitCodeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
