using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// GET-Request (Green Book §9.3.6, tag 0xC0): Normal (0x01) reads one attribute, optionally with selective
/// access; Next (0x02) asks for the next block of a long response. The invoke-id-and-priority byte 0xC1 is
/// invoke id 1, confirmed, high priority.
/// </summary>
public sealed record GetRequest(byte InvokeIdAndPriority, CosemAttribute Attribute, SelectiveAccess? Access = null, uint? NextBlock = null)
{
    public const byte Tag = 0xC0;
    public const byte DefaultInvokeId = 0xC1;

    public static GetRequest Normal(CosemAttribute attribute, SelectiveAccess? access = null, byte invokeIdAndPriority = DefaultInvokeId) =>
        new(invokeIdAndPriority, attribute, access);

    /// <summary>GET-Request-Next acknowledging <paramref name="blockNumber"/> (the block just received).</summary>
    public static GetRequest Next(uint blockNumber, byte invokeIdAndPriority = DefaultInvokeId) =>
        new(invokeIdAndPriority, default, null, blockNumber);

    public void Encode(IBufferWriter<byte> output)
    {
        AxdrWriter.Byte(output, Tag);
        AxdrWriter.Byte(output, NextBlock is null ? (byte)0x01 : (byte)0x02);
        AxdrWriter.Byte(output, InvokeIdAndPriority);
        if (NextBlock is { } block)
        {
            AxdrWriter.UInt32(output, block);
            return;
        }
        Attribute.Write(output.GetSpan(CosemAttribute.Length));
        output.Advance(CosemAttribute.Length);
        if (Access is null)
        {
            AxdrWriter.Byte(output, 0x00);
            return;
        }
        AxdrWriter.Byte(output, 0x01);
        AxdrWriter.Byte(output, Access.Selector);
        DlmsDataCodec.Encode(Access.Parameters, output);
    }

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static DecodeResult<GetRequest> TryDecode(ReadOnlySpan<byte> apdu)
    {
        var reader = new AxdrReader(apdu);
        if (!reader.TryByte(out var tag) || !reader.TryByte(out var choice) || !reader.TryByte(out var invoke))
        {
            return apdu.IsEmpty || apdu[0] == Tag ? ProtocolError.Incomplete("GET-Request not complete") : ProtocolError.Malformed("Not a GET-Request");
        }
        if (tag != Tag)
        {
            return ProtocolError.Malformed($"Tag 0x{tag:X2} is not a GET-Request");
        }
        if (choice == 0x02)
        {
            return reader.TryUInt32(out var block)
                ? new DecodeResult<GetRequest>(Next(block, invoke), reader.Position)
                : ProtocolError.Malformed("GET-Request-Next has no block number");
        }
        if (choice != 0x01)
        {
            return ProtocolError.Unsupported($"GET-Request choice {choice} (with-list) is not supported");
        }
        if (!reader.TryBytes(CosemAttribute.Length, out var descriptor) || !reader.TryByte(out var hasAccess))
        {
            return ProtocolError.Malformed("GET-Request-Normal is cut short");
        }
        var attribute = CosemAttribute.Read(descriptor);
        if (hasAccess == 0)
        {
            return new DecodeResult<GetRequest>(Normal(attribute, null, invoke), reader.Position);
        }
        if (hasAccess != 1 || !reader.TryByte(out var selector) || DlmsDataCodec.TryRead(ref reader, 0, out var parameters) is not null)
        {
            return ProtocolError.Malformed("The selective access of a GET-Request is malformed");
        }
        return new DecodeResult<GetRequest>(Normal(attribute, new SelectiveAccess(selector, parameters!), invoke), reader.Position);
    }
}
