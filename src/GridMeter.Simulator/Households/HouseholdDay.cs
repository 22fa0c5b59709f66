using GridMeter.Simulator.Randomness;
using NodaTime;

namespace GridMeter.Simulator.Households;

/// <summary>
/// One local day of one household: its real minutes (1380, 1440 or 1500 on DST days), how they map
/// to the wall clock and to the sun, the weather, and what the household does. Appliances render
/// their power over these minutes, indexed 0 … Minutes-1 from local midnight.
/// </summary>
internal sealed class HouseholdDay
{
    private readonly int _startWall;
    private readonly int _shiftAt = int.MaxValue;
    private readonly int _shift;
    private readonly int _solarStart;
    private HouseholdDay? _previous;

    public HouseholdDay(Household household, LocalDate date)
    {
        Household = household;
        Date = date;
        var zone = household.Premises.Zone;
        Start = zone.AtStartOfDay(date).ToInstant();
        var end = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
        Minutes = (int)((end - Start).TotalMinutes);
        EpochMinute = Start.ToUnixTimeSeconds() / 60;
        DayNumber = date.ToDateOnly().DayNumber;
        IsWeekend = date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
        var first = zone.GetZoneInterval(Start);
        _startWall = (int)(Start.InZone(zone).TimeOfDay.TickOfDay / NodaConstants.TicksPerMinute);
        if (first.HasEnd && first.End < end)
        {
            _shiftAt = (int)((first.End - Start).TotalMinutes);
            _shift = (zone.GetZoneInterval(first.End).WallOffset - first.WallOffset).Seconds / 60;
        }
        var meridian = first.StandardOffset.Seconds / 240.0;
        _solarStart = _startWall - (first.Savings.Seconds / 60) + (int)Math.Round(4.0 * (household.Premises.Longitude - meridian));
        var dayOfYear = household.Premises.IsSouthern ? ((date.DayOfYear + 182) % 365) + 1 : date.DayOfYear;
        Sun = new SunPath(household.Premises.Latitude, dayOfYear);
        Weather = new DailyWeather(household.Premises, DayNumber, date.DayOfYear);
        Routine = PlanRoutine();
    }

    public Household Household { get; }

    public LocalDate Date { get; }

    public Instant Start { get; }

    public int Minutes { get; }

    /// <summary>The start as whole minutes since the Unix epoch: a key for per-minute noise.</summary>
    public long EpochMinute { get; }

    /// <summary>A key for the day's random draws.</summary>
    public int DayNumber { get; }

    public bool IsWeekend { get; }

    public SunPath Sun { get; }

    public DailyWeather Weather { get; }

    public DailyRoutine Routine { get; }

    /// <summary>The day before, for appliances whose runs go on past midnight (a car charging at night).</summary>
    public HouseholdDay Previous => _previous ??= new HouseholdDay(Household, Date.PlusDays(-1));

    /// <summary>Minutes after midnight on the wall clock at minute index <paramref name="minute"/>.</summary>
    public int WallMinute(int minute) => _startWall + minute + (minute >= _shiftAt ? _shift : 0);

    /// <summary>
    /// The minute index at which the wall clock first shows <paramref name="wallMinute"/>; a time the
    /// clocks skip maps to the moment they jump, a time they repeat to its first occurrence.
    /// </summary>
    public int IndexOfWall(int wallMinute)
    {
        var before = wallMinute - _startWall;
        if (before < _shiftAt)
        {
            return Math.Max(before, 0);
        }
        var after = before - _shift;
        return Math.Min(after >= _shiftAt ? after : _shiftAt, Minutes);
    }

    /// <summary>
    /// Every minute index at which the wall clock shows <paramref name="wallMinute"/> (two on the day
    /// the clocks go back, none for a time they skip), and the index where the clocks change, if any:
    /// the places where anything defined by wall-clock time can change.
    /// </summary>
    public IEnumerable<int> WallChanges(int wallMinute)
    {
        var before = wallMinute - _startWall;
        if (before >= 0 && before < Math.Min(_shiftAt, Minutes))
        {
            yield return before;
        }
        var after = before - _shift;
        if (_shiftAt < Minutes)
        {
            yield return _shiftAt;
            if (after >= _shiftAt && after < Minutes)
            {
                yield return after;
            }
        }
    }

    /// <summary>Minutes after local solar midnight at minute index <paramref name="minute"/>.</summary>
    public double SolarMinute(int minute) => _solarStart + minute;

    /// <summary>Minute index of a solar time (sunrise, sunset); may fall outside the day.</summary>
    public int IndexOfSolar(double solarMinute) => (int)Math.Round(solarMinute - _solarStart);

    /// <summary>A random source for one appliance (by salt) on this day.</summary>
    public SplitMix Random(ulong salt) => new(Noise.Mix(Household.SeedBits, salt, (ulong)DayNumber));

    private DailyRoutine PlanRoutine()
    {
        var times = Household.Habits.For(IsWeekend);
        var random = Random(0x52_4F_55_54);
        int At(int wall) => wall < 0 ? -1 : Math.Clamp(IndexOfWall(random.Minutes(wall, 12)), 0, Minutes - 1);
        var wake = At(times.Wake);
        var leave = times.Leave < 0 ? -1 : Math.Max(At(times.Leave), wake + 20);
        var back = times.Return < 0 ? -1 : Math.Max(At(times.Return), leave + 60);
        var bed = Math.Max(At(times.Bed), Math.Max(wake, back) + 60);
        return new DailyRoutine(wake, leave, back, At(times.Lunch), At(times.Dinner), Math.Min(bed, Minutes - 1));
    }
}
