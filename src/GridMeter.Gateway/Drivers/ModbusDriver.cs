using System.Buffers;
using System.Threading.Channels;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Serial;
using GridMeter.Protocols;
using GridMeter.Protocols.Modbus;

namespace GridMeter.Gateway.Drivers;

/// <summary>
/// Polls a DIN-rail meter over Modbus RTU (serial, CRC) or Modbus TCP (MBAP header): reads the blocks
/// of its register map's read plan and decodes them into values.
/// </summary>
public sealed class ModbusDriver(MeterConfig meter, TimeProvider clock, ILogger logger) : MeterDriver(meter, clock, logger)
{
    private readonly RegisterMap _map = RegisterMaps.Find(meter.Map) ?? throw new ArgumentException($"no register map '{meter.Map}'", nameof(meter));
    private readonly bool _tcp = meter.Protocol == "modbus-tcp";
    private ushort _transaction;

    protected override LineSettings InitialSettings => new(Meter.Baud ?? 9600);

    protected override async Task RunSessionAsync(IMeterLine line, ChannelWriter<MeterSample> samples, CancellationToken cancellationToken)
    {
        var reader = new FrameReader(line, 1024);
        var plan = _map.ReadPlan();
        var unit = (byte)Meter.Address;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Meter.PollSeconds), Clock);
        do
        {
            var values = new List<MeterValue>();
            foreach (var block in plan)
            {
                reader.Clear();
                var request = block.ToRequest(_map.Function);
                var output = new ArrayBufferWriter<byte>(32);
                var transaction = ++_transaction;
                if (_tcp)
                {
                    ModbusTcp.EncodeRequest(new ModbusFrame<ModbusRequest>(unit, request, transaction), output);
                }
                else
                {
                    ModbusRtu.EncodeRequest(unit, request, output);
                }
                await line.WriteAsync(output.WrittenMemory, cancellationToken);
                var frame = await reader.ReadAsync(
                    m => _tcp ? ModbusTcp.TryDecodeResponse(m.Span) : ModbusRtu.TryDecodeResponse(m.Span), TimeSpan.FromSeconds(2), cancellationToken);
                if (frame.Unit != unit || (_tcp && frame.TransactionId != transaction))
                {
                    throw new ProtocolException($"answer from unit {frame.Unit} (transaction {frame.TransactionId}), expected {unit}");
                }
                if (frame.Pdu.Exception is { } exception)
                {
                    throw new ProtocolException($"meter {Meter.Id} answered exception {exception} for {block}");
                }
                values.AddRange(_map.Decode(block.Start, frame.Pdu.Registers.Span));
            }
            await samples.WriteAsync(new MeterSample(Meter.Id, Now, values), cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }
}
