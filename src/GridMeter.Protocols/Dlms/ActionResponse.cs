using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// ACTION-Response-Normal (Green Book §9.3.6, tag 0xC7, choice 0x01): the Action-Result and, optionally,
/// return parameters (a Get-Data-Result: data, or a Data-Access-Result).
/// </summary>
public sealed record ActionResponse(byte InvokeIdAndPriority, ActionResult Result, DlmsData? ReturnData = null)
{
    public const byte Tag = 0xC7;

    public void Encode(IBufferWriter<byte> output)
    {
        AxdrWriter.Bytes(output, [Tag, 0x01, InvokeIdAndPriority, (byte)Result]);
        if (ReturnData is null)
        {
            AxdrWriter.Byte(output, 0x00);
            return;
        }
        AxdrWriter.Bytes(output, [0x01, 0x00]);
        DlmsDataCodec.Encode(ReturnData, output);
    }

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static DecodeResult<ActionResponse> TryDecode(ReadOnlySpan<byte> apdu)
    {
        var reader = new AxdrReader(apdu);
        if (!reader.TryByte(out var tag) || !reader.TryByte(out var choice) || !reader.TryByte(out var invoke)
            || !reader.TryByte(out var result) || !reader.TryByte(out var hasReturn))
        {
            return apdu.IsEmpty || apdu[0] == Tag ? ProtocolError.Incomplete("ACTION-Response not complete") : ProtocolError.Malformed("Not an ACTION-Response");
        }
        if (tag != Tag || choice != 0x01)
        {
            return tag != Tag ? ProtocolError.Malformed($"Tag 0x{tag:X2} is not an ACTION-Response")
                : ProtocolError.Unsupported($"ACTION-Response choice {choice} is not supported");
        }
        if (hasReturn == 0)
        {
            return new DecodeResult<ActionResponse>(new ActionResponse(invoke, (ActionResult)result), reader.Position);
        }
        if (hasReturn != 1 || !reader.TryByte(out var isError))
        {
            return ProtocolError.Malformed("The return parameters of an ACTION-Response are malformed");
        }
        if (isError == 1)
        {
            // A Data-Access-Result instead of return data: the Action-Result already says it failed.
            return reader.TryByte(out _) ? new DecodeResult<ActionResponse>(new ActionResponse(invoke, (ActionResult)result), reader.Position)
                : ProtocolError.Malformed("Return Data-Access-Result missing");
        }
        if (isError != 0 || DlmsDataCodec.TryRead(ref reader, 0, out var data) is not null)
        {
            return ProtocolError.Malformed("The return data of an ACTION-Response is malformed");
        }
        return new DecodeResult<ActionResponse>(new ActionResponse(invoke, (ActionResult)result, data), reader.Position);
    }
}
