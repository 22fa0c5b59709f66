using GridMeter.Domain.Reports;
using NodaTime;

namespace GridMeter.Server.Reports;

/// <summary>A stored schedule: whose, which meter and report, when it runs.</summary>
public sealed record ScheduledReport(long Key, string Id, long UserKey, long MeterKey, string MeterId, string Kind, ReportSchedule Schedule, Instant NextRunAt)
{
    public ScheduleResponse ToResponse() => new(
        Id, MeterId, Kind, Schedule.Period, Schedule.Weekday?.ToString().ToLowerInvariant(),
        $"{Schedule.At.Hour:00}:{Schedule.At.Minute:00}", Schedule.Zone.Id, NextRunAt.ToDateTimeOffset());
}
