using System.Buffers.Binary;
using System.Text;

namespace GridMeter.Mqtt.Codec;

/// <summary>
/// Writes the data types of MQTT 5.0 §1.5 into a span, or (when measuring) only counts the bytes, so the
/// same body code sizes a packet and then writes it without an intermediate buffer.
/// </summary>
internal ref struct MqttWriter
{
    private readonly Span<byte> _buffer;
    private readonly bool _measuring;

    public MqttWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _measuring = false;
    }

    private MqttWriter(bool measuring)
    {
        _buffer = default;
        _measuring = measuring;
    }

    public int Position { get; private set; }

    public static MqttWriter Measure() => new(measuring: true);

    public static int VariableByteIntegerSize(uint value) => value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;

    public void Byte(byte value)
    {
        if (!_measuring)
        {
            _buffer[Position] = value;
        }
        Position++;
    }

    public void UInt16(ushort value)
    {
        if (!_measuring)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[Position..], value);
        }
        Position += 2;
    }

    public void UInt32(uint value)
    {
        if (!_measuring)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer[Position..], value);
        }
        Position += 4;
    }

    public void VariableByteInteger(uint value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            Byte(value > 0 ? (byte)(b | 0x80) : b);
        }
        while (value > 0);
    }

    public void String(string value)
    {
        if (_measuring)
        {
            Position += 2 + Encoding.UTF8.GetByteCount(value);
            return;
        }
        var length = Encoding.UTF8.GetBytes(value, _buffer[(Position + 2)..]);
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException("an MQTT string is at most 65,535 bytes", nameof(value));
        }
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[Position..], (ushort)length);
        Position += 2 + length;
    }

    public void Binary(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException("MQTT binary data is at most 65,535 bytes", nameof(value));
        }
        UInt16((ushort)value.Length);
        Raw(value);
    }

    public void Raw(ReadOnlySpan<byte> value)
    {
        if (!_measuring)
        {
            value.CopyTo(_buffer[Position..]);
        }
        Position += value.Length;
    }

    public void Property(MqttPropertyId id) => Byte((byte)id);

    public void ByteProperty(MqttPropertyId id, byte value)
    {
        Property(id);
        Byte(value);
    }

    public void UInt16Property(MqttPropertyId id, ushort value)
    {
        Property(id);
        UInt16(value);
    }

    public void UInt32Property(MqttPropertyId id, uint value)
    {
        Property(id);
        UInt32(value);
    }

    public void StringProperty(MqttPropertyId id, string? value)
    {
        if (value is not null)
        {
            Property(id);
            String(value);
        }
    }

    public void UserProperties(IReadOnlyList<Packets.MqttUserProperty> properties)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            Property(MqttPropertyId.UserProperty);
            String(properties[i].Name);
            String(properties[i].Value);
        }
    }
}
