namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// Lights are on while someone is awake at home and it is dark indoors: from a little before sunset,
/// until a little after sunrise, earlier on overcast days. Winter evenings are long, summer ones short.
/// </summary>
internal sealed class LightingModel(Appliance appliance, ulong seed) : ApplianceModel(appliance, seed)
{
    public override double PowerFactor => 0.9;

    public override void Render(HouseholdDay day, MinuteCanvas canvas)
    {
        var margin = 35 + (int)(40 * day.Weather.Cloudiness);
        var lightUntil = day.IndexOfSolar(day.Sun.Sunrise) + margin;
        var lightFrom = day.IndexOfSolar(day.Sun.Sunset) - margin;
        var routine = day.Routine;
        Light(day, canvas, routine.MorningAtHome, lightUntil, lightFrom);
        Light(day, canvas, routine.EveningAtHome, lightUntil, lightFrom);
    }

    private void Light(HouseholdDay day, MinuteCanvas canvas, (int From, int To) atHome, int lightUntil, int lightFrom)
    {
        var rated = Appliance.RatedWatts;
        var morningEnd = Math.Min(atHome.To, lightUntil);
        for (var quarter = atHome.From; quarter < morningEnd; quarter += 15)
        {
            canvas.Add(quarter, Math.Min(15, morningEnd - quarter), Scaled(rated, 0.5 + (0.1 * QuarterNoise(day, quarter))));
        }
        var from = Math.Max(atHome.From, lightFrom);
        for (var quarter = from; quarter < atHome.To; quarter += 15)
        {
            // More rooms are lit as the evening goes on.
            var evening = Math.Min(1.0, (quarter - lightFrom) / 90.0);
            canvas.Add(quarter, Math.Min(15, atHome.To - quarter), Scaled(rated, 0.5 + (0.5 * evening) + (0.15 * QuarterNoise(day, quarter))));
        }
    }
}
