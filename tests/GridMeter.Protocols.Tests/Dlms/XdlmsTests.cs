using System.Buffers;
using GridMeter.Protocols.Dlms;

namespace GridMeter.Protocols.Tests.Dlms;

public sealed class XdlmsTests
{
    private static readonly Obis ActiveImport = Obis.Parse("1-0:1.8.0");

    [Fact]
    public void Get_request_for_a_register_value_is_c0_01_c1_class_3_logical_name_attribute_2()
    {
        // Green Book §9.3.6 GET-Request-Normal: C0 01 invoke (C1) class-id 0003, 01 00 01 08 00 FF, attribute 02, no access.
        var bytes = GetRequest.Normal(CosemRegister.Value(ActiveImport)).ToArray();
        Assert.Equal("C001C100030100010800FF0200", Hex.Of(bytes));
        Assert.Equal(GetRequest.Normal(CosemRegister.Value(ActiveImport)), GetRequest.TryDecode(bytes).Value);
    }

    [Fact]
    public void Register_value_and_scaler_unit_give_kwh()
    {
        // double-long-unsigned 12345678 Wh with scaler 0 → 12345.678 kWh.
        var value = GetResponse.TryDecode(Hex.Bytes("C401C100 06 00BC614E")).Value;
        var scaler = GetResponse.TryDecode(Hex.Bytes("C401C100 02020F00161E")).Value;
        Assert.Equal(new MeterValue(ActiveImport, 12345.678m, "kWh"), CosemRegister.Read(ActiveImport, value.Data!, scaler.Data!).Value);
        Assert.Equal(new MeterValue(Obis.Parse("1-0:32.7.0"), 230.1m, "V"),
            CosemRegister.Read(Obis.Parse("1-0:32.7.0"), DlmsData.UInt16(2301), new ScalerUnit(-1, DlmsUnit.Volt).ToData()).Value);
    }

    [Fact]
    public void Get_response_error_carries_the_data_access_result()
    {
        var bytes = GetResponse.Error(DataAccessResult.ObjectUndefined).ToArray();
        Assert.Equal("C401C10104", Hex.Of(bytes));
        Assert.Equal(DataAccessResult.ObjectUndefined, GetResponse.TryDecode(bytes).Value.Result);
    }

    [Fact]
    public void Long_profile_buffer_travels_in_blocks_and_is_reassembled()
    {
        var buffer = DlmsData.Array([.. Enumerable.Range(0, 96).Select(i => DlmsData.Structure(DlmsData.UInt32((uint)i * 250), DlmsData.UInt8(0)))]);
        var encoded = DlmsDataCodec.ToArray(buffer);
        var transfer = new GetBlockTransfer();
        var blocks = GetResponse.Blocks(encoded, 200).ToList();
        Assert.True(blocks.Count > 3);
        foreach (var block in blocks)
        {
            var wire = GetResponse.TryDecode(block.ToArray()).Value;
            Assert.Null(transfer.Add(wire));
            Assert.Equal($"C002C1{block.BlockNumber:X8}", Hex.Of(transfer.NextRequest().ToArray()));
        }
        Assert.Equal(buffer, transfer.Decode().Value);
        Assert.NotNull(transfer.Add(blocks[0]));
    }

    [Fact]
    public void Out_of_order_block_is_refused()
    {
        var blocks = GetResponse.Blocks(new byte[50], 10).ToList();
        var transfer = new GetBlockTransfer();
        Assert.NotNull(transfer.Add(blocks[1]));
        Assert.True(transfer.Decode().IsIncomplete);
    }

    [Fact]
    public void Remote_disconnect_invokes_method_1_of_class_70_with_integer_0()
    {
        // Blue Book §4.5.8: remote_disconnect (data) with data ::= integer(0).
        var bytes = DisconnectControl.RemoteDisconnect().ToArray();
        Assert.Equal("C301C10046000060030AFF01010F00", Hex.Of(bytes));
        Assert.Equal(DisconnectControl.RemoteDisconnect(), ActionRequest.TryDecode(bytes).Value);
        Assert.Equal("C301C10046000060030AFF02010F00", Hex.Of(DisconnectControl.RemoteReconnect().ToArray()));
    }

    [Fact]
    public void Action_response_and_control_state_read_back()
    {
        var ok = new ActionResponse(0xC1, ActionResult.Success);
        Assert.Equal("C701C10000", Hex.Of(ok.ToArray()));
        Assert.Equal(ok, ActionResponse.TryDecode(ok.ToArray()).Value);
        var withData = new ActionResponse(0xC1, ActionResult.Success, DlmsData.Enum(0));
        Assert.Equal(withData, ActionResponse.TryDecode(withData.ToArray()).Value);
        Assert.Equal(ControlState.ReadyForReconnection, DisconnectControl.ReadControlState(DlmsData.Enum(2)).Value);
        Assert.False(DisconnectControl.ReadOutputState(DlmsData.Boolean(false)).Value);
    }

    [Fact]
    public void Wrapper_frame_carries_version_1_ports_and_length()
    {
        // IEC 62056-47 §5.2: 0001, source wPort 0010 (public client), destination 0001 (management device), length.
        var apdu = GetRequest.Normal(CosemClock.Time).ToArray();
        var bytes = new WrapperFrame(0x10, 0x01, apdu).ToArray();
        Assert.Equal("000100100001000D" + "C001C100080000010000FF0200", Hex.Of(bytes));
        var decoded = WrapperFrame.TryDecode(bytes);
        Assert.Equal((0x10, 0x01, 21), (decoded.Value.Source, decoded.Value.Destination, decoded.Consumed));
        Assert.True(WrapperFrame.TryDecode(bytes.AsSpan(0, 12)).IsIncomplete);
        Assert.Equal(ProtocolErrorKind.Unsupported, WrapperFrame.TryDecode(Hex.Bytes("0002001000010000")).Error.Kind);
    }

    [Fact]
    public void Profile_read_by_range_selects_the_clock_column()
    {
        var start = CosemDateTime.From(DateTimeOffset.Parse("2026-11-21T00:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture));
        var end = start with { Day = 22 };
        var request = GetRequest.Normal(ProfileGeneric.Buffer(ProfileGeneric.LoadProfile), ProfileGeneric.Range(start, end));
        var hex = Hex.Of(request.ToArray());
        // Blue Book §4.3.6 range_descriptor: structure of 4 — the clock capture object, from, to, all columns.
        Assert.StartsWith("C001C100070100630100FF0201010204020412000809060000010000FF0F02120000090C07EA0B1506", hex, StringComparison.Ordinal);
        Assert.Equal(request, GetRequest.TryDecode(request.ToArray()).Value);
    }
}
