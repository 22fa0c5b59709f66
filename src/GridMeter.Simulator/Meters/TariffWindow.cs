using GridMeter.Simulator.Households;
using NodaTime;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// A two-rate meter's day tariff (register 1-0:1.8.1) in the premises' local time, [DayFrom, DayTo);
/// every other minute is night tariff (1-0:1.8.2). With <paramref name="WeekdaysOnly"/>, Saturdays and
/// Sundays are night tariff all day.
/// </summary>
public sealed record TariffWindow(LocalTime DayFrom, LocalTime DayTo, bool WeekdaysOnly = false)
{
    /// <summary>Day 07:00–23:00 every day, night otherwise.</summary>
    public static TariffWindow DayNight { get; } = new(new LocalTime(7, 0), new LocalTime(23, 0));

    private int From => (DayFrom.Hour * 60) + DayFrom.Minute;

    private int To => (DayTo.Hour * 60) + DayTo.Minute;

    internal bool IsDay(HouseholdDay day, int minute)
    {
        if (WeekdaysOnly && day.IsWeekend)
        {
            return false;
        }
        var wall = day.WallMinute(minute);
        return From <= To ? wall >= From && wall < To : wall >= From || wall < To;
    }

    /// <summary>The minute indices of a day, in order, at which the tariff changes.</summary>
    internal int[] Changes(HouseholdDay day) =>
        [.. day.WallChanges(From).Concat(day.WallChanges(To))
            .Where(m => m > 0 && IsDay(day, m) != IsDay(day, m - 1))
            .Distinct()
            .Order()];
}
