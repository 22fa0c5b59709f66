using NodaTime;

namespace GridMeter.Domain.Alerts;

/// <summary>
/// Local hours in which a person wants no e-mail, SMS or webhook: [From, To) in their time zone, and
/// across midnight when To is before From (22:00–07:00). The inbox is never quiet.
/// </summary>
public sealed record QuietHours(LocalTime From, LocalTime To)
{
    /// <summary>When the quiet hours around <paramref name="now"/> end, or null when it is not quiet.</summary>
    public Instant? DeferUntil(Instant now, DateTimeZone zone)
    {
        if (From == To)
        {
            return null;
        }
        var local = now.InZone(zone).LocalDateTime;
        var time = local.TimeOfDay;
        LocalDate endDate;
        if (From < To)
        {
            if (time < From || time >= To)
            {
                return null;
            }
            endDate = local.Date;
        }
        else
        {
            if (time >= To && time < From)
            {
                return null;
            }
            endDate = time >= From ? local.Date.PlusDays(1) : local.Date;
        }
        // A wall time skipped by a DST change moves forward by the length of the gap.
        return (endDate + To).InZoneLeniently(zone).ToInstant();
    }
}
