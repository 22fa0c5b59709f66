namespace GridMeter.Domain.Analytics;

/// <summary>Meteorological seasons of the northern hemisphere: daily shapes differ most between them (heating, daylight, solar).</summary>
public enum Season
{
    Winter,
    Spring,
    Summer,
    Autumn,
}
