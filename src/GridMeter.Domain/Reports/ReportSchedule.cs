using NodaTime;

namespace GridMeter.Domain.Reports;

/// <summary>
/// When a scheduled report goes out: at a local time of day, every day, every week on a weekday,
/// or on the first of each month, in the person's time zone — so 07:00 stays 07:00 across DST.
/// </summary>
public sealed record ReportSchedule(string Period, IsoDayOfWeek? Weekday, LocalTime At, DateTimeZone Zone)
{
    /// <summary>The first run strictly after <paramref name="after"/>.</summary>
    public Instant NextRunAfter(Instant after)
    {
        var today = after.InZone(Zone).Date;
        var date = Period switch
        {
            ReportPeriod.Week => today.PlusDays((((int)(Weekday ?? IsoDayOfWeek.Monday)) - (int)today.DayOfWeek + 7) % 7),
            ReportPeriod.Month => new LocalDate(today.Year, today.Month, 1),
            _ => today,
        };
        while (true)
        {
            // A run time inside a DST gap moves forward by the gap (02:30 becomes 03:30); in an overlap, the first of the two.
            var run = (date + At).InZoneLeniently(Zone).ToInstant();
            if (run > after)
            {
                return run;
            }
            date = Period switch
            {
                ReportPeriod.Week => date.PlusWeeks(1),
                ReportPeriod.Month => date.PlusMonths(1),
                _ => date.PlusDays(1),
            };
        }
    }
}
