using GridMeter.Domain.Reports;
using GridMeter.Server.Alerts;
using GridMeter.Server.Cluster;
using GridMeter.Server.Meters;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Reports;

/// <summary>
/// Sends scheduled reports when their local time comes, covering the last complete period, and
/// e-mails again kept reports whose sending failed. Runs on the node holding the "reports" lease.
/// </summary>
public sealed partial class ReportJob(
    ScheduleStore schedules, ReportStore reports, ReportMaker maker, MeterDirectory meters, JobLease lease, TimeProvider clock,
    IOptions<AlertsOptions> options, ILogger<ReportJob> logger) : LeasedPeriodicJob(lease, clock)
{
    /// <summary>How often a report whose e-mail failed is tried again.</summary>
    public const int MaxEmailAttempts = 20;

    private readonly SemaphoreSlim _running = new(1, 1);

    public override string LeaseName => "reports";

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override Task RunLeasedAsync(CancellationToken cancellationToken) => RunDueAsync(cancellationToken);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    /// <summary>Makes every report that is due now; returns how many.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            var now = Instant.FromDateTimeOffset(Clock.GetUtcNow());
            var made = 0;
            foreach (var due in await schedules.DueAsync(now, cancellationToken))
            {
                var meter = await meters.FindByKeyAsync(due.MeterKey, cancellationToken);
                if (meter is not null)
                {
                    // The period ends before the local day the run was due on, in the meter's calendar.
                    var runDay = due.NextRunAt.InZone(meter.TimeZone).Date;
                    var (from, to) = ReportPeriod.LastCompleteBefore(runDay, due.Schedule.Period);
                    await maker.MakeAsync(due.UserKey, meter, due.Kind, due.Schedule.Period, from, to, cancellationToken);
                    made++;
                }
                // Runs missed while the server was down are not made up one by one: the next is after now.
                await schedules.AdvanceAsync(due.Key, due.Schedule.NextRunAfter(now), cancellationToken);
            }
            var recent = now - Duration.FromDays(2);
            foreach (var (summary, html, csv, email) in maker.CanMail ? await reports.UnsentAsync(MaxEmailAttempts, recent, cancellationToken) : [])
            {
                await maker.TrySendAsync(summary, html, csv, email, cancellationToken);
            }
            return made;
        }
        finally
        {
            _running.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The report job failed; due schedules stay due and are tried again")]
    private partial void LogFailed(Exception exception);
}
