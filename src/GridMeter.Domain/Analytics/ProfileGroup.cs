using NodaTime;

namespace GridMeter.Domain.Analytics;

/// <summary>The season and day type a local day belongs to; customers are clustered within one group at a time.</summary>
public readonly record struct ProfileGroup(Season Season, DayType DayType)
{
    public static ProfileGroup Of(LocalDate date) => new(SeasonOf(date.Month), DayTypeOf(date.DayOfWeek));

    // December to February is winter, March to May spring, and so on.
    public static Season SeasonOf(int month) => (Season)(month % 12 / 3);

    public static DayType DayTypeOf(IsoDayOfWeek day) => day is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? DayType.Weekend : DayType.Workday;

    /// <summary>Reads a season and a day type by name, case aside; nothing else (no numbers, no combinations).</summary>
    public static bool TryParse(string? season, string? dayType, out ProfileGroup group)
    {
        var s = Enum.GetValues<Season>().Where(v => v.ToString().Equals(season, StringComparison.OrdinalIgnoreCase)).ToList();
        var d = Enum.GetValues<DayType>().Where(v => v.ToString().Equals(dayType, StringComparison.OrdinalIgnoreCase)).ToList();
        group = s.Count == 1 && d.Count == 1 ? new ProfileGroup(s[0], d[0]) : default;
        return s.Count == 1 && d.Count == 1;
    }

    public override string ToString() => $"{Season.ToString().ToLowerInvariant()}/{DayType.ToString().ToLowerInvariant()}";
}
