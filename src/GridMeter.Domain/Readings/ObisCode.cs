using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GridMeter.Domain.Readings;

/// <summary>
/// An OBIS identifier (IEC 62056-61) "A-B:C.D.E", naming what a value measures: medium and channel
/// (A-B), quantity (C), kind of processing (D: 8 = cumulative register, 7 = instantaneous) and tariff (E).
/// </summary>
public readonly record struct ObisCode(byte A, byte B, byte C, byte D, byte E) : ISpanFormattable
{
    /// <summary>Active energy imported, all tariffs: the register every bill starts from.</summary>
    public static readonly ObisCode ActiveImport = new(1, 0, 1, 8, 0);
    public static readonly ObisCode ActiveExport = new(1, 0, 2, 8, 0);
    public static readonly ObisCode ActivePowerImport = new(1, 0, 1, 7, 0);
    public static readonly ObisCode ActivePowerExport = new(1, 0, 2, 7, 0);
    public static readonly ObisCode Voltage = new(1, 0, 32, 7, 0);
    public static readonly ObisCode Current = new(1, 0, 31, 7, 0);
    public static readonly ObisCode Frequency = new(1, 0, 14, 7, 0);
    public static readonly ObisCode PowerFactor = new(1, 0, 13, 7, 0);

    /// <summary>A cumulative register (D = 8): energy in kWh or kvarh that only grows.</summary>
    public bool IsRegister => D == 8;

    /// <summary>An instantaneous value (D = 7): power, voltage, current, frequency, power factor.</summary>
    public bool IsInstantaneous => D == 7;

    /// <summary>The all-tariff total this per-tariff register adds up to (1.8.1 → 1.8.0), or itself.</summary>
    public ObisCode Total => this with { E = 0 };

    /// <summary>The unit values of this code carry on the wire (CONTRACT section 2).</summary>
    public string Unit => (C, D) switch
    {
        (1 or 2 or 21 or 22 or 41 or 42 or 61 or 62 or 9 or 10, 8) => "kWh",
        (3 or 4 or 23 or 24 or 43 or 44 or 63 or 64, 8) => "kvarh",
        (1 or 2 or 21 or 22 or 41 or 42 or 61 or 62 or 9 or 10, 7) => "kW",
        (3 or 4 or 23 or 24 or 43 or 44 or 63 or 64, 7) => "kvar",
        (32 or 52 or 72, 7) => "V",
        (31 or 51 or 71 or 91, 7) => "A",
        (14, 7) => "Hz",
        _ => "",
    };

    public static ObisCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an OBIS code A-B:C.D.E");

    /// <summary>Parses "A-B:C.D.E", or the short "C.D.E" of electricity channel 1-0.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ObisCode code) => TryParse(text.AsSpan(), out code);

    public static bool TryParse(ReadOnlySpan<char> text, out ObisCode code)
    {
        code = default;
        byte a = 1, b = 0;
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            var dash = text[..colon].IndexOf('-');
            if (dash < 0 || !TryByte(text[..dash], out a) || !TryByte(text[(dash + 1)..colon], out b))
            {
                return false;
            }
            text = text[(colon + 1)..];
        }
        Span<Range> parts = stackalloc Range[4];
        if (text.Split(parts, '.') != 3
            || !TryByte(text[parts[0]], out var c) || !TryByte(text[parts[1]], out var d) || !TryByte(text[parts[2]], out var e))
        {
            return false;
        }
        code = new ObisCode(a, b, c, d, e);
        return true;
    }

    private static bool TryByte(ReadOnlySpan<char> digits, out byte value)
    {
        value = 0;
        return digits.Length is > 0 and <= 3 && digits.IndexOfAnyExceptInRange('0', '9') < 0
            && byte.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public override string ToString() => $"{A}-{B}:{C}.{D}.{E}";

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{A}-{B}:{C}.{D}.{E}", out charsWritten);
}
