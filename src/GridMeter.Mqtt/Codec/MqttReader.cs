using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace GridMeter.Mqtt.Codec;

/// <summary>Reads the data types of MQTT 5.0 §1.5 from a packet body; every overrun is a malformed packet.</summary>
internal ref struct MqttReader(ReadOnlySpan<byte> span)
{
    private readonly ReadOnlySpan<byte> _span = span;
    private int _position;

    public readonly int Remaining => _span.Length - _position;

    public readonly bool IsEnd => _position == _span.Length;

    public byte ReadByte()
    {
        if (_position >= _span.Length)
        {
            throw MqttProtocolException.Malformed("packet ends early");
        }
        return _span[_position++];
    }

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(ReadBytes(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(ReadBytes(4));

    /// <summary>MQTT 5.0 §1.5.5: at most four bytes.</summary>
    public uint ReadVariableByteInteger()
    {
        uint value = 0;
        for (var i = 0; i < 4; i++)
        {
            var b = ReadByte();
            value |= (uint)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw MqttProtocolException.Malformed("variable byte integer longer than four bytes");
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count > Remaining)
        {
            throw MqttProtocolException.Malformed("packet ends early");
        }
        var bytes = _span.Slice(_position, count);
        _position += count;
        return bytes;
    }

    public ReadOnlySpan<byte> ReadRest() => ReadBytes(Remaining);

    /// <summary>Two-byte length then the data (MQTT 5.0 §1.5.6).</summary>
    public ReadOnlySpan<byte> ReadBinary() => ReadBytes(ReadUInt16());

    /// <summary>MQTT 5.0 §1.5.4 / 3.1.1 §1.5.3: well-formed UTF-8 without U+0000.</summary>
    public string ReadString() => Decode(ReadStringBytes());

    public ReadOnlySpan<byte> ReadStringBytes()
    {
        var bytes = ReadBinary();
        Validate(bytes);
        return bytes;
    }

    public static void Validate(ReadOnlySpan<byte> utf8)
    {
        // Utf8.IsValid refuses overlong forms and the surrogates U+D800..U+DFFF, as §1.5.4 asks.
        if (utf8.Contains((byte)0) || !Utf8.IsValid(utf8))
        {
            throw MqttProtocolException.Malformed("string is not well-formed UTF-8 or contains U+0000");
        }
    }

    public static string Decode(ReadOnlySpan<byte> utf8) => utf8.Length == 0 ? "" : Encoding.UTF8.GetString(utf8);
}
