namespace GridMeter.Protocols;

/// <summary>
/// One value read from a meter: what it measures, the exact number in the unit GridMeter uses on the
/// wire (kWh, kW, kvarh, kvar, V, A, Hz; see <see cref="UnitConversion"/>), and when the meter
/// captured it where the protocol says so.
/// </summary>
public readonly record struct MeterValue(Obis Obis, decimal Value, string Unit, DateTimeOffset? Timestamp = null)
{
    /// <summary>A value as the meter reported it, converted to GridMeter's unit (Wh → kWh, W → kW …).</summary>
    public static MeterValue FromMeter(Obis obis, decimal value, ReadOnlySpan<char> unit, DateTimeOffset? timestamp = null)
    {
        var (converted, contractUnit) = UnitConversion.ToContract(value, unit);
        return new MeterValue(obis, converted, contractUnit, timestamp);
    }

    public override string ToString() =>
        Timestamp is { } at ? $"{Obis} = {Value} {Unit} @ {at:O}" : $"{Obis} = {Value} {Unit}";
}
