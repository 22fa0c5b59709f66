using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// A rooftop PV inverter: clear-sky output follows the sun's elevation (the exponent below 1 stands
/// for panels tilted towards the sun), scaled by the day's cloud, quarter-hour by quarter-hour, with
/// a flicker by the minute. Its watts are generation: the household subtracts them from its consumption.
/// </summary>
internal sealed class PvModel : ApplianceModel
{
    private const int Knot = 5; // the sun moves little in five minutes: interpolate between knots

    private readonly double _efficiency;
    private readonly double _orientation;

    public PvModel(Appliance appliance, ulong seed)
        : base(appliance, seed)
    {
        var random = new SplitMix(seed);
        _efficiency = random.Between(0.78, 0.86);
        _orientation = random.Between(-40.0, 40.0); // east- or west-facing roofs peak earlier or later
    }

    public override double PowerFactor => 1.0;

    public override void Render(HouseholdDay day, MinuteCanvas canvas)
    {
        var first = Math.Max(0, day.IndexOfSolar(day.Sun.Sunrise));
        var last = Math.Min(day.Minutes, day.IndexOfSolar(day.Sun.Sunset) + 1);
        var peak = Appliance.RatedWatts * _efficiency;
        var before = ClearSky(day, first);
        for (var knot = first; knot < last; knot += Knot)
        {
            var after = ClearSky(day, knot + Knot);
            var share = day.Weather.ClearSkyShare(knot / 15);
            for (var minute = knot; minute < knot + Knot && minute < last; minute++)
            {
                var sky = before + ((after - before) * (minute - knot) / Knot);
                var flicker = 1.0 + (0.03 * Noise.Signed(Seed, (ulong)(day.EpochMinute + minute)));
                canvas.Add(minute, (int)(peak * sky * share * flicker));
            }
            before = after;
        }
    }

    private double ClearSky(HouseholdDay day, int minute)
    {
        var sine = day.Sun.SinElevation(day.SolarMinute(minute) - _orientation);
        return sine <= 0 ? 0.0 : Math.Pow(sine, 0.75);
    }
}
