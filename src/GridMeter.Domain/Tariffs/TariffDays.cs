using NodaTime;

namespace GridMeter.Domain.Tariffs;

/// <summary>
/// The kinds of day a time-of-use period applies on. A public holiday is its own kind: a period
/// for Mon–Fri does not apply on a holiday that falls on a Wednesday; one listing "Hol" does.
/// </summary>
[Flags]
public enum TariffDays
{
    None = 0,
    Mon = 1,
    Tue = 2,
    Wed = 4,
    Thu = 8,
    Fri = 16,
    Sat = 32,
    Sun = 64,
    Hol = 128,
    All = 255,
}

public static class TariffDayNames
{
    public static bool TryParse(string? name, out TariffDays day)
    {
        day = name switch
        {
            "Mon" => TariffDays.Mon,
            "Tue" => TariffDays.Tue,
            "Wed" => TariffDays.Wed,
            "Thu" => TariffDays.Thu,
            "Fri" => TariffDays.Fri,
            "Sat" => TariffDays.Sat,
            "Sun" => TariffDays.Sun,
            "Hol" => TariffDays.Hol,
            _ => TariffDays.None,
        };
        return day != TariffDays.None;
    }

    /// <summary>The kind of <paramref name="date"/>: its weekday, or Hol when it is a public holiday.</summary>
    public static TariffDays Of(LocalDate date, IReadOnlySet<LocalDate> holidays) =>
        holidays.Contains(date) ? TariffDays.Hol : date.DayOfWeek switch
        {
            IsoDayOfWeek.Monday => TariffDays.Mon,
            IsoDayOfWeek.Tuesday => TariffDays.Tue,
            IsoDayOfWeek.Wednesday => TariffDays.Wed,
            IsoDayOfWeek.Thursday => TariffDays.Thu,
            IsoDayOfWeek.Friday => TariffDays.Fri,
            IsoDayOfWeek.Saturday => TariffDays.Sat,
            _ => TariffDays.Sun,
        };
}
