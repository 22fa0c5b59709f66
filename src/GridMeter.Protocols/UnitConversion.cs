namespace GridMeter.Protocols;

/// <summary>
/// Converts the units meters report into the units of the GridMeter contract (section 2): energy in
/// kWh or kvarh, power in kW or kvar, apparent quantities in kVA and kVAh. Other units pass unchanged.
/// Decimal arithmetic keeps every digit the meter sent.
/// </summary>
public static class UnitConversion
{
    public static (decimal Value, string Unit) ToContract(decimal value, ReadOnlySpan<char> unit) => unit switch
    {
        "" => (value, ""),
        "kWh" or "KWH" or "kwh" => (value, "kWh"),
        "Wh" or "WH" or "wh" => (value / 1000m, "kWh"),
        "MWh" or "MWH" => (value * 1000m, "kWh"),
        "kW" or "KW" or "kw" => (value, "kW"),
        "W" or "w" => (value / 1000m, "kW"),
        "MW" => (value * 1000m, "kW"),
        "kvarh" or "kVArh" or "KVARH" or "kvArh" => (value, "kvarh"),
        "varh" or "VArh" or "VARH" or "vArh" => (value / 1000m, "kvarh"),
        "kvar" or "kVAr" or "KVAR" or "kvAr" => (value, "kvar"),
        "var" or "VAr" or "VAR" or "vAr" => (value / 1000m, "kvar"),
        "kVAh" or "KVAH" => (value, "kVAh"),
        "VAh" or "VAH" => (value / 1000m, "kVAh"),
        "kVA" or "KVA" => (value, "kVA"),
        "VA" => (value / 1000m, "kVA"),
        "v" => (value, "V"),
        "a" => (value, "A"),
        "hz" or "HZ" => (value, "Hz"),
        _ => (value, Known(unit)),
    };

    private static string Known(ReadOnlySpan<char> unit) => unit switch
    {
        "V" => "V",
        "A" => "A",
        "Hz" => "Hz",
        "m3" => "m3",
        "GJ" => "GJ",
        "s" => "s",
        _ => unit.ToString(),
    };
}
