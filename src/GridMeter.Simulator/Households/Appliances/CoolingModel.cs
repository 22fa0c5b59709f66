using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// A fridge or freezer: the compressor cycles on and off (about 20 minutes of every hour for a
/// fridge), a little longer on hot days. Cycles run on continuously across midnight.
/// </summary>
internal sealed class CoolingModel : ApplianceModel
{
    private readonly int _period;
    private readonly int _phase;
    private readonly double _duty;

    public CoolingModel(Appliance appliance, ulong seed)
        : base(appliance, seed)
    {
        var random = new SplitMix(seed);
        var freezer = appliance.Kind == ApplianceKind.Freezer;
        _period = freezer ? random.Between(75, 95) : random.Between(54, 66);
        _phase = random.Between(0, _period);
        _duty = freezer ? random.Between(0.3, 0.4) : random.Between(0.29, 0.37);
    }

    public override double PowerFactor => 0.8;

    public override void Render(HouseholdDay day, MinuteCanvas canvas)
    {
        // Kitchens are warmer when it is hot outside; the compressor needs longer to keep up.
        var duty = Math.Clamp(_duty + (0.006 * (day.Weather.MeanTemperature - 15.0)), 0.2, 0.6);
        var onMinutes = (int)Math.Round(_period * duty);
        var first = day.EpochMinute - ((day.EpochMinute + _phase) % _period);
        for (var cycle = first; cycle < day.EpochMinute + day.Minutes; cycle += _period)
        {
            canvas.Add((int)(cycle - day.EpochMinute), onMinutes, Appliance.RatedWatts);
        }
    }
}
