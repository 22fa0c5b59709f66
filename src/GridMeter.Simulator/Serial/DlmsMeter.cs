using System.Buffers;
using System.Text;
using GridMeter.Protocols;
using GridMeter.Protocols.Dlms;
using GridMeter.Simulator.Meters;

namespace GridMeter.Simulator.Serial;

/// <summary>
/// A DLMS/COSEM meter (logical device 1, logical-name referencing): over HDLC on a serial line (SNRM/UA,
/// I-frames with LLC headers, DISC) or over the TCP wrapper. It accepts an association without security,
/// or with low-level security when a password is set (a wrong one is rejected with diagnostic 13), and
/// answers GET-Requests for its registers (class 3: value and scaler_unit) and its clock (class 8) from
/// the virtual meter; anything else is answered with object-undefined.
/// </summary>
public sealed class DlmsMeter(VirtualMeter meter, TimeProvider clock, bool wrapper, string password = "") : ISerialMeter
{
    private const ushort MaxPduSize = 1024;
    private static readonly HdlcParameters Parameters = new(MaxInfoTransmit: 512, MaxInfoReceive: 512);

    public async Task RunAsync(Stream wire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var reader = new WireReader(wire);
        var associated = false;
        if (wrapper)
        {
            while (await reader.ReadAsync(static m => WrapperFrame.TryDecode(m.Span), cancellationToken) is { } request)
            {
                var answer = Answer(request.Apdu, ref associated);
                if (answer is not null)
                {
                    await SendAsync(wire, new WrapperFrame(request.Destination, request.Source, answer).Encode, cancellationToken);
                }
            }
            return;
        }
        int send = 0, receive = 0;
        while (await reader.ReadAsync(static m => HdlcCodec.TryDecode(m.Span), cancellationToken) is { } frame)
        {
            HdlcFrame? reply = null;
            switch (frame.Type)
            {
                case HdlcFrameType.SetNormalResponseMode:
                    (send, receive, associated) = (0, 0, false);
                    reply = HdlcFrame.Ua(frame.Source, frame.Destination, Parameters);
                    break;
                case HdlcFrameType.Disconnect:
                    associated = false;
                    reply = HdlcFrame.Ua(frame.Source, frame.Destination);
                    break;
                case HdlcFrameType.Information:
                    var apdu = HdlcLlc.Strip(frame.Information);
                    if (!apdu.IsSuccess || frame.Segmented)
                    {
                        reply = HdlcFrame.Dm(frame.Source, frame.Destination);
                        break;
                    }
                    receive = (frame.SendSequence + 1) % 8;
                    var answer = Answer(apdu.Value, ref associated);
                    if (answer is not null)
                    {
                        reply = HdlcFrame.Info(frame.Source, frame.Destination, send, receive, HdlcLlc.Wrap(answer, response: true));
                        send = (send + 1) % 8;
                    }
                    break;
                case HdlcFrameType.ReceiveReady:
                    reply = HdlcFrame.Rr(frame.Source, frame.Destination, receive);
                    break;
            }
            if (reply is not null)
            {
                await SendAsync(wire, output => HdlcCodec.Encode(reply, output), cancellationToken);
            }
        }
    }

    /// <summary>The answer APDU to one request APDU, or null when none is due.</summary>
    private byte[]? Answer(ReadOnlyMemory<byte> apdu, ref bool associated)
    {
        var span = apdu.Span;
        if (span.IsEmpty)
        {
            return null;
        }
        if (span[0] == Aarq.Tag)
        {
            var aarq = Aarq.TryDecode(span);
            if (!aarq.IsSuccess || aarq.Value.Context != ApplicationContext.LogicalName)
            {
                return Aare.Reject(ApplicationContext.LogicalName, 2).ToArray();
            }
            var given = Encoding.ASCII.GetString(aarq.Value.Password.Span);
            if (given != password)
            {
                return Aare.Reject(ApplicationContext.LogicalName, Aare.AuthenticationFailure).ToArray();
            }
            associated = true;
            return Aare.Accept(ApplicationContext.LogicalName, Conformance.Read | Conformance.BlockTransferWithGetOrRead, MaxPduSize).ToArray();
        }
        if (span[0] == GetRequest.Tag)
        {
            var request = GetRequest.TryDecode(span);
            if (!request.IsSuccess)
            {
                return null;
            }
            var invoke = request.Value.InvokeIdAndPriority;
            if (!associated)
            {
                return GetResponse.Error(DataAccessResult.ReadWriteDenied, invoke).ToArray();
            }
            var data = Read(request.Value.Attribute);
            return (data is null ? GetResponse.Error(DataAccessResult.ObjectUndefined, invoke) : GetResponse.Normal(data, invoke)).ToArray();
        }
        return null;
    }

    private DlmsData? Read(CosemAttribute attribute)
    {
        var readout = MeterReadout.Of(meter, NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()));
        if (attribute == CosemClock.Time)
        {
            return CosemClock.TimeData(readout.LocalTime.ToDateTimeOffset(), readout.LocalTime.IsDaylightSavingTime());
        }
        if (attribute.ClassId != CosemRegister.ClassId || attribute.Attribute is not (CosemRegister.ValueAttribute or CosemRegister.ScalerUnitAttribute))
        {
            return null;
        }
        var obis = attribute.Instance;
        decimal value;
        if (readout.Registers.TryGetValue(obis, out var register))
        {
            value = register * 1000m; // kWh → Wh
        }
        else if (readout.Live.TryGetValue(obis, out var live))
        {
            value = IsPower(obis) ? live * 1000m : live; // kW → W
        }
        else
        {
            return null;
        }
        var scaler = ScalerOf(obis);
        if (attribute.Attribute == CosemRegister.ScalerUnitAttribute)
        {
            return scaler.ToData();
        }
        var raw = decimal.Round(value / Pow10(scaler.Scaler));
        return obis.D == 8 ? DlmsData.UInt32((uint)raw) : DlmsData.Int32((int)raw);
    }

    /// <summary>Energy registers in Wh; power in W; voltage in 0.1 V; current and frequency in 0.01.</summary>
    private static ScalerUnit ScalerOf(Obis obis) => obis switch
    {
        { D: 8 } => new ScalerUnit(0, obis.C % 20 is 3 or 4 ? DlmsUnit.VarHour : DlmsUnit.WattHour),
        { C: 14 } => new ScalerUnit(-2, DlmsUnit.Hertz),
        _ when obis.C % 20 == 12 => new ScalerUnit(-1, DlmsUnit.Volt),
        _ when obis.C % 20 == 11 => new ScalerUnit(-2, DlmsUnit.Ampere),
        _ => new ScalerUnit(0, obis.C % 20 is 3 or 4 ? DlmsUnit.Var : DlmsUnit.Watt),
    };

    private static bool IsPower(Obis obis) => obis.C != 14 && obis.C % 20 is not (11 or 12);

    private static decimal Pow10(sbyte scaler)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs((int)scaler); i++)
        {
            result = scaler > 0 ? result * 10m : result / 10m;
        }
        return result;
    }

    private static async Task SendAsync(Stream wire, Action<IBufferWriter<byte>> encode, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        encode(buffer);
        await wire.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await wire.FlushAsync(cancellationToken);
    }
}
