using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// An air-to-water heat pump: space heating follows the heat loss of the house (its UA value times
/// the temperature below the balance point) over the coefficient of performance, which falls in the
/// cold. The thermostat is programmed for a morning and an evening comfort period (as Italian rules on
/// heating hours make usual), with a strong boost to recover when each begins and only frost
/// protection in between; below its lowest modulation the pump cycles on and off. Hot water is heated
/// every night in the cheap hours, all year.
/// </summary>
internal sealed class HeatPumpModel : ApplianceModel
{
    private readonly double _lossWattsPerKelvin;
    private readonly int[] _comfortWall;
    private readonly int _hotWaterWall;
    private readonly int _hotWaterWatts;

    public HeatPumpModel(Appliance appliance, ulong seed)
        : base(appliance, seed)
    {
        var random = new SplitMix(seed);
        _lossWattsPerKelvin = random.Between(130.0, 210.0);
        _comfortWall = [random.Minutes(6 * 60, 20), random.Minutes(9 * 60, 20), random.Minutes((16 * 60) + 45, 30), random.Minutes((22 * 60) + 30, 20)];
        _hotWaterWall = random.Between(60, 150);
        _hotWaterWatts = random.Between(900, 1300);
    }

    public override double PowerFactor => 0.95;

    public override void Render(HouseholdDay day, MinuteCanvas canvas)
    {
        var periods = new[] { day.IndexOfWall(_comfortWall[0]), day.IndexOfWall(_comfortWall[1]), day.IndexOfWall(_comfortWall[2]), day.IndexOfWall(_comfortWall[3]) };
        var lowest = Appliance.RatedWatts * 3 / 10;
        for (var quarter = 0; quarter < day.Minutes; quarter += 15)
        {
            var middle = quarter + 7;
            var outdoor = day.Weather.Temperature(day.SolarMinute(middle));
            var morning = middle >= periods[0] && middle < periods[1];
            var evening = middle >= periods[2] && middle < periods[3];
            var balancePoint = morning || evening ? 17.5 : 10.0; // setpoint less the gains from people, appliances and sun
            var heat = _lossWattsPerKelvin * Math.Max(0.0, balancePoint - outdoor);
            var sinceStart = middle - (morning ? periods[0] : periods[2]);
            if (heat > 0 && (morning || evening) && sinceStart < 60)
            {
                heat = (heat * 1.5) + (_lossWattsPerKelvin * 3.0); // reheating the fabric cooled in between
            }
            var cop = Math.Clamp(2.8 + (0.07 * outdoor), 2.0, 4.5);
            var electric = Math.Min(heat / cop, Appliance.RatedWatts) * (1.0 + (0.05 * QuarterNoise(day, quarter)));
            if (electric >= lowest)
            {
                canvas.Add(quarter, 15, (int)electric);
            }
            else if (electric > 0)
            {
                canvas.Add(quarter, (int)Math.Round(15.0 * electric / lowest), lowest);
            }
        }
        var hotWater = day.IndexOfWall(_hotWaterWall + Today(day).Between(-20, 20));
        canvas.Add(hotWater, 50, _hotWaterWatts);
    }
}
