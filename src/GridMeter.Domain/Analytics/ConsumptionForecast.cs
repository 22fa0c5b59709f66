using GridMeter.Domain.Vee;
using NodaTime;

namespace GridMeter.Domain.Analytics;

/// <summary>
/// A meter's consumption to the end of its day or billing period: what it used so far plus, for each
/// quarter-hour still to come, the median of the same weekday and time in its profile (the profile
/// validation keeps per meter).
/// </summary>
public static class ConsumptionForecast
{
    /// <summary>The Wh the profile expects over [<paramref name="from"/>, <paramref name="to"/>); quarters without samples count as nothing.</summary>
    public static long ExpectedWh(Profile profile, Instant from, Instant to, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(zone);
        var total = 0L;
        var quarter = Duration.FromMinutes(15);
        // Quarter-hours on the UTC grid are the local ones in every zone with whole-quarter offsets.
        var start = Instant.FromUnixTimeSeconds(from.ToUnixTimeSeconds() / 900 * 900);
        for (var at = start; at < to; at += quarter)
        {
            var slot = Profile.SlotOf(at, zone);
            var share = ((at + quarter < to ? at + quarter : to) - (at > from ? at : from)) / quarter;
            total += (long)Math.Round(profile.Median(slot) * share);
        }
        return total;
    }

    /// <summary>So far plus the rest of the local day of <paramref name="now"/>.</summary>
    public static Projection EndOfDay(Profile profile, long soFarWh, Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var end = zone.AtStartOfDay(now.InZone(zone).Date.PlusDays(1)).ToInstant();
        return new Projection(end, soFarWh, ExpectedWh(profile, now, end, zone));
    }

    /// <summary>So far in the billing period plus the rest of it, up to <paramref name="periodEnd"/>.</summary>
    public static Projection EndOfPeriod(Profile profile, long soFarWh, Instant now, Instant periodEnd, DateTimeZone zone) =>
        new(periodEnd, soFarWh, now < periodEnd ? ExpectedWh(profile, now, periodEnd, zone) : 0);
}
