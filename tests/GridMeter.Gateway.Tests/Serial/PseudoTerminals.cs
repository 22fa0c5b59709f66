using System.Diagnostics;
using GridMeter.Testing;

// The end-to-end and memory tests each run a head-end, a gateway and several meters: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace GridMeter.Gateway.Tests.Serial;

/// <summary>
/// A pair of connected pseudo-terminals made by socat: what one side writes, the other reads, as
/// over a null-modem cable. Without socat the test is skipped (failed under CI=true).
/// </summary>
public sealed class PseudoTerminals : IAsyncDisposable
{
    private readonly Process _socat;
    private readonly string _dir;

    private PseudoTerminals(Process socat, string dir)
    {
        _socat = socat;
        _dir = dir;
    }

    /// <summary>The side a meter (or the simulator) holds.</summary>
    public string MeterSide => Path.Combine(_dir, "meter");

    /// <summary>The side the gateway opens.</summary>
    public string GatewaySide => Path.Combine(_dir, "gateway");

    public static async Task<PseudoTerminals> StartAsync()
    {
        var socat = ExternalTool.Require("socat", "/usr/bin/socat");
        var dir = Directory.CreateTempSubdirectory("gridmeter-pty-").FullName;
        var start = new ProcessStartInfo(socat) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(dir, "meter")}");
        start.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(dir, "gateway")}");
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var terminals = new PseudoTerminals(process, dir);
        var waited = Stopwatch.StartNew();
        while (!File.Exists(terminals.MeterSide) || !File.Exists(terminals.GatewaySide))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10) || process.HasExited)
            {
                await terminals.DisposeAsync();
                throw new TimeoutException("socat did not create its pseudo-terminals within 10 s");
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return terminals;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            await _socat.WaitForExitAsync();
        }
        _socat.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
