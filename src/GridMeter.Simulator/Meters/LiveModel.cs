using GridMeter.Domain.Readings;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Randomness;
using NodaTime;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// Turns the appliances' powers at an instant into what a meter's display shows: active power per
/// phase, voltage (230 V less the drop along the service cable, lower in the evening peak, with
/// noise), current from apparent power, the grid frequency and the power factor.
/// </summary>
internal static class LiveModel
{
    private const double CableOhms = 0.25;
    private static readonly ulong GridSeed = Noise.OfText("synchronous grid");

    public static LiveValues Compute(Instant at, Household household, ReadOnlySpan<int> watts, int wallMinute, ulong meterSeed)
    {
        var phases = household.Premises.Phases;
        Span<double> active = stackalloc double[3];
        Span<double> reactive = stackalloc double[3];
        long totalWatts = 0;
        for (var i = 0; i < watts.Length; i++)
        {
            var appliance = household.Appliances[i];
            var p = appliance.IsGeneration ? -watts[i] : watts[i];
            totalWatts += p;
            var q = appliance.IsGeneration ? 0.0 : p * Math.Tan(Math.Acos(household.Model(i).PowerFactor));
            if (phases == 3 && appliance.Phase == 0)
            {
                for (var ph = 0; ph < 3; ph++)
                {
                    active[ph] += p / 3.0;
                    reactive[ph] += q / 3.0;
                }
            }
            else
            {
                var ph = phases == 3 ? appliance.Phase - 1 : 0;
                active[ph] += p;
                reactive[ph] += q;
            }
        }
        var values = new Dictionary<ObisCode, decimal>
        {
            [ObisCode.ActivePowerImport] = Kw(Math.Max(totalWatts, 0)),
            [ObisCode.ActivePowerExport] = Kw(Math.Max(-totalWatts, 0)),
        };
        var second = at.ToUnixTimeSeconds();
        for (var ph = 0; ph < phases; ph++)
        {
            var apparent = Math.Sqrt((active[ph] * active[ph]) + (reactive[ph] * reactive[ph]));
            var volts = Voltage(meterSeed + (ulong)ph, second, wallMinute, apparent);
            values[MeterObis.PhaseVoltage[ph]] = Round(volts, 1);
            values[MeterObis.PhaseCurrent[ph]] = Round(apparent / volts, 2);
            if (phases == 3)
            {
                values[MeterObis.PhaseImport[ph]] = Kw((long)Math.Round(Math.Max(active[ph], 0)));
                if (household.HasGeneration)
                {
                    values[MeterObis.PhaseExport[ph]] = Kw((long)Math.Round(Math.Max(-active[ph], 0)));
                }
            }
        }
        values[ObisCode.Frequency] = Round(Frequency(second, meterSeed), 3);
        values[ObisCode.PowerFactor] = Round(PowerFactor(totalWatts, reactive), 3);
        return new LiveValues(at, values);
    }

    private static double Voltage(ulong seed, long second, int wallMinute, double apparent)
    {
        var feeder = 4.0 * Noise.Signed(seed, 0); // where on the feeder the premises are
        var hour = wallMinute / 60.0;
        var daily = (-2.0 * Math.Exp(-Math.Pow((hour - 19.5) / 2.5, 2))) + (1.2 * Math.Exp(-Math.Pow((hour - 13.0) / 2.5, 2)));
        var drift = (1.5 * Noise.Smooth(seed + 1, second, 600)) + (0.3 * Noise.Signed(seed + 2, (ulong)second));
        var volts = 230.0 + feeder + daily + drift;
        return volts - (CableOhms * apparent / volts);
    }

    /// <summary>One frequency for the whole synchronous grid, as every meter on it sees, within ±0.05 Hz.</summary>
    private static double Frequency(long second, ulong meterSeed)
    {
        var grid = (0.035 * Noise.Smooth(GridSeed, second, 25)) + (0.01 * Noise.Smooth(GridSeed + 1, second, 3));
        var measurement = 0.002 * Noise.Signed(meterSeed + 7, (ulong)second);
        return Math.Clamp(50.0 + grid + measurement, 49.95, 50.05);
    }

    private static double PowerFactor(long totalWatts, ReadOnlySpan<double> reactive)
    {
        var q = reactive[0] + reactive[1] + reactive[2];
        var s = Math.Sqrt((totalWatts * (double)totalWatts) + (q * q));
        return s < 1.0 ? 1.0 : Math.Abs(totalWatts) / s;
    }

    private static decimal Kw(long watts) => new((int)watts, 0, 0, false, 3);

    private static decimal Round(double value, int decimals) => Math.Round((decimal)value, decimals);
}
