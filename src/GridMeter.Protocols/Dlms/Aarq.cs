using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// AARQ, the association request (Green Book §9.4.2.2, §11.2): application context, optional low-level
/// security (mechanism 2.16.756.5.8.2.1 and the password as calling authentication value) and the xDLMS
/// InitiateRequest (DLMS version 6, proposed conformance, client max receive PDU size).
/// </summary>
public sealed record Aarq(
    ApplicationContext Context,
    Conformance ProposedConformance,
    ushort MaxReceivePduSize = 0xFFFF,
    ReadOnlyMemory<byte> Password = default,
    byte DlmsVersion = 6)
{
    public const byte Tag = 0x60;

    public bool UsesLowLevelSecurity => !Password.IsEmpty;

    public void Encode(IBufferWriter<byte> output)
    {
        var content = new ArrayBufferWriter<byte>();
        AcseFields.Tlv(content, 0xA1, AcseFields.ContextName(Context));
        if (UsesLowLevelSecurity)
        {
            // sender-acse-requirements: BIT STRING with the authentication bit; then mechanism and password.
            AcseFields.Tlv(content, 0x8A, [0x07, 0x80]);
            AcseFields.Tlv(content, 0x8B, AcseFields.Oid(AcseFields.MechanismNameArc, AcseFields.LowLevelSecurity));
            var password = new ArrayBufferWriter<byte>();
            AcseFields.Tlv(password, 0x80, Password.Span);
            AcseFields.Tlv(content, 0xAC, password.WrittenSpan);
        }
        AcseFields.Tlv(content, 0xBE, InitiateRequest());
        AcseFields.Tlv(output, Tag, content.WrittenSpan);
    }

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static DecodeResult<Aarq> TryDecode(ReadOnlySpan<byte> apdu)
    {
        var result = new Aarq(0, Conformance.None);
        var seenInitiate = false;
        var error = AcseFields.ReadFields(apdu, Tag, (tag, value) =>
        {
            switch (tag)
            {
                case 0xA1 when AcseFields.TryReadOid(value, AcseFields.ContextNameArc, out var context):
                    result = result with { Context = (ApplicationContext)context };
                    return null;
                case 0xA1:
                    return ProtocolError.Unsupported("Not a DLMS application context");
                case 0x8B when !AcseFields.TryReadOid(value, AcseFields.MechanismNameArc, out var mechanism) || mechanism != AcseFields.LowLevelSecurity:
                    return ProtocolError.Unsupported("Only low-level security (a password) is supported");
                case 0xAC when value.Length >= 2 && value[0] == 0x80 && value[1] == value.Length - 2:
                    result = result with { Password = value[2..].ToArray() };
                    return null;
                case 0xAC:
                    return ProtocolError.Malformed("The calling authentication value is not a password");
                case 0xBE:
                    seenInitiate = true;
                    return ReadInitiate(value, ref result);
                default:
                    return null;
            }
        }, out var consumed);
        if (error is { } e)
        {
            return e;
        }
        return result.Context == 0 || !seenInitiate
            ? ProtocolError.Malformed("An AARQ needs an application context and an InitiateRequest")
            : new DecodeResult<Aarq>(result, consumed);
    }

    /// <summary>Green Book §9.5 InitiateRequest: 01, no dedicated key, response-allowed, no QoS, version, conformance, PDU size.</summary>
    private byte[] InitiateRequest()
    {
        var xdlms = new ArrayBufferWriter<byte>();
        AxdrWriter.Bytes(xdlms, [0x01, 0x00, 0x00, 0x00, DlmsVersion]);
        AcseFields.WriteConformance(xdlms, ProposedConformance);
        AxdrWriter.UInt16(xdlms, MaxReceivePduSize);
        var octets = new ArrayBufferWriter<byte>();
        AcseFields.Tlv(octets, 0x04, xdlms.WrittenSpan);
        return octets.WrittenSpan.ToArray();
    }

    private static ProtocolError? ReadInitiate(ReadOnlySpan<byte> value, ref Aarq result)
    {
        var reader = new AxdrReader(value);
        if (!reader.TryByte(out var octetTag) || octetTag != 0x04 || !reader.TryLength(out _) || !reader.TryByte(out var tag))
        {
            return ProtocolError.Malformed("The user information is not an xDLMS APDU");
        }
        if (tag != 0x01)
        {
            return ProtocolError.Unsupported($"xDLMS APDU 0x{tag:X2} in an AARQ; ciphered associations are not supported");
        }
        // dedicated-key, response-allowed and proposed-quality-of-service are OPTIONAL/DEFAULT: 00 = absent.
        for (var i = 0; i < 3; i++)
        {
            if (!reader.TryByte(out var present) || present != 0)
            {
                return ProtocolError.Unsupported("Dedicated keys and quality of service are not supported");
            }
        }
        if (!reader.TryByte(out var version) || !AcseFields.TryReadConformance(ref reader, out var conformance) || !reader.TryUInt16(out var pdu))
        {
            return ProtocolError.Malformed("The InitiateRequest is cut short");
        }
        result = result with { DlmsVersion = version, ProposedConformance = conformance, MaxReceivePduSize = pdu };
        return null;
    }
}
