using GridMeter.Domain.Reports;
using GridMeter.Server.Meters;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Server.Reports;

/// <summary>Checks the when of a report schedule: weekday for weekly ones, a local time, a time zone (default: the meter's).</summary>
public static class ScheduleValidation
{
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static ReportSchedule? Check(ScheduleRequest request, Meter? meter, Dictionary<string, string[]> errors)
    {
        IsoDayOfWeek? weekday = null;
        if (request.Period == ReportPeriod.Week)
        {
            var index = Array.IndexOf(Weekdays, request.Weekday);
            if (index < 0)
            {
                errors["weekday"] = ["a weekly report needs a weekday: monday … sunday"];
            }
            weekday = (IsoDayOfWeek)(index + 1);
        }
        else if (request.Weekday is not null)
        {
            errors["weekday"] = ["only a weekly report has a weekday"];
        }
        var time = request.Time is { Length: 5 } && LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(request.Time) is { Success: true } parsed ? parsed.Value : (LocalTime?)null;
        if (time is null)
        {
            errors["time"] = ["a local time HH:mm"];
        }
        var zone = request.TimeZone is null ? meter?.TimeZone
            : request.TimeZone.Length <= 64 && !request.TimeZone.Any(char.IsControl) ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone) : null;
        if (zone is null && (request.TimeZone is not null || meter is not null))
        {
            errors["timeZone"] = ["an IANA time zone such as Europe/Rome (default: the meter's)"];
        }
        return errors.Count > 0 ? null : new ReportSchedule(request.Period!, weekday, time!.Value, zone!);
    }
}
