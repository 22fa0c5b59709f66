using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// A washing machine or dishwasher: on some days one programme — water heating at full power, then
/// washing, rinsing and spinning or drying at low power. Some households start the dishwasher on a
/// timer in the middle of the night.
/// </summary>
internal sealed class WashingModel : EpisodicModel
{
    private readonly double _chance;
    private readonly bool _atNight;
    private readonly bool _beforeLeaving;

    public WashingModel(Appliance appliance, ulong seed, Lifestyle lifestyle)
        : base(appliance, seed)
    {
        var random = new SplitMix(seed);
        var dishwasher = appliance.Kind == ApplianceKind.Dishwasher;
        _chance = (lifestyle, dishwasher) switch
        {
            (Lifestyle.Family, true) => 0.9,
            (Lifestyle.Family, false) => 0.7,
            (Lifestyle.Retired, _) => 0.3,
            (Lifestyle.HomeOffice, true) => 0.6,
            (_, true) => 0.45,
            _ => 0.4,
        };
        _atNight = dishwasher && random.Chance(0.25);
        _beforeLeaving = random.Chance(0.5);
    }

    public override double PowerFactor => Appliance.Kind == ApplianceKind.Dishwasher ? 0.97 : 0.9;

    protected override void Plan(HouseholdDay day, MinuteCanvas canvas)
    {
        var random = Today(day);
        if (!random.Chance(_chance))
        {
            return;
        }
        if (Appliance.Kind == ApplianceKind.Dishwasher)
        {
            var start = _atNight ? day.Minutes + random.Between(30, 120) : day.Routine.Dinner + random.Between(60, 100);
            Dishes(canvas, start, ref random);
        }
        else
        {
            Laundry(canvas, LaundryStart(day, ref random), ref random);
        }
    }

    private int LaundryStart(HouseholdDay day, ref SplitMix random)
    {
        var routine = day.Routine;
        if (!routine.GoesOut)
        {
            return day.IndexOfWall(random.Between(9 * 60, 11 * 60));
        }
        return _beforeLeaving ? routine.Wake + random.Between(10, 30) : routine.Return + random.Between(30, 90);
    }

    private void Laundry(MinuteCanvas canvas, int start, ref SplitMix random)
    {
        var heating = random.Between(10, 18);
        canvas.Add(start, heating, Appliance.RatedWatts);
        var at = start + heating;
        for (var minute = 0; minute < 45; minute++)
        {
            canvas.Add(at + minute, minute % 4 < 2 ? 120 : 300); // the drum turns one way, rests, turns back
        }
        canvas.Add(at + 45, 15, 100);
        canvas.Add(at + 60, 8, 450);
    }

    private void Dishes(MinuteCanvas canvas, int start, ref SplitMix random)
    {
        canvas.Add(start, 5, 60);
        var wash = random.Between(15, 22);
        canvas.Add(start + 5, wash, Appliance.RatedWatts);
        var at = start + 5 + wash;
        canvas.Add(at, 30, 80);
        canvas.Add(at + 30, random.Between(10, 15), Appliance.RatedWatts);
        canvas.Add(at + 45, 25, 15);
    }
}
