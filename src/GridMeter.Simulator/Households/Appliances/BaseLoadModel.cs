using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// Standby all day (router, boiler, chargers) plus the small loads of people being awake at home
/// (kitchen gadgets, chargers in use, a radio), varying by the quarter-hour and a little by the minute.
/// </summary>
internal sealed class BaseLoadModel : ApplianceModel
{
    private readonly int _awakeWatts;

    public BaseLoadModel(Appliance appliance, ulong seed, int awakeWatts)
        : base(appliance, seed)
    {
        _awakeWatts = awakeWatts;
    }

    public override double PowerFactor => 0.85;

    public override void Render(HouseholdDay day, MinuteCanvas canvas)
    {
        var routine = day.Routine;
        for (var quarter = 0; quarter < day.Minutes; quarter += 15)
        {
            var noise = QuarterNoise(day, quarter);
            canvas.Add(quarter, 15, Scaled(Appliance.RatedWatts, 1.0 + (0.08 * noise)));
            AddAwake(day, canvas, quarter, routine.MorningAtHome, noise);
            AddAwake(day, canvas, quarter, routine.EveningAtHome, noise);
        }
    }

    private void AddAwake(HouseholdDay day, MinuteCanvas canvas, int quarter, (int From, int To) atHome, double noise)
    {
        var from = Math.Max(quarter, atHome.From);
        var to = Math.Min(quarter + 15, atHome.To);
        if (from >= to)
        {
            return;
        }
        // Two levels per quarter-hour: gadgets come and go within it.
        var split = quarter + 1 + (int)(13 * Noise.Unit(Seed + 1, (ulong)(day.EpochMinute + quarter)));
        var low = Scaled(_awakeWatts, 0.7 + (0.2 * noise));
        var high = Scaled(_awakeWatts, 1.1 + (0.2 * noise));
        canvas.Add(from, Math.Min(split, to) - from, low);
        canvas.Add(Math.Max(split, from), to - Math.Max(split, from), high);
    }
}
