using NodaTime;

namespace GridMeter.Domain.Analytics;

/// <summary>The season and day type a local day belongs to; customers are clustered within one group at a time.</summary>
public readonly record struct ProfileGroup(Season Season, DayType DayType)
{
    public static ProfileGroup Of(LocalDate date) => new(SeasonOf(date.Month), DayTypeOf(date.DayOfWeek));

    // December to February is winter, March to May spring, and so on.
    public static Season SeasonOf(int month) => (Season)(month % 12 / 3);

    public static DayType DayTypeOf(IsoDayOfWeek day) => day is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? DayType.Weekend : DayType.Workday;

    public static bool TryParse(string? season, string? dayType, out ProfileGroup group)
    {
        group = default;
        if (!Enum.TryParse<Season>(season, ignoreCase: true, out var s) || !Enum.IsDefined(s) || !Enum.TryParse<DayType>(dayType, ignoreCase: true, out var d) || !Enum.IsDefined(d)
            || int.TryParse(season, out _) || int.TryParse(dayType, out _))
        {
            return false;
        }
        group = new ProfileGroup(s, d);
        return true;
    }

    public override string ToString() => $"{Season.ToString().ToLowerInvariant()}/{DayType.ToString().ToLowerInvariant()}";
}
