using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// Kettle and toaster at breakfast, the hob for lunch (when someone is home) and dinner, the oven
/// on some evenings. Hob and oven switch their elements on and off, so the power varies by minute.
/// </summary>
internal sealed class CookingModel(Appliance appliance, ulong seed, Lifestyle lifestyle) : EpisodicModel(appliance, seed)
{
    public override double PowerFactor => 1.0;

    protected override void Plan(HouseholdDay day, MinuteCanvas canvas)
    {
        var random = Today(day);
        var routine = day.Routine;
        if (random.Chance(0.85))
        {
            var kettle = routine.Wake + random.Between(8, 25);
            canvas.Add(kettle, random.Between(2, 5), 2000);
            if (random.Chance(0.5))
            {
                canvas.Add(kettle + 5, 3, 900);
            }
        }
        if (lifestyle == Lifestyle.HomeOffice && !day.IsWeekend)
        {
            // Coffee breaks between calls.
            canvas.Add(day.IndexOfWall(random.Between((10 * 60) + 15, 11 * 60)), 4, 1200);
            canvas.Add(day.IndexOfWall(random.Between((15 * 60) + 15, 16 * 60)), 4, 1200);
        }
        if (routine.Lunch >= 0 && random.Chance(lifestyle is Lifestyle.Retired or Lifestyle.HomeOffice ? 0.9 : 0.7))
        {
            var length = random.Between(15, 35);
            Hob(canvas, routine.Lunch - length, length, ref random);
        }
        if (random.Chance(0.93))
        {
            var length = lifestyle == Lifestyle.Family ? random.Between(30, 55) : random.Between(20, 45);
            Hob(canvas, routine.Dinner - length + random.Between(-5, 6), length, ref random);
            var ovenChance = (lifestyle == Lifestyle.Family ? 0.45 : 0.25) + (day.IsWeekend ? 0.15 : 0.0);
            if (random.Chance(ovenChance))
            {
                Oven(canvas, routine.Dinner - random.Between(50, 75), random.Between(35, 60), ref random);
            }
        }
    }

    private void Hob(MinuteCanvas canvas, int from, int length, ref SplitMix random)
    {
        var rated = Appliance.RatedWatts;
        canvas.Add(from, Math.Min(5, length), rated);
        for (var minute = 5; minute < length; minute++)
        {
            canvas.Add(from + minute, Scaled(rated, 0.3 + (0.45 * random.NextDouble())));
        }
    }

    private static void Oven(MinuteCanvas canvas, int from, int length, ref SplitMix random)
    {
        // Preheat at full power, then the thermostat holds the temperature with about half the time on.
        canvas.Add(from, 10, 2200);
        for (var minute = 10; minute < length; minute++)
        {
            if (random.Chance(0.5))
            {
                canvas.Add(from + minute, 2200);
            }
        }
    }
}
