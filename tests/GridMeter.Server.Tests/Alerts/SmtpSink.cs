using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GridMeter.Testing;

namespace GridMeter.Server.Tests.Alerts;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd, with a handler that writes every message it
/// accepts to a directory as an .eml file. It can be stopped and started again on the same port,
/// as a mail server that goes down for a while.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Handler =
        """
        import os, uuid

        class Maildir:
            def __init__(self, directory):
                self.directory = directory

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(args[0])

            async def handle_DATA(self, server, session, envelope):
                name = uuid.uuid4().hex
                temporary = os.path.join(self.directory, name + ".tmp")
                with open(temporary, "wb") as f:
                    f.write(envelope.original_content or envelope.content)
                os.rename(temporary, os.path.join(self.directory, name + ".eml"))
                return "250 Message accepted for delivery"
        """;

    private readonly string _python;
    private readonly string _root;
    private Process? _process;

    private SmtpSink(string python, string root, int port) => (_python, _root, Port) = (python, root, port);

    public int Port { get; }

    public string MailDir => Path.Combine(_root, "mail");

    /// <summary>Starts aiosmtpd; skipped without it, failed under CI=true.</summary>
    public static async Task<SmtpSink> StartAsync()
    {
        var python = ExternalTool.Require("/usr/bin/python3");
        using (var probe = Process.Start(new ProcessStartInfo(python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true })!)
        {
            await probe.WaitForExitAsync(TestContext.Current.CancellationToken);
            if (probe.ExitCode != 0)
            {
                ExternalTool.Unavailable("python3-aiosmtpd is not installed; run build/test.sh, which installs it");
            }
        }
        var root = Directory.CreateTempSubdirectory("gridmeter-smtp-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "mail"));
        await File.WriteAllTextAsync(Path.Combine(root, "maildir_handler.py"), Handler, TestContext.Current.CancellationToken);
        var sink = new SmtpSink(python, root, FreePort());
        await sink.StartAgainAsync();
        return sink;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "maildir_handler.Maildir", MailDir])
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PYTHONPATH"] = _root;
        _process = Process.Start(start)!;
        var deadline = Stopwatch.StartNew();
        while (!await AcceptsAsync())
        {
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                Assert.Fail($"aiosmtpd did not listen on 127.0.0.1:{Port}: {await _process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Stops the server: connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>The messages received so far, as raw text.</summary>
    public IReadOnlyList<string> Messages() =>
        [.. Directory.GetFiles(MailDir, "*.eml").Select(File.ReadAllText)];

    public Dictionary<string, string?> SettingsFor() => new()
    {
        ["GridMeter:Email:SmtpHost"] = "127.0.0.1",
        ["GridMeter:Email:SmtpPort"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GridMeter:Email:From"] = "alerts@gridmeter.test",
    };

    private async Task<bool> AcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_root, recursive: true);
    }
}
