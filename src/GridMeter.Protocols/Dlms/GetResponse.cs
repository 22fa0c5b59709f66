using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// GET-Response (Green Book §9.3.6, tag 0xC4): Normal (0x01) carries the data or a Data-Access-Result;
/// With-Datablock (0x02) carries one block of the encoded data (last-block flag, block number from 1).
/// </summary>
public sealed record GetResponse(
    byte InvokeIdAndPriority,
    DlmsData? Data,
    DataAccessResult Result = DataAccessResult.Success,
    bool IsBlock = false,
    bool LastBlock = true,
    uint BlockNumber = 0,
    ReadOnlyMemory<byte> RawData = default)
{
    public const byte Tag = 0xC4;

    public static GetResponse Normal(DlmsData data, byte invokeIdAndPriority = GetRequest.DefaultInvokeId) => new(invokeIdAndPriority, data);

    public static GetResponse Error(DataAccessResult result, byte invokeIdAndPriority = GetRequest.DefaultInvokeId) =>
        new(invokeIdAndPriority, null, result);

    /// <summary>
    /// Green Book §9.4.6.9: the server sends data longer than the client's PDU size in blocks of raw
    /// A-XDR bytes. The first block is number 1.
    /// </summary>
    public static IEnumerable<GetResponse> Blocks(ReadOnlyMemory<byte> encodedData, int blockSize, byte invokeIdAndPriority = GetRequest.DefaultInvokeId)
    {
        if (blockSize < 1)
        {
            throw new ProtocolException("Blocks hold at least one byte");
        }
        var count = Math.Max(1, (encodedData.Length + blockSize - 1) / blockSize);
        for (var i = 0; i < count; i++)
        {
            var part = encodedData.Slice(i * blockSize, Math.Min(blockSize, encodedData.Length - (i * blockSize)));
            yield return new GetResponse(invokeIdAndPriority, null, DataAccessResult.Success, true, i == count - 1, (uint)i + 1, part);
        }
    }

    public void Encode(IBufferWriter<byte> output)
    {
        AxdrWriter.Byte(output, Tag);
        AxdrWriter.Byte(output, IsBlock ? (byte)0x02 : (byte)0x01);
        AxdrWriter.Byte(output, InvokeIdAndPriority);
        if (IsBlock)
        {
            AxdrWriter.Byte(output, LastBlock ? (byte)1 : (byte)0);
            AxdrWriter.UInt32(output, BlockNumber);
        }
        if (Result != DataAccessResult.Success)
        {
            AxdrWriter.Byte(output, 0x01);
            AxdrWriter.Byte(output, (byte)Result);
            return;
        }
        AxdrWriter.Byte(output, 0x00);
        if (IsBlock)
        {
            AxdrWriter.Length(output, RawData.Length);
            AxdrWriter.Bytes(output, RawData.Span);
            return;
        }
        DlmsDataCodec.Encode(Data ?? throw new ProtocolException("A successful GET-Response carries data"), output);
    }

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static DecodeResult<GetResponse> TryDecode(ReadOnlySpan<byte> apdu)
    {
        var reader = new AxdrReader(apdu);
        if (!reader.TryByte(out var tag) || !reader.TryByte(out var choice) || !reader.TryByte(out var invoke))
        {
            return apdu.IsEmpty || apdu[0] == Tag ? ProtocolError.Incomplete("GET-Response not complete") : ProtocolError.Malformed("Not a GET-Response");
        }
        if (tag != Tag)
        {
            return ProtocolError.Malformed($"Tag 0x{tag:X2} is not a GET-Response");
        }
        return choice switch
        {
            0x01 => ReadNormal(ref reader, invoke),
            0x02 => ReadBlock(ref reader, invoke),
            _ => ProtocolError.Unsupported($"GET-Response choice {choice} (with-list) is not supported"),
        };
    }

    private static DecodeResult<GetResponse> ReadNormal(ref AxdrReader reader, byte invoke)
    {
        if (!reader.TryByte(out var isError))
        {
            return ProtocolError.Malformed("GET-Response-Normal has no result");
        }
        if (isError == 1)
        {
            return reader.TryByte(out var dar) && dar != 0
                ? new DecodeResult<GetResponse>(Error((DataAccessResult)dar, invoke), reader.Position)
                : ProtocolError.Malformed("GET-Response-Normal has no Data-Access-Result");
        }
        if (isError != 0)
        {
            return ProtocolError.Malformed("Get-Data-Result is data (0) or an access result (1)");
        }
        if (DlmsDataCodec.TryRead(ref reader, 0, out var data) is { } error)
        {
            return error.Kind == ProtocolErrorKind.Incomplete ? ProtocolError.Malformed("GET-Response data missing") : error;
        }
        return new DecodeResult<GetResponse>(Normal(data!, invoke), reader.Position);
    }

    private static DecodeResult<GetResponse> ReadBlock(ref AxdrReader reader, byte invoke)
    {
        if (!reader.TryByte(out var last) || last > 1 || !reader.TryUInt32(out var number) || !reader.TryByte(out var isError))
        {
            return ProtocolError.Malformed("GET-Response-With-Datablock is cut short");
        }
        if (isError == 1)
        {
            return reader.TryByte(out var dar) && dar != 0
                ? new DecodeResult<GetResponse>(new GetResponse(invoke, null, (DataAccessResult)dar, true, last == 1, number), reader.Position)
                : ProtocolError.Malformed("Datablock has no Data-Access-Result");
        }
        if (isError != 0 || !reader.TryLength(out var length) || !reader.TryBytes(length, out var raw))
        {
            return ProtocolError.Malformed("Datablock raw data runs past the APDU");
        }
        return new DecodeResult<GetResponse>(new GetResponse(invoke, null, DataAccessResult.Success, true, last == 1, number, raw.ToArray()), reader.Position);
    }
}
