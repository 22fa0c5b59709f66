using System.Buffers;
using GridMeter.Protocols.Modbus;
using GridMeter.Simulator.Meters;

namespace GridMeter.Simulator.Serial;

/// <summary>
/// A DIN-rail meter on Modbus RTU (Eastron SDM120/SDM630 register maps): answers read requests for
/// its unit address from the virtual meter's values; other addresses on the bus are ignored, and a
/// request outside the map is answered with exception 02 (illegal data address).
/// </summary>
public sealed class ModbusRtuMeter(VirtualMeter meter, TimeProvider clock, byte unit, RegisterMap map) : ISerialMeter
{
    public async Task RunAsync(Stream wire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var reader = new WireReader(wire);
        while (await reader.ReadAsync(static m => ModbusRtu.TryDecodeRequest(m.Span), cancellationToken) is { } frame)
        {
            if (frame.Unit != unit)
            {
                continue;
            }
            var output = new ArrayBufferWriter<byte>();
            ModbusRtu.EncodeResponse(unit, Answer(frame.Pdu), output);
            await wire.WriteAsync(output.WrittenMemory, cancellationToken);
            await wire.FlushAsync(cancellationToken);
        }
    }

    private ModbusResponse Answer(ModbusRequest request)
    {
        if (request.Function != map.Function)
        {
            return ModbusResponse.Failure(request.Function, ModbusExceptionCode.IllegalFunction);
        }
        if (request.Quantity is 0 or > ModbusRequest.MaxReadQuantity || request.Address + request.Quantity > 0x0200)
        {
            return ModbusResponse.Failure(request.Function, ModbusExceptionCode.IllegalDataAddress);
        }
        var readout = MeterReadout.Of(meter, NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()));
        var registers = new ushort[request.Quantity];
        map.Encode(request.Address, registers, readout.All());
        return ModbusResponse.Read(request.Function, registers);
    }
}
