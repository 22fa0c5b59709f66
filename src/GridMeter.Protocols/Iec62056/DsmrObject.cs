namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// One COSEM line of a P1 telegram as written: its OBIS code and the text of each parenthesised field
/// (DSMR 5.0.2 §6.4: OBIS(value)(value)…). A DSMR 2.2/3 continuation line "(value)" adds its field here.
/// </summary>
public sealed record DsmrObject(Obis Obis, IReadOnlyList<string> Fields)
{
    /// <summary>The number and unit of field <paramref name="index"/> ("001.19*kW"), unconverted.</summary>
    public bool TryGetNumber(int index, out decimal value, out string unit)
    {
        value = 0;
        unit = "";
        return index < Fields.Count && DsmrField.TryNumber(Fields[index], out value, out unit);
    }

    /// <summary>Field <paramref name="index"/> read as a telegram timestamp.</summary>
    public bool TryGetTimestamp(int index, DsmrTimeZone zone, out DateTimeOffset timestamp)
    {
        timestamp = default;
        return index < Fields.Count && DsmrTimestamp.TryParse(Fields[index], zone, out timestamp);
    }

    public override string ToString() => $"{Obis}({string.Join(")(", Fields)})";
}
