using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>The BER pieces AARQ and AARE share (Green Book §9.4.2, ISO 8650 ACSE).</summary>
internal static class AcseFields
{
    /// <summary>{joint-iso-ccitt(2) country(16) country-name(756) identified-organization(5) DLMS-UA(8)}.</summary>
    private static ReadOnlySpan<byte> DlmsUaPrefix => [0x60, 0x85, 0x74, 0x05, 0x08];

    public const byte ContextNameArc = 1;
    public const byte MechanismNameArc = 2;

    /// <summary>Mechanism 2.16.756.5.8.2.1: low-level security, a password.</summary>
    public const byte LowLevelSecurity = 1;

    public static void Tlv(IBufferWriter<byte> output, byte tag, ReadOnlySpan<byte> value)
    {
        AxdrWriter.Byte(output, tag);
        AxdrWriter.Length(output, value.Length);
        AxdrWriter.Bytes(output, value);
    }

    /// <summary>The object identifier 2.16.756.5.8.{arc}.{id} as BER content.</summary>
    public static byte[] Oid(byte arc, byte id) => [.. DlmsUaPrefix, arc, id];

    public static byte[] ContextName(ApplicationContext context) => [0x06, 0x07, .. Oid(ContextNameArc, (byte)context)];

    public static bool TryReadOid(ReadOnlySpan<byte> value, byte arc, out byte id)
    {
        id = 0;
        // The context name arrives wrapped in an OBJECT IDENTIFIER (06 07 …); the mechanism name bare.
        var oid = value.Length == 9 && value[0] == 0x06 && value[1] == 0x07 ? value[2..] : value;
        if (oid.Length != 7 || !oid[..5].SequenceEqual(DlmsUaPrefix) || oid[5] != arc)
        {
            return false;
        }
        id = oid[6];
        return true;
    }

    /// <summary>Reads the TLVs inside an AARQ/AARE, calling <paramref name="field"/> for each.</summary>
    public static ProtocolError? ReadFields(ReadOnlySpan<byte> apdu, byte expectedTag, FieldReader field, out int consumed)
    {
        consumed = 0;
        var reader = new AxdrReader(apdu);
        if (!reader.TryByte(out var tag) || tag != expectedTag || !reader.TryLength(out var length) || !reader.TryBytes(length, out var content))
        {
            return reader.Remaining == 0 && apdu.Length > 0 && apdu[0] == expectedTag
                ? ProtocolError.Incomplete("ACSE APDU not complete")
                : ProtocolError.Malformed($"Not an ACSE APDU with tag 0x{expectedTag:X2}");
        }
        consumed = reader.Position;
        var inner = new AxdrReader(content);
        while (inner.Remaining > 0)
        {
            if (!inner.TryByte(out var fieldTag) || !inner.TryLength(out var fieldLength) || !inner.TryBytes(fieldLength, out var value))
            {
                return ProtocolError.Malformed("An ACSE field runs past the APDU");
            }
            if (field(fieldTag, value) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    public delegate ProtocolError? FieldReader(byte tag, ReadOnlySpan<byte> value);

    /// <summary>The conformance block as BER bit-string [APPLICATION 31]: 5F 1F 04 00 and three bytes.</summary>
    public static void WriteConformance(IBufferWriter<byte> output, Conformance conformance)
    {
        var bits = (int)conformance;
        AxdrWriter.Bytes(output, [0x5F, 0x1F, 0x04, 0x00, (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits]);
    }

    public static bool TryReadConformance(ref AxdrReader reader, out Conformance conformance)
    {
        conformance = Conformance.None;
        if (!reader.TryBytes(7, out var bytes) || bytes[0] != 0x5F || bytes[1] != 0x1F || bytes[2] != 0x04)
        {
            return false;
        }
        conformance = (Conformance)((bytes[4] << 16) | (bytes[5] << 8) | bytes[6]);
        return true;
    }
}
