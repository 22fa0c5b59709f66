namespace GridMeter.Protocols.Dlms;

/// <summary>Blue Book §4.3.2 table of unit enumerations (the unit of a register's scaler_unit).</summary>
public static class DlmsUnit
{
    public const byte Watt = 27;
    public const byte Var = 29;
    public const byte WattHour = 30;
    public const byte VarHour = 32;
    public const byte Ampere = 33;
    public const byte Volt = 35;
    public const byte Hertz = 44;
    public const byte Count = 255;

    /// <summary>The unit's symbol as meters write it; "" for 255 (count) and the unitless codes.</summary>
    public static string Symbol(byte unit) => unit switch
    {
        1 => "a",
        2 => "mo",
        3 => "wk",
        4 => "d",
        5 => "h",
        6 => "min",
        7 => "s",
        8 => "°",
        9 => "°C",
        10 => "currency",
        11 => "m",
        12 => "m/s",
        13 or 14 => "m3",
        15 or 16 => "m3/h",
        17 or 18 => "m3/d",
        19 => "l",
        20 => "kg",
        21 => "N",
        22 => "Nm",
        23 => "Pa",
        24 => "bar",
        25 => "J",
        26 => "J/h",
        27 => "W",
        28 => "VA",
        29 => "var",
        30 => "Wh",
        31 => "VAh",
        32 => "varh",
        33 => "A",
        34 => "C",
        35 => "V",
        36 => "V/m",
        37 => "F",
        38 => "Ω",
        44 => "Hz",
        52 => "K",
        56 => "%",
        57 => "Ah",
        _ => "",
    };
}
