namespace GridMeter.Protocols.Dlms;

/// <summary>
/// One HDLC frame of the DLMS/COSEM three-layer profile (IEC 62056-46): addresses, control field, the
/// segmentation bit of the frame format and the information field. The control byte packs the frame type,
/// the poll/final bit and the send and receive sequence numbers (§6.4.3).
/// </summary>
public sealed record HdlcFrame(HdlcAddress Destination, HdlcAddress Source, byte Control, ReadOnlyMemory<byte> Information, bool Segmented = false)
{
    private const byte PollFinalBit = 0x10;

    public HdlcFrameType Type => (Control & 0x01) == 0 ? HdlcFrameType.Information : (Control & 0xEF) switch
    {
        0x83 => HdlcFrameType.SetNormalResponseMode,
        0x43 => HdlcFrameType.Disconnect,
        0x63 => HdlcFrameType.UnnumberedAcknowledge,
        0x0F => HdlcFrameType.DisconnectedMode,
        0x87 => HdlcFrameType.FrameReject,
        0x03 => HdlcFrameType.UnnumberedInformation,
        _ => (Control & 0x0F) switch
        {
            0x01 => HdlcFrameType.ReceiveReady,
            0x05 => HdlcFrameType.ReceiveNotReady,
            _ => HdlcFrameType.Unknown,
        },
    };

    public bool PollFinal => (Control & PollFinalBit) != 0;

    /// <summary>N(S) of an I-frame (0–7).</summary>
    public int SendSequence => (Control >> 1) & 0x07;

    /// <summary>N(R) of an I-, RR- or RNR-frame: the next N(S) the sender expects.</summary>
    public int ReceiveSequence => (Control >> 5) & 0x07;

    public static HdlcFrame Snrm(HdlcAddress server, HdlcAddress client, HdlcParameters? parameters = null) =>
        new(server, client, 0x83 | PollFinalBit, parameters?.ToArray() ?? ReadOnlyMemory<byte>.Empty);

    public static HdlcFrame Ua(HdlcAddress client, HdlcAddress server, HdlcParameters? parameters = null) =>
        new(client, server, 0x63 | PollFinalBit, parameters?.ToArray() ?? ReadOnlyMemory<byte>.Empty);

    public static HdlcFrame Disc(HdlcAddress server, HdlcAddress client) => new(server, client, 0x43 | PollFinalBit, ReadOnlyMemory<byte>.Empty);

    public static HdlcFrame Dm(HdlcAddress client, HdlcAddress server) => new(client, server, 0x0F | PollFinalBit, ReadOnlyMemory<byte>.Empty);

    public static HdlcFrame Rr(HdlcAddress destination, HdlcAddress source, int receiveSequence) =>
        new(destination, source, (byte)(0x01 | PollFinalBit | (Sequence(receiveSequence) << 5)), ReadOnlyMemory<byte>.Empty);

    /// <summary>An I-frame; <paramref name="segmented"/> when more segments of the same APDU follow (§6.4.2.3).</summary>
    public static HdlcFrame Info(HdlcAddress destination, HdlcAddress source, int sendSequence, int receiveSequence,
        ReadOnlyMemory<byte> information, bool segmented = false, bool final = true) =>
        new(destination, source, (byte)((Sequence(receiveSequence) << 5) | (final ? PollFinalBit : 0) | (Sequence(sendSequence) << 1)), information, segmented);

    private static int Sequence(int value) =>
        value is >= 0 and <= 7 ? value : throw new ProtocolException("HDLC sequence numbers are 0–7");
}
