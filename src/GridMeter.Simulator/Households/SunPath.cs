namespace GridMeter.Simulator.Households;

/// <summary>
/// The sun over the premises on one day, precise to a few minutes, which is all that lighting
/// habits and PV output need (declination after Cooper, 1969; no equation of time).
/// </summary>
internal sealed class SunPath
{
    private const double Refraction = -0.0145; // sin(-0.83°): the sun's disc and refraction at the horizon

    private readonly double _sinProduct;
    private readonly double _cosProduct;

    public SunPath(double latitude, int dayOfYear)
    {
        var declination = 23.44 * Math.PI / 180.0 * Math.Sin(2.0 * Math.PI * (284 + dayOfYear) / 365.0);
        var phi = latitude * Math.PI / 180.0;
        _sinProduct = Math.Sin(phi) * Math.Sin(declination);
        _cosProduct = Math.Cos(phi) * Math.Cos(declination);
        var cosHourAngle = Math.Clamp((Refraction - _sinProduct) / _cosProduct, -1.0, 1.0);
        var halfDay = Math.Acos(cosHourAngle) / (2.0 * Math.PI) * 1440.0;
        Sunrise = 720.0 - halfDay;
        Sunset = 720.0 + halfDay;
    }

    /// <summary>Sunrise in minutes after local solar midnight.</summary>
    public double Sunrise { get; }

    /// <summary>Sunset in minutes after local solar midnight.</summary>
    public double Sunset { get; }

    /// <summary>Sine of the sun's elevation at a solar time; negative at night.</summary>
    public double SinElevation(double solarMinute) =>
        _sinProduct + (_cosProduct * Math.Cos(2.0 * Math.PI * (solarMinute - 720.0) / 1440.0));
}
