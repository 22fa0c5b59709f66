using System.Globalization;

namespace GridMeter.Protocols.Iec62056;

/// <summary>DSMR 5.0.2 §6.4 timestamps: YYMMDDhhmmssX, X = S (summer) or W (winter) local time.</summary>
public static class DsmrTimestamp
{
    /// <summary>
    /// Reads a 13-character timestamp, or the 12-character one of DSMR 2.2/3 (no season letter). Two-digit
    /// years follow the POSIX pivot (69–99 → 19xx), so the "no value yet" stamp 700101… reads as 1970.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, DsmrTimeZone zone, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (text.Length is not (12 or 13) || text[..12].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }
        var yy = Two(text, 0);
        var year = yy >= 69 ? 1900 + yy : 2000 + yy;
        int month = Two(text, 2), day = Two(text, 4), hour = Two(text, 6), minute = Two(text, 8), second = Two(text, 10);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        var offset = text.Length == 12 ? zone.OffsetOf(local)
            : text[12] switch { 'S' or 's' => zone.Summer, 'W' or 'w' => zone.Winter, _ => (TimeSpan?)null };
        if (offset is not { } known)
        {
            return false;
        }
        timestamp = new DateTimeOffset(local, known);
        return true;
    }

    /// <summary>Writes an instant as the meter would: local time of the zone, S when on summer time.</summary>
    public static string Format(DateTimeOffset instant, DsmrTimeZone zone, bool summer)
    {
        var local = instant.ToOffset(summer ? zone.Summer : zone.Winter);
        return local.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture) + (summer ? "S" : "W");
    }

    private static int Two(ReadOnlySpan<char> text, int at) => ((text[at] - '0') * 10) + (text[at + 1] - '0');
}
