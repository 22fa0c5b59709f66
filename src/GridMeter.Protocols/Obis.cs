using System.Globalization;

namespace GridMeter.Protocols;

/// <summary>
/// An OBIS identifier (IEC 62056-61) A-B:C.D.E*F: medium and channel (A-B), quantity (C), processing
/// (D: 8 = cumulative register, 7 = instantaneous), tariff (E) and historical value (F, 255 = current).
/// Written as "A-B:C.D.E" like the rest of GridMeter; F is shown only when it is not 255.
/// </summary>
public readonly record struct Obis(byte A, byte B, byte C, byte D, byte E, byte F = 255) : ISpanFormattable
{
    /// <summary>The clock object 0-0:1.0.0 (DSMR telegram time, DLMS class 8).</summary>
    public static readonly Obis Clock = new(0, 0, 1, 0, 0);

    /// <summary>Parses "A-B:C.D.E", "A-B:C.D.E*F", "A.B.C.D.E.F" or the short "C.D.E" of channel 1-0.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Obis obis)
    {
        obis = default;
        byte a = 1, b = 0, f = 255;
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            var dash = text[..colon].IndexOf('-');
            if (dash < 0 || !TryGroup(text[..dash], out a) || !TryGroup(text[(dash + 1)..colon], out b))
            {
                return false;
            }
            text = text[(colon + 1)..];
        }
        var star = text.IndexOfAny('*', '&');
        if (star >= 0)
        {
            if (!TryGroup(text[(star + 1)..], out f))
            {
                return false;
            }
            text = text[..star];
        }
        Span<Range> parts = stackalloc Range[7];
        var count = text.Split(parts, '.');
        if (count == 6 && colon < 0 && star < 0)
        {
            // Blue Book logical-name notation: six dotted groups.
            return TryGroup(text[parts[0]], out a) && TryGroup(text[parts[1]], out b) && TryGroups(text, parts[2..], out obis, a, b, true);
        }
        return count == 3 && TryGroups(text, parts, out obis, a, b, false, f);
    }

    public static bool TryParse(ReadOnlySpan<byte> ascii, out Obis obis)
    {
        obis = default;
        if (ascii.Length is 0 or > 40)
        {
            return false;
        }
        Span<char> chars = stackalloc char[ascii.Length];
        for (var i = 0; i < ascii.Length; i++)
        {
            chars[i] = (char)ascii[i];
        }
        return TryParse(chars, out obis);
    }

    public static Obis Parse(string text) =>
        TryParse(text.AsSpan(), out var obis) ? obis : throw new ProtocolException($"'{text}' is not an OBIS code A-B:C.D.E");

    /// <summary>The six-byte logical name of a COSEM object (Blue Book §4.1.8.2).</summary>
    public static Obis FromLogicalName(ReadOnlySpan<byte> name) =>
        name.Length == 6 ? new Obis(name[0], name[1], name[2], name[3], name[4], name[5])
            : throw new ProtocolException("A logical name is six bytes");

    public void WriteLogicalName(Span<byte> destination)
    {
        destination[0] = A;
        destination[1] = B;
        destination[2] = C;
        destination[3] = D;
        destination[4] = E;
        destination[5] = F;
    }

    /// <summary>The same quantity without the historical group, as telegrams name current values.</summary>
    public Obis Current => this with { F = 255 };

    public override string ToString() => F == 255 ? $"{A}-{B}:{C}.{D}.{E}" : $"{A}-{B}:{C}.{D}.{E}*{F}";

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        F == 255
            ? destination.TryWrite(CultureInfo.InvariantCulture, $"{A}-{B}:{C}.{D}.{E}", out charsWritten)
            : destination.TryWrite(CultureInfo.InvariantCulture, $"{A}-{B}:{C}.{D}.{E}*{F}", out charsWritten);

    private static bool TryGroups(ReadOnlySpan<char> text, ReadOnlySpan<Range> parts, out Obis obis, byte a, byte b, bool withF, byte f = 255)
    {
        obis = default;
        if (!TryGroup(text[parts[0]], out var c) || !TryGroup(text[parts[1]], out var d) || !TryGroup(text[parts[2]], out var e)
            || (withF && !TryGroup(text[parts[3]], out f)))
        {
            return false;
        }
        obis = new Obis(a, b, c, d, e, f);
        return true;
    }

    private static bool TryGroup(ReadOnlySpan<char> digits, out byte value)
    {
        value = 0;
        if (digits.Length == 1 && LetterGroup(digits[0]) is byte letter)
        {
            // IEC 62056-61 §5.5: the letters C, F, L, P stand for the values 96 to 99 in group C.
            value = letter;
            return true;
        }
        return digits.Length is > 0 and <= 3 && !digits.ContainsAnyExceptInRange('0', '9')
            && byte.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static byte? LetterGroup(char letter) => letter switch
    {
        'C' => 96,
        'F' => 97,
        'L' => 98,
        'P' => 99,
        _ => null,
    };
}
