namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// An appliance that runs in episodes planned per day (a wash, a meal, a charge). An episode planned
/// late in the evening may end after midnight, so a day also draws the tail of the day before.
/// </summary>
internal abstract class EpisodicModel(Appliance appliance, ulong seed) : ApplianceModel(appliance, seed)
{
    public sealed override void Render(HouseholdDay day, MinuteCanvas canvas)
    {
        var previous = day.Previous;
        Plan(previous, canvas.Shifted(-previous.Minutes));
        Plan(day, canvas);
    }

    /// <summary>Adds the episodes that start on <paramref name="day"/>, in that day's minute indices.</summary>
    protected abstract void Plan(HouseholdDay day, MinuteCanvas canvas);
}
