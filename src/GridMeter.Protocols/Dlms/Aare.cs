using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// AARE, the association response (Green Book §9.4.2.2, §11.2): the result, its diagnostic from the
/// acse-service-user (0 null, 1 no reason, 2 application context not supported, 13 authentication
/// failure …) and, when accepted, the xDLMS InitiateResponse (negotiated conformance, server max receive
/// PDU size, VAA name 0x0007 for logical names).
/// </summary>
public sealed record Aare(
    ApplicationContext Context,
    AssociationResult Result,
    byte Diagnostic,
    Conformance NegotiatedConformance,
    ushort MaxReceivePduSize,
    ushort VaaName = 0x0007,
    byte DlmsVersion = 6)
{
    public const byte Tag = 0x61;

    /// <summary>acse-service-user diagnostic 13: the password did not match.</summary>
    public const byte AuthenticationFailure = 13;

    public static Aare Accept(ApplicationContext context, Conformance conformance, ushort maxReceivePduSize) =>
        new(context, AssociationResult.Accepted, 0, conformance, maxReceivePduSize);

    public static Aare Reject(ApplicationContext context, byte diagnostic) =>
        new(context, AssociationResult.RejectedPermanent, diagnostic, Conformance.None, 0);

    public void Encode(IBufferWriter<byte> output)
    {
        var content = new ArrayBufferWriter<byte>();
        AcseFields.Tlv(content, 0xA1, AcseFields.ContextName(Context));
        AcseFields.Tlv(content, 0xA2, [0x02, 0x01, (byte)Result]);
        AcseFields.Tlv(content, 0xA3, [0xA1, 0x03, 0x02, 0x01, Diagnostic]);
        if (Result == AssociationResult.Accepted)
        {
            var xdlms = new ArrayBufferWriter<byte>();
            AxdrWriter.Bytes(xdlms, [0x08, 0x00, DlmsVersion]);
            AcseFields.WriteConformance(xdlms, NegotiatedConformance);
            AxdrWriter.UInt16(xdlms, MaxReceivePduSize);
            AxdrWriter.UInt16(xdlms, VaaName);
            var octets = new ArrayBufferWriter<byte>();
            AcseFields.Tlv(octets, 0x04, xdlms.WrittenSpan);
            AcseFields.Tlv(content, 0xBE, octets.WrittenSpan);
        }
        AcseFields.Tlv(output, Tag, content.WrittenSpan);
    }

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static DecodeResult<Aare> TryDecode(ReadOnlySpan<byte> apdu)
    {
        var result = new Aare(0, AssociationResult.RejectedPermanent, 1, Conformance.None, 0);
        var seenResult = false;
        var error = AcseFields.ReadFields(apdu, Tag, (tag, value) =>
        {
            switch (tag)
            {
                case 0xA1 when AcseFields.TryReadOid(value, AcseFields.ContextNameArc, out var context):
                    result = result with { Context = (ApplicationContext)context };
                    return null;
                case 0xA2 when value.Length == 3 && value[0] == 0x02 && value[1] == 0x01:
                    seenResult = true;
                    result = result with { Result = (AssociationResult)value[2] };
                    return null;
                case 0xA3 when value.Length == 5 && value[1] == 0x03 && value[2] == 0x02 && value[3] == 0x01:
                    result = result with { Diagnostic = value[4] };
                    return null;
                case 0xBE:
                    return ReadInitiateResponse(value, ref result);
                case 0xA1 or 0xA2 or 0xA3:
                    return ProtocolError.Malformed($"AARE field 0x{tag:X2} is not as Green Book §9.4.2 defines it");
                default:
                    return null;
            }
        }, out var consumed);
        if (error is { } e)
        {
            return e;
        }
        return !seenResult || result.Context == 0
            ? ProtocolError.Malformed("An AARE needs an application context and a result")
            : new DecodeResult<Aare>(result, consumed);
    }

    private static ProtocolError? ReadInitiateResponse(ReadOnlySpan<byte> value, ref Aare result)
    {
        var reader = new AxdrReader(value);
        if (!reader.TryByte(out var octetTag) || octetTag != 0x04 || !reader.TryLength(out _) || !reader.TryByte(out var tag))
        {
            return ProtocolError.Malformed("The user information is not an xDLMS APDU");
        }
        if (tag == 0x0E)
        {
            // ConfirmedServiceError: the server refused the InitiateRequest; the result says so already.
            return null;
        }
        if (tag != 0x08 || !reader.TryByte(out var qos) || qos != 0 || !reader.TryByte(out var version)
            || !AcseFields.TryReadConformance(ref reader, out var conformance) || !reader.TryUInt16(out var pdu) || !reader.TryUInt16(out var vaa))
        {
            return ProtocolError.Malformed("The InitiateResponse is not 08 00 version conformance pdu-size vaa-name");
        }
        result = result with { DlmsVersion = version, NegotiatedConformance = conformance, MaxReceivePduSize = pdu, VaaName = vaa };
        return null;
    }
}
