using System.Threading.Channels;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Serial;

namespace GridMeter.Gateway.Drivers;

/// <summary>
/// Reads one meter for as long as the gateway runs: opens its line, talks its protocol, writes each
/// sample to the in-process channel, and after a failure (cable pulled, meter silent, garbage)
/// reopens the line after a pause.
/// </summary>
public abstract partial class MeterDriver(MeterConfig meter, TimeProvider clock, ILogger logger)
{
    public MeterConfig Meter { get; } = meter;

    protected TimeProvider Clock { get; } = clock;

    /// <summary>The line settings the session starts with.</summary>
    protected abstract LineSettings InitialSettings { get; }

    /// <summary>Talks to the meter until the line fails or cancellation.</summary>
    protected abstract Task RunSessionAsync(IMeterLine line, ChannelWriter<MeterSample> samples, CancellationToken cancellationToken);

    public async Task RunAsync(ChannelWriter<MeterSample> samples, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var line = await MeterLines.OpenAsync(Meter.Port, InitialSettings, cancellationToken);
                LogOpened(logger, Meter.Id, line.Name, Meter.Protocol);
                await RunSessionAsync(line, samples, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or TimeoutException or System.Net.Sockets.SocketException or GridMeter.Protocols.ProtocolException)
            {
                LogFailed(logger, e, Meter.Id, Meter.Port);
            }
            await Task.Delay(TimeSpan.FromSeconds(1), Clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    protected DateTimeOffset Now => Clock.GetUtcNow();

    [LoggerMessage(Level = LogLevel.Information, Message = "Meter {MeterId}: {Line} open, speaking {Protocol}")]
    private static partial void LogOpened(ILogger logger, string meterId, string line, string protocol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meter {MeterId} on {Port}: reading failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception, string meterId, string port);
}
