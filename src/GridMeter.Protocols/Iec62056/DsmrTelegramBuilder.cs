using System.Buffers;
using System.Globalization;
using System.Text;

namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// Writes P1 telegrams as a DSMR meter does, for virtual meters: "/" header, a blank line, one COSEM line
/// per object, "!" and the CRC-16 of everything from "/" to "!" (DSMR 5.0.2 §6.2), lines ending CR LF.
/// </summary>
public sealed class DsmrTelegramBuilder
{
    private readonly StringBuilder _lines = new();
    private readonly string _header;

    /// <param name="header">The identification after "/", e.g. "ISk5\2MT382-1000" (manufacturer, baud digit, type).</param>
    public DsmrTelegramBuilder(string header)
    {
        if (header.Length < 4 || header.AsSpan().ContainsAny("\r\n!/"))
        {
            throw new ProtocolException("A P1 header is XXX5 and an identification, without line breaks, '/' or '!'");
        }
        _header = header;
    }

    /// <summary>A line with fields exactly as given: Add(obis, "170102192002W").</summary>
    public DsmrTelegramBuilder Add(Obis obis, params ReadOnlySpan<string> fields)
    {
        _lines.Append(CultureInfo.InvariantCulture, $"{obis}");
        foreach (var field in fields)
        {
            if (field.AsSpan().ContainsAny("()\r\n!"))
            {
                throw new ProtocolException($"'{field}' cannot stand inside a P1 field");
            }
            _lines.Append('(').Append(field).Append(')');
        }
        _lines.Append("\r\n");
        return this;
    }

    /// <summary>A value in the fixed layout of DSMR 5.0.2 §6.12, e.g. F9(3,3) → "000123.456*kWh".</summary>
    public DsmrTelegramBuilder AddValue(Obis obis, decimal value, string unit, int integerDigits, int decimals) =>
        Add(obis, Number(value, unit, integerDigits, decimals));

    /// <summary>A value with its own capture time, as M-Bus readings: 0-1:24.2.1(time)(value*m3).</summary>
    public DsmrTelegramBuilder AddStampedValue(Obis obis, string timestamp, decimal value, string unit, int integerDigits, int decimals) =>
        Add(obis, timestamp, Number(value, unit, integerDigits, decimals));

    /// <summary>Text as DSMR octet strings: hex digits of the ASCII bytes (equipment ids, messages).</summary>
    public DsmrTelegramBuilder AddText(Obis obis, string text) => Add(obis, Convert.ToHexString(Encoding.ASCII.GetBytes(text)));

    /// <summary>Writes the telegram; without a CRC (DSMR 2.2/3) when <paramref name="withCrc"/> is false.</summary>
    public void WriteTo(IBufferWriter<byte> output, bool withCrc = true)
    {
        var text = $"/{_header}\r\n\r\n{_lines}!";
        var bytes = Encoding.ASCII.GetBytes(text);
        output.Write(bytes);
        var tail = withCrc ? $"{Crc16.Arc(bytes):X4}\r\n" : "\r\n";
        output.Write(Encoding.ASCII.GetBytes(tail));
    }

    public byte[] ToArray(bool withCrc = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteTo(buffer, withCrc);
        return buffer.WrittenSpan.ToArray();
    }

    private static string Number(decimal value, string unit, int integerDigits, int decimals)
    {
        if (integerDigits is < 1 or > 20 || decimals is < 0 or > 10)
        {
            throw new ProtocolException("A P1 number has 1 to 20 integer digits and up to 10 decimals");
        }
        var format = new string('0', integerDigits) + (decimals > 0 ? "." + new string('0', decimals) : "");
        var number = Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString(format, CultureInfo.InvariantCulture);
        return unit.Length == 0 ? number : $"{number}*{unit}";
    }
}
