using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// ACTION-Request-Normal (Green Book §9.3.6, tag 0xC3, choice 0x01): invoke a method of a COSEM object,
/// optionally with parameters, e.g. remote_disconnect of the disconnect control (class 70, method 1).
/// </summary>
public sealed record ActionRequest(byte InvokeIdAndPriority, CosemMethod Method, DlmsData? Parameters = null)
{
    public const byte Tag = 0xC3;

    public void Encode(IBufferWriter<byte> output)
    {
        AxdrWriter.Bytes(output, [Tag, 0x01, InvokeIdAndPriority]);
        Method.AsDescriptor.Write(output.GetSpan(CosemAttribute.Length));
        output.Advance(CosemAttribute.Length);
        AxdrWriter.Byte(output, Parameters is null ? (byte)0 : (byte)1);
        if (Parameters is not null)
        {
            DlmsDataCodec.Encode(Parameters, output);
        }
    }

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static DecodeResult<ActionRequest> TryDecode(ReadOnlySpan<byte> apdu)
    {
        var reader = new AxdrReader(apdu);
        if (!reader.TryByte(out var tag) || !reader.TryByte(out var choice) || !reader.TryByte(out var invoke)
            || !reader.TryBytes(CosemAttribute.Length, out var descriptor) || !reader.TryByte(out var hasParameters))
        {
            return apdu.IsEmpty || apdu[0] == Tag ? ProtocolError.Incomplete("ACTION-Request not complete") : ProtocolError.Malformed("Not an ACTION-Request");
        }
        if (tag != Tag || choice != 0x01)
        {
            return tag != Tag ? ProtocolError.Malformed($"Tag 0x{tag:X2} is not an ACTION-Request")
                : ProtocolError.Unsupported($"ACTION-Request choice {choice} is not supported");
        }
        var d = CosemAttribute.Read(descriptor);
        var method = new CosemMethod(d.ClassId, d.Instance, d.Attribute);
        if (hasParameters == 0)
        {
            return new DecodeResult<ActionRequest>(new ActionRequest(invoke, method), reader.Position);
        }
        if (hasParameters != 1 || DlmsDataCodec.TryRead(ref reader, 0, out var parameters) is not null)
        {
            return ProtocolError.Malformed("The parameters of an ACTION-Request are malformed");
        }
        return new DecodeResult<ActionRequest>(new ActionRequest(invoke, method, parameters), reader.Position);
    }
}
