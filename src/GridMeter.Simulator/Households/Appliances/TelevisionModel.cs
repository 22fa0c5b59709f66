namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// The television: most evenings after dinner until bedtime; retired people also in the afternoon,
/// children after school and on weekend mornings.
/// </summary>
internal sealed class TelevisionModel(Appliance appliance, ulong seed, Lifestyle lifestyle) : EpisodicModel(appliance, seed)
{
    public override double PowerFactor => 0.9;

    protected override void Plan(HouseholdDay day, MinuteCanvas canvas)
    {
        var random = Today(day);
        var routine = day.Routine;
        var watts = Appliance.RatedWatts;
        if (random.Chance(0.85))
        {
            var from = routine.Dinner + random.Between(25, 45);
            canvas.Add(from, routine.Bed - random.Between(5, 20) - from, watts);
        }
        switch (lifestyle)
        {
            case Lifestyle.Retired when random.Chance(0.75):
                var afternoon = day.IndexOfWall(random.Between(14 * 60 + 30, 15 * 60 + 30));
                canvas.Add(afternoon, random.Between(90, 180), watts);
                break;
            case Lifestyle.Family when routine.GoesOut && random.Chance(0.7):
                canvas.Add(routine.Return + random.Between(10, 30), random.Between(60, 150), watts);
                break;
            case Lifestyle.Family when random.Chance(0.6):
                canvas.Add(routine.Wake + random.Between(20, 60), random.Between(60, 150), watts);
                break;
            case Lifestyle.Couple when !routine.GoesOut && random.Chance(0.3):
                canvas.Add(day.IndexOfWall(random.Between(15 * 60, 17 * 60)), random.Between(60, 120), watts);
                break;
        }
    }
}
