using GridMeter.Domain.Billing;
using NodaTime;

namespace GridMeter.Domain.Tests.Billing;

/// <summary>Quarter-hours of use over local days, from a rule per local time.</summary>
internal static class Usage
{
    public static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];

    public static Interval Days(LocalDate from, LocalDate to) =>
        new(Rome.AtStartOfDay(from).ToInstant(), Rome.AtStartOfDay(to).ToInstant());

    public static List<MeteredInterval> Quarters(Interval span, Func<ZonedDateTime, long> importWh, Func<ZonedDateTime, long>? exportWh = null)
    {
        var list = new List<MeteredInterval>();
        for (var start = span.Start; start < span.End; start += Duration.FromMinutes(15))
        {
            var local = start.InZone(Rome);
            list.Add(new MeteredInterval(start, start + Duration.FromMinutes(15), importWh(local), exportWh?.Invoke(local) ?? 0));
        }
        return list;
    }
}
