using NodaTime;

namespace GridMeter.Domain.Vee;

/// <summary>The most power a connection can carry: phases × nominal voltage × maximum current.</summary>
public sealed record ConnectionLimit(int Phases, int NominalVoltageV, int MaxCurrentA)
{
    public long MaxWatts => (long)Phases * NominalVoltageV * MaxCurrentA;

    /// <summary>The most energy in Wh the connection can deliver in <paramref name="span"/>, rounded up.</summary>
    public long MaxWh(Duration span)
    {
        var wattSeconds = (Int128)MaxWatts * (long)Math.Ceiling(span.TotalSeconds);
        return (long)((wattSeconds + 3599) / 3600);
    }
}
