using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households;

/// <summary>
/// One day's weather at the premises: temperature for heating and fridges, cloud for PV. It depends
/// on place and date only, so neighbours in one zone share their sunny and cloudy days.
/// </summary>
internal sealed class DailyWeather
{
    private readonly ulong _seed;
    private readonly int _dayNumber;

    public DailyWeather(Premises premises, int dayNumber, int dayOfYear)
    {
        _seed = Noise.Mix(Noise.OfText(premises.Zone.Id), (ulong)(long)Math.Round(premises.Latitude * 10), (ulong)(long)Math.Round(premises.Longitude * 10));
        _dayNumber = dayNumber;
        var seasonDay = premises.IsSouthern ? dayOfYear + 182 : dayOfYear;
        var latitude = Math.Abs(premises.Latitude);
        var annualMean = 15.5 - (0.35 * (latitude - 40.0));
        var amplitude = 8.0 + (0.1 * (latitude - 40.0));
        var season = Math.Cos(2.0 * Math.PI * (seasonDay - 20) / 365.25); // 1 in late January
        MeanTemperature = annualMean - (amplitude * season)
            + (4.0 * Noise.Smooth(_seed, dayNumber, 5.0)) + (1.5 * Noise.Signed(_seed, (ulong)dayNumber));
        var clearChance = 0.45 - (0.25 * season);
        var draw = (0.6 * ((Noise.Smooth(_seed + 1, dayNumber, 2.5) + 1.0) / 2.0)) + (0.4 * Noise.Unit(_seed + 2, (ulong)dayNumber));
        Cloudiness = Math.Clamp(draw + 0.5 - clearChance, 0.0, 1.0);
    }

    /// <summary>Daily mean outdoor temperature in °C.</summary>
    public double MeanTemperature { get; }

    /// <summary>0 for a clear sky all day, 1 for a thick overcast.</summary>
    public double Cloudiness { get; }

    /// <summary>Outdoor temperature at a solar time: coldest before dawn, warmest mid-afternoon.</summary>
    public double Temperature(double solarMinute) =>
        MeanTemperature + (4.0 * Math.Cos(2.0 * Math.PI * (solarMinute - 900.0) / 1440.0));

    /// <summary>Share of clear-sky PV output in one quarter-hour of the day; passing clouds make it vary.</summary>
    public double ClearSkyShare(int quarterHour)
    {
        var passing = Noise.Unit(_seed + 3, ((ulong)_dayNumber * 128UL) + (ulong)quarterHour);
        return Math.Clamp(1.0 - (Cloudiness * (0.45 + (0.5 * passing))), 0.05, 1.0);
    }
}
