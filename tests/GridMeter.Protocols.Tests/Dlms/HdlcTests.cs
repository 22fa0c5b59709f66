using FsCheck.Fluent;
using GridMeter.Protocols.Dlms;

namespace GridMeter.Protocols.Tests.Dlms;

/// <summary>
/// Golden frames from "Examples for DLMS/COSEM information exchange" by Gyozo Kmethy (DLMS User
/// Association) — client address byte 0x21 is client SAP 16 — and the widely quoted SNRM of client 16
/// to server 1. Check sequences of the other frames were computed independently with CRC-16/X.25.
/// </summary>
public sealed class HdlcTests
{
    private static readonly HdlcAddress Meter = new(1, 17, 4);
    private static readonly HdlcAddress Client = HdlcAddress.Client(16);

    [Fact]
    public void Snrm_to_a_four_byte_server_address_matches_the_dlms_ua_example()
    {
        const string Snrm = "7EA00A00020023219318717E";
        Assert.Equal(Snrm, Hex.Of(HdlcCodec.ToArray(HdlcFrame.Snrm(Meter, Client))));
        var frame = HdlcCodec.TryDecode(Hex.Bytes(Snrm)).Value;
        Assert.Equal((HdlcFrameType.SetNormalResponseMode, Meter, Client, true), (frame.Type, frame.Destination, frame.Source, frame.PollFinal));
    }

    [Fact]
    public void Snrm_of_client_16_to_server_1_is_the_familiar_seven_byte_frame()
    {
        Assert.Equal("7EA0070321930F017E", Hex.Of(HdlcCodec.ToArray(HdlcFrame.Snrm(HdlcAddress.Server(1), HdlcAddress.Client(16)))));
    }

    [Fact]
    public void Ua_of_the_dlms_ua_example_carries_the_negotiated_parameters()
    {
        var result = HdlcCodec.TryDecode(Hex.Bytes("7EA023210002002373F6C58180140502008006020080070400000001080400000001CE6A7E"));
        var frame = result.Value;
        Assert.Equal(37, result.Consumed);
        Assert.Equal((HdlcFrameType.UnnumberedAcknowledge, Client, Meter), (frame.Type, frame.Destination, frame.Source));
        Assert.Equal(new HdlcParameters(128, 128, 1, 1), HdlcParameters.TryDecode(frame.Information.Span).Value);
    }

    [Fact]
    public void Aarq_in_an_i_frame_matches_the_dlms_ua_example_byte_for_byte()
    {
        const string Frame = "7EA02E0002002321107ECBE6E600601DA109060760857405080101BE10040E01000000065F1F040000301DFFFFD4C57E";
        var aarq = new Aarq(ApplicationContext.LogicalName, (Conformance)0x00301D, 0xFFFF);
        var info = HdlcLlc.Wrap(aarq.ToArray(), response: false);
        Assert.Equal(Frame, Hex.Of(HdlcCodec.ToArray(HdlcFrame.Info(Meter, Client, 0, 0, info))));

        var decoded = HdlcCodec.TryDecode(Hex.Bytes(Frame)).Value;
        Assert.Equal((HdlcFrameType.Information, 0, 0), (decoded.Type, decoded.SendSequence, decoded.ReceiveSequence));
        Assert.Equal(aarq, Aarq.TryDecode(HdlcLlc.Strip(decoded.Information).Value.Span).Value with { Password = aarq.Password });
    }

    [Theory]
    [InlineData(3, "7EA00703215303C77E")]
    [InlineData(1, "7EA007032151 11E4 7E")]
    public void Disc_and_rr_frames_carry_only_an_fcs(int kind, string hex)
    {
        var frame = kind == 3 ? HdlcFrame.Disc(HdlcAddress.Server(1), HdlcAddress.Client(16)) : HdlcFrame.Rr(HdlcAddress.Server(1), HdlcAddress.Client(16), 2);
        Assert.Equal(hex.Replace(" ", "", StringComparison.Ordinal), Hex.Of(HdlcCodec.ToArray(frame)));
        Assert.Equal(frame.Type, HdlcCodec.TryDecode(Hex.Bytes(hex)).Value.Type);
    }

    [Fact]
    public void A_damaged_byte_fails_the_hcs_or_fcs_and_a_short_buffer_asks_for_more()
    {
        var frame = Hex.Bytes("7EA023210002002373F6C58180140502008006020080070400000001080400000001CE6A7E");
        for (var i = 1; i < frame.Length - 1; i++)
        {
            var damaged = (byte[])frame.Clone();
            damaged[i] ^= 0x40;
            Assert.False(HdlcCodec.TryDecode(damaged).IsSuccess, $"byte {i}");
        }
        Assert.True(HdlcCodec.TryDecode(frame.AsSpan(0, 20)).IsIncomplete);
    }

    [Fact]
    public void Segmented_i_frames_keep_the_segmentation_bit_and_sequence_numbers()
    {
        var frame = HdlcFrame.Info(HdlcAddress.Client(16), HdlcAddress.Server(1, 17), 5, 3, new byte[300], segmented: true);
        var bytes = HdlcCodec.ToArray(frame);
        Assert.Equal(0xA8 | (bytes.Length - 2) >> 8, bytes[1]);
        var decoded = HdlcCodec.TryDecode(bytes).Value;
        Assert.Equal((true, 5, 3, 300), (decoded.Segmented, decoded.SendSequence, decoded.ReceiveSequence, decoded.Information.Length));
    }

    [Fact]
    public void Random_frames_survive_encode_and_decode()
    {
        var address = Gen.OneOf(
            Gen.Choose(0, 0x7F).Select(a => HdlcAddress.Client((byte)a)),
            Gen.Zip(Gen.Choose(0, 0x7F), Gen.Choose(0, 0x7F)).Select(p => new HdlcAddress((ushort)p.Item1, (ushort)p.Item2, 2)),
            Gen.Zip(Gen.Choose(0, 0x3FFF), Gen.Choose(0, 0x3FFF)).Select(p => new HdlcAddress((ushort)p.Item1, (ushort)p.Item2, 4)));
        var frames = from destination in address
                     from source in address
                     from control in Gen.Choose(0, 255)
                     from info in Properties.Bytes(200)
                     from segmented in Gen.Elements(true, false)
                     select new HdlcFrame(destination, source, (byte)control, info, segmented);
        Properties.ForAll(frames, frame =>
        {
            var decoded = HdlcCodec.TryDecode(HdlcCodec.ToArray(frame));
            return decoded.IsSuccess && decoded.Value.Destination == frame.Destination && decoded.Value.Source == frame.Source
                && decoded.Value.Control == frame.Control && decoded.Value.Segmented == frame.Segmented
                && decoded.Value.Information.Span.SequenceEqual(frame.Information.Span);
        });
    }

    [Fact]
    public void Random_bytes_never_throw_from_the_hdlc_decoders()
    {
        Properties.ForAll(Properties.Bytes(64), bytes =>
        {
            _ = HdlcCodec.TryDecode(bytes);
            _ = HdlcCodec.TryDecode([0x7E, 0xA0, .. bytes]);
            _ = HdlcParameters.TryDecode(bytes);
            _ = HdlcParameters.TryDecode([0x81, 0x80, .. bytes]);
            _ = WrapperFrame.TryDecode(bytes);
        });
    }
}
