using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// Client side of a long GET (Green Book §9.4.6.9): collects the blocks of GET-Response-With-Datablock in
/// order, tells which GET-Request-Next to send, and decodes the data once the last block is in.
/// </summary>
public sealed class GetBlockTransfer
{
    private readonly ArrayBufferWriter<byte> _data = new();
    private uint _lastBlock;

    public bool IsComplete { get; private set; }

    /// <summary>Adds a block; an error when it is out of order, refused by the server, or after the last.</summary>
    public ProtocolError? Add(GetResponse block)
    {
        if (!block.IsBlock || IsComplete)
        {
            return ProtocolError.Malformed(IsComplete ? "A block after the last block" : "Not a datablock response");
        }
        if (block.Result != DataAccessResult.Success)
        {
            return ProtocolError.Malformed($"The server aborted the transfer: {block.Result}");
        }
        if (block.BlockNumber != _lastBlock + 1)
        {
            return ProtocolError.Malformed($"Block {block.BlockNumber} arrived; block {_lastBlock + 1} was expected");
        }
        _data.Write(block.RawData.Span);
        _lastBlock = block.BlockNumber;
        IsComplete = block.LastBlock;
        return null;
    }

    /// <summary>The request that acknowledges the last block and asks for the next.</summary>
    public GetRequest NextRequest(byte invokeIdAndPriority = GetRequest.DefaultInvokeId) => GetRequest.Next(_lastBlock, invokeIdAndPriority);

    public DecodeResult<DlmsData> Decode() =>
        IsComplete ? DlmsDataCodec.TryDecode(_data.WrittenSpan) : ProtocolError.Incomplete($"Only {_lastBlock} blocks received");
}
