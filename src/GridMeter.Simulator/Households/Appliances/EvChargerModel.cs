using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// A wall box: on some days the car is plugged in and charged, mostly on a night timer (cheaper
/// energy), sometimes as soon as it comes home. Full power until nearly full, then a taper.
/// </summary>
internal sealed class EvChargerModel : EpisodicModel
{
    private readonly int _timerWall;

    public EvChargerModel(Appliance appliance, ulong seed)
        : base(appliance, seed)
    {
        // Most timers start with the night tariff, a few later.
        _timerWall = new SplitMix(seed).Minutes((23 * 60) + 10, 20);
    }

    public override double PowerFactor => 0.99;

    protected override void Plan(HouseholdDay day, MinuteCanvas canvas)
    {
        var random = Today(day);
        if (!random.Chance(day.IsWeekend ? 0.3 : 0.5))
        {
            return;
        }
        var energyWh = random.Between(8_000, 22_000);
        var start = random.Chance(0.9)
            ? day.IndexOfWall(_timerWall % 1440) + (_timerWall >= 1440 ? day.Minutes : 0) + random.Between(-10, 10)
            : (day.Routine.GoesOut ? day.Routine.Return : day.Routine.Dinner) + random.Between(5, 20);
        var full = (int)(energyWh * 0.9 * 60 / Appliance.RatedWatts);
        var taper = (int)(energyWh * 0.1 * 60 / (Appliance.RatedWatts / 2));
        canvas.Add(start, full, Appliance.RatedWatts);
        canvas.Add(start + full, taper, Appliance.RatedWatts / 2);
    }
}
