using System.Buffers;
using System.Globalization;
using GridMeter.Protocols;
using GridMeter.Protocols.Iec62056;
using GridMeter.Simulator.Meters;

namespace GridMeter.Simulator.Serial;

/// <summary>
/// An IEC 62056-21 mode C meter: answers a sign-on "/?!" with its identification (9600 baud offered),
/// waits for the option select and sends the data readout with its BCC. Without an option select
/// within <see cref="OptionSelectTimeout"/> it sends the readout anyway, as §6.4.3 allows.
/// </summary>
public sealed class Iec62056ModeCMeter(VirtualMeter meter, TimeProvider clock) : ISerialMeter
{
    public TimeSpan OptionSelectTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

    public async Task RunAsync(Stream wire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var reader = new WireReader(wire);
        while (await reader.ReadAsync(static m => SignOnRequest.TryDecode(m.Span), cancellationToken) is { } request)
        {
            if (request.DeviceAddress.Length > 0 && request.DeviceAddress != meter.Id)
            {
                continue; // addressed to another meter on the bus
            }
            await SendAsync(wire, new IdentificationMessage("GMS", '5', "GridMeter-IEC").Encode, cancellationToken);
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                wait.CancelAfter(OptionSelectTimeout);
                try
                {
                    await reader.ReadAsync(static m => OptionSelectMessage.TryDecode(m.Span), wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // no option select: read out at the sign-on speed
                }
            }
            var readout = MeterReadout.Of(meter, NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()));
            await SendAsync(wire, Message(readout).Encode, cancellationToken);
        }
    }

    public static DataMessage Message(MeterReadout readout)
    {
        ArgumentNullException.ThrowIfNull(readout);
        var sets = new List<DataSet> { new("0.0.0", readout.MeterId) };
        foreach (var (obis, value) in readout.Registers.OrderBy(r => r.Key.C).ThenBy(r => r.Key.E))
        {
            sets.Add(new DataSet($"{obis.C}.{obis.D}.{obis.E}", value.ToString("000000.000", CultureInfo.InvariantCulture), "kWh"));
        }
        sets.Add(Live(readout, new Obis(1, 0, 1, 7, 0), "00.000", "kW"));
        sets.Add(Live(readout, new Obis(1, 0, 2, 7, 0), "00.000", "kW"));
        sets.Add(Live(readout, new Obis(1, 0, 32, 7, 0), "000.0", "V"));
        sets.Add(Live(readout, new Obis(1, 0, 31, 7, 0), "000.00", "A"));
        sets.Add(Live(readout, new Obis(1, 0, 14, 7, 0), "00.00", "Hz"));
        // IEC 62056-21 annex: 0.9.1 time hh:mm:ss and 0.9.2 date YY-MM-DD, local time of the meter.
        sets.Add(new DataSet("0.9.1", readout.LocalTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)));
        sets.Add(new DataSet("0.9.2", readout.LocalTime.ToString("yy-MM-dd", CultureInfo.InvariantCulture)));
        return new DataMessage(sets);
    }

    private static DataSet Live(MeterReadout readout, Obis obis, string format, string unit) =>
        new($"{obis.C}.{obis.D}.{obis.E}", readout.LiveValue(obis).ToString(format, CultureInfo.InvariantCulture), unit);

    private static async Task SendAsync(Stream wire, Action<IBufferWriter<byte>> encode, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        encode(buffer);
        await wire.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await wire.FlushAsync(cancellationToken);
    }
}
