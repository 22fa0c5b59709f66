namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// Computers and monitors: through working hours in a home office (with a lunch break), a gaming
/// computer in the late afternoon in families, an hour in the evening elsewhere.
/// </summary>
internal sealed class ComputerModel(Appliance appliance, ulong seed, Lifestyle lifestyle) : EpisodicModel(appliance, seed)
{
    public override double PowerFactor => 0.92;

    protected override void Plan(HouseholdDay day, MinuteCanvas canvas)
    {
        var random = Today(day);
        var routine = day.Routine;
        switch (lifestyle)
        {
            case Lifestyle.HomeOffice when !day.IsWeekend:
                var start = Math.Max(routine.Wake + random.Between(30, 60), day.IndexOfWall(random.Between(8 * 60 + 15, 9 * 60)));
                var end = day.IndexOfWall(random.Between(17 * 60, 18 * 60 + 30));
                Work(day, canvas, start, routine.Lunch - 10);
                Work(day, canvas, routine.Lunch + random.Between(35, 55), end);
                break;
            case Lifestyle.HomeOffice when random.Chance(0.2):
            case Lifestyle.Couple when random.Chance(0.4):
                Work(day, canvas, routine.Dinner + random.Between(60, 90), routine.Dinner + random.Between(120, 180));
                break;
            case Lifestyle.Family when random.Chance(day.IsWeekend ? 0.7 : 0.6):
                var play = day.IndexOfWall(random.Between(16 * 60 + 30, 17 * 60 + 30));
                Work(day, canvas, play, play + random.Between(90, 200));
                break;
            case Lifestyle.Retired when random.Chance(0.3):
                var morning = day.IndexOfWall(random.Between(9 * 60 + 30, 10 * 60 + 30));
                Work(day, canvas, morning, morning + random.Between(30, 90));
                break;
        }
    }

    private void Work(HouseholdDay day, MinuteCanvas canvas, int from, int to)
    {
        for (var minute = from; minute < to; minute += 15)
        {
            canvas.Add(minute, Math.Min(15, to - minute), Scaled(Appliance.RatedWatts, 0.85 + (0.15 * QuarterNoise(day, minute))));
        }
    }
}
