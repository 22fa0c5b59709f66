using System.Globalization;

namespace GridMeter.Protocols.Iec62056;

/// <summary>Reading the content of one parenthesised field: numbers with units and hex-coded text.</summary>
internal static class DsmrField
{
    /// <summary>DSMR 5.0.2 §6.4: a value is digits with an optional decimal point, then "*unit" when it has one.</summary>
    public static bool TryNumber(ReadOnlySpan<char> field, out decimal value, out string unit)
    {
        value = 0;
        unit = "";
        var star = field.IndexOf('*');
        var number = star >= 0 ? field[..star] : field;
        var digits = number.Length > 0 && number[0] == '-' ? number[1..] : number;
        // 24 digits leave room for the ×1000 of a MWh → kWh conversion within decimal's range.
        if (digits.Length is 0 or > 24 || digits[0] == '.' || digits[^1] == '.'
            || digits.ContainsAnyExcept("0123456789.") || digits.Count('.') > 1)
        {
            return false;
        }
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        if (star >= 0)
        {
            var unitText = field[(star + 1)..];
            if (unitText.Length is 0 or > 8 || unitText.ContainsAny("()*"))
            {
                return false;
            }
            unit = unitText.ToString();
        }
        return true;
    }

    /// <summary>
    /// DSMR 5.0.2 §6.12: equipment identifiers and messages are octet strings written as hex. A field
    /// that is not hex, or whose bytes are not printable text, is returned as written (EasyMeter and
    /// Iskra write their identifiers in plain text).
    /// </summary>
    public static string Text(string field)
    {
        if (field.Length == 0 || field.Length % 2 != 0 || field.Length > 2048 || !field.AsSpan().ContainsOnlyHex())
        {
            return field;
        }
        Span<char> decoded = stackalloc char[field.Length / 2];
        for (var i = 0; i < decoded.Length; i++)
        {
            var b = (Hex(field[2 * i]) << 4) | Hex(field[(2 * i) + 1]);
            if (b is < 0x20 or > 0x7E)
            {
                return field;
            }
            decoded[i] = (char)b;
        }
        return decoded.ToString();
    }

    private static bool ContainsOnlyHex(this ReadOnlySpan<char> text) => !text.ContainsAnyExcept("0123456789ABCDEFabcdef");

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
