using System.Globalization;

namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// IEC 62056-21 §6.5 data set "address(value*unit)": an OBIS address (often the short C.D.E form), a
/// value of up to 32 characters and an optional unit of up to 16.
/// </summary>
public sealed record DataSet(string Address, string Value, string Unit = "")
{
    /// <summary>The data set as a number in GridMeter units, when its address is OBIS and its value a number.</summary>
    public bool TryGetMeterValue(out MeterValue value)
    {
        value = default;
        if (!Obis.TryParse(Address, out var obis)
            || !decimal.TryParse(Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }
        value = MeterValue.FromMeter(obis, number, Unit);
        return true;
    }

    /// <summary>"1.8.0(001234.5*kWh)"; the value alone when there is no unit.</summary>
    public override string ToString() => Unit.Length == 0 ? $"{Address}({Value})" : $"{Address}({Value}*{Unit})";

    internal bool IsValid =>
        Address.Length <= 16 && Value.Length <= 32 && Unit.Length <= 16
        && IecCharacters.IsPrintable(Address) && IecCharacters.IsPrintable(Value) && IecCharacters.IsPrintable(Unit)
        && !Address.AsSpan().ContainsAny("()/!*") && !Value.AsSpan().ContainsAny("()/!*") && !Unit.AsSpan().ContainsAny("()/!");
}
