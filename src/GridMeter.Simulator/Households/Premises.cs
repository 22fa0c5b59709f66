using NodaTime;

namespace GridMeter.Simulator.Households;

/// <summary>
/// Where a household is: its time zone (days, habits and tariffs follow local time), its grid
/// connection (1 or 3 phases) and its position (daylight for lighting and PV, climate for heating).
/// </summary>
public sealed record Premises(DateTimeZone Zone, int Phases, double Latitude, double Longitude)
{
    private static readonly Dictionary<string, (double Latitude, double Longitude)> Cities = new()
    {
        ["Europe/Rome"] = (41.9, 12.5),
        ["Europe/Berlin"] = (52.5, 13.4),
        ["Europe/Paris"] = (48.9, 2.4),
        ["Europe/Madrid"] = (40.4, -3.7),
        ["Europe/London"] = (51.5, -0.1),
        ["Europe/Amsterdam"] = (52.4, 4.9),
        ["Europe/Vienna"] = (48.2, 16.4),
        ["Europe/Stockholm"] = (59.3, 18.1),
        ["Europe/Athens"] = (38.0, 23.7),
        ["America/New_York"] = (40.7, -74.0),
        ["America/Chicago"] = (41.9, -87.6),
        ["America/Los_Angeles"] = (34.1, -118.2),
        ["America/Sao_Paulo"] = (-23.5, -46.6),
        ["America/Santiago"] = (-33.4, -70.7),
        ["Africa/Johannesburg"] = (-26.2, 28.0),
        ["Australia/Sydney"] = (-33.9, 151.2),
        ["Australia/Melbourne"] = (-37.8, 145.0),
        ["Pacific/Auckland"] = (-36.8, 174.8),
        ["Asia/Tokyo"] = (35.7, 139.7),
    };

    /// <summary>
    /// Premises in a zone at the position of the zone's main city, or — for a zone not in the small
    /// table — at 45° north on the zone's standard meridian.
    /// </summary>
    public static Premises In(DateTimeZone zone, int phases = 1)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (phases is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(phases), phases, "A connection has 1 or 3 phases.");
        }
        if (Cities.TryGetValue(zone.Id, out var city))
        {
            return new Premises(zone, phases, city.Latitude, city.Longitude);
        }
        var standard = zone.GetZoneInterval(Instant.FromUtc(2026, 1, 15, 0, 0)).StandardOffset;
        return new Premises(zone, phases, 45.0, standard.Seconds / 240.0);
    }

    /// <summary>Southern-hemisphere seasons are half a year apart from northern ones.</summary>
    internal bool IsSouthern => Latitude < 0;
}
