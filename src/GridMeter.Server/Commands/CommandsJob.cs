using GridMeter.Server.Hosting;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Commands;

/// <summary>
/// Every few seconds: expires commands past their expiresAt, and offers pending commands again to
/// meters that may have come back. Safe on several nodes: every change is a conditional update.
/// </summary>
public sealed partial class CommandsJob(MeterCommands commands, TimeProvider clock, IOptions<CommandsOptions> options, ILogger<CommandsJob> logger)
    : PeriodicJob(TimeSpan.FromSeconds(options.Value.JobSeconds), clock)
{
    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await commands.ExpireDueAsync(cancellationToken);
            await commands.DeliverWaitingAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            LogRoundFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The command round failed; retrying at the next one")]
    private partial void LogRoundFailed(Exception exception);
}
