using GridMeter.Domain.Consumption;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Server.Consumption;

/// <summary>
/// Query-string times and steps: a local date (midnight in the meter's zone) or an RFC 3339
/// instant with offset; intervals 15m, hour, day, week, month.
/// </summary>
public static class TimeArgument
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;
    private static readonly OffsetDateTimePattern Instant = OffsetDateTimePattern.ExtendedIso;
    private static readonly OffsetDateTimePattern Output = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<Z+HH:mm>");

    public static bool TryParse(string? text, DateTimeZone zone, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }
        // An unescaped "+01:00" in a query string arrives as " 01:00".
        text = text.Trim().Replace(' ', '+');
        var date = Date.Parse(text);
        if (date.Success)
        {
            instant = zone.AtStartOfDay(date.Value).ToInstant();
            return true;
        }
        var parsed = Instant.Parse(text);
        if (parsed.Success)
        {
            instant = parsed.Value.ToInstant();
            return true;
        }
        return false;
    }

    public static BucketSize? ParseInterval(string? text) => text switch
    {
        "15m" => BucketSize.QuarterHour,
        "hour" => BucketSize.Hour,
        "day" => BucketSize.Day,
        "week" => BucketSize.Week,
        "month" => BucketSize.Month,
        _ => null,
    };

    public static string Format(ZonedDateTime time) => Output.Format(time.ToOffsetDateTime());
}
